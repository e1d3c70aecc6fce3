using CityCoop.Workflows;
using System.Globalization;
using System.Text.Json;
using CityCoop.Domain.Json;

namespace CityCoop.Domain.Memorandums;

/// <summary>
/// A memorandum as recorded in the sample data (<c>data/fy2015-memorandum.json</c>): the fiscal year, the plan in the
/// workflow's <c>plan</c> input shape, the day and the platforms that signed, the day and place of the confirmation,
/// and a comment on what the record does and does not say. A replay feeds it through the workflow at those dates.
/// </summary>
/// <param name="FiscalYear">The fiscal year.</param>
/// <param name="Plan">The plan, as the <c>record-plan</c> action takes it.</param>
/// <param name="SignedOn">The day both platforms signed.</param>
/// <param name="SignedBy">Organisation codes of the signing platforms.</param>
/// <param name="ConfirmedOn">The day the ministry side agreed.</param>
/// <param name="ConfirmedPlace">Where; empty when not recorded.</param>
/// <param name="Comment">What the record says about its own gaps.</param>
public sealed record RecordedMemorandum(
    int FiscalYear,
    JsonElement Plan,
    DateOnly SignedOn,
    IReadOnlyList<string> SignedBy,
    DateOnly ConfirmedOn,
    string ConfirmedPlace,
    string Comment)
{
    /// <summary>Reads a sample file's text.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="file">File name for messages.</param>
    /// <exception cref="DomainRuleException">Not JSON of this shape, a member missing, or a date not yyyy-MM-dd; the message names the file and member.</exception>
    public static RecordedMemorandum Parse(string json, string file)
    {
        FileShape shape;
        try
        {
            shape = JsonSerializer.Deserialize<FileShape>(json, JsonInput.Options) ?? throw Bad(file, "$", "is empty");
        }
        catch (JsonException e)
        {
            var (member, reason) = JsonInput.Refusal(e, "$");
            throw Bad(file, member, reason.English);
        }

        return new RecordedMemorandum(
            shape.FiscalYear ?? throw Bad(file, "fiscalYear", "is missing"),
            shape.Plan is { ValueKind: JsonValueKind.Object } plan ? plan.Clone() : throw Bad(file, "plan", "is missing or not an object"),
            Day(file, "signedOn", shape.SignedOn),
            shape.SignedBy is { Count: > 0 } by ? by : throw Bad(file, "signedBy", "is missing"),
            Day(file, "confirmedOn", shape.ConfirmedOn),
            shape.ConfirmedPlace ?? string.Empty,
            shape.Comment ?? string.Empty);
    }

    private static DateOnly Day(string file, string member, string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw Bad(file, member, "must be a date of the form yyyy-MM-dd");

    private static DomainRuleException Bad(string file, string member, string why) =>
        new(member, DomainText.Of("sample-file-invalid", $"{file}: {member} {why}.", ("file", file), ("field", member)));

    private sealed record FileShape(
        string? Comment,
        int? FiscalYear,
        string? SignedOn,
        IReadOnlyList<string>? SignedBy,
        string? ConfirmedOn,
        string? ConfirmedPlace,
        JsonElement? Plan);
}
