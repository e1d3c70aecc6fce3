using CityCoop.Workflows;
using System.Globalization;
using System.Text.Json;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Json;

namespace CityCoop.Domain.Memorandums;

/// <summary>
/// What the Japanese platform drafts for a fiscal year: the target city pairs, the activities planned by kind and number,
/// the visits planned to Chinese cities by month, and an optional summary. Its rules are checked when a memorandum
/// records it (<see cref="FiscalYearMemorandum.RecordPlan"/>), against the cities and the fiscal year.
/// </summary>
/// <param name="Pairs">Target pairs, distinct.</param>
/// <param name="Activities">Planned activities, one entry per kind.</param>
/// <param name="Visits">Planned visits, distinct by city and month; may be empty.</param>
/// <param name="Summary">Free text about the plan, several lines; empty when none.</param>
public sealed record MemorandumPlan(
    IReadOnlyList<MemorandumCityPair> Pairs,
    IReadOnlyList<PlannedActivity> Activities,
    IReadOnlyList<PlannedVisit> Visits,
    string Summary = "")
{
    /// <summary>
    /// Reads the workflow input <c>plan</c>: <c>{"pairs":[{"japanese":"kitakyushu","chinese":"shanghai"}],
    /// "activities":[{"kind":"local-seminar","count":2}],"visits":[{"city":"wuhan","month":"2015-07"}],"summary":"…"}</c>,
    /// kinds as in <see cref="Proposals.ActivityInput.Kinds"/>, months as <c>yyyy-MM</c>. Read with <see cref="JsonInput.Options"/>.
    /// </summary>
    /// <exception cref="DomainRuleException">
    /// Not an object of this shape (the field is the member at fault), a pair or visit without its cities, an activity
    /// without kind or count, or a month not written <c>yyyy-MM</c> (code <c>memorandum-month-format</c>).
    /// </exception>
    public static MemorandumPlan FromJson(JsonElement json, string field)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new DomainRuleException(field, DomainText.Of("memorandum-plan-shape", "A plan is a JSON object with pairs, activities and visits.", ("field", field)));
        }

        PlanInput input;
        try
        {
            input = json.Deserialize<PlanInput>(JsonInput.Options) ?? throw new DomainRuleException(field, DomainText.Of("memorandum-plan-shape", "A plan is a JSON object with pairs, activities and visits.", ("field", field)));
        }
        catch (JsonException e)
        {
            var (member, reason) = JsonInput.Refusal(e, field);
            throw new DomainRuleException(member, reason);
        }

        var pairs = (input.Pairs ?? []).Select(p => new MemorandumCityPair(
            Required(p.Japanese, "pairs.japanese"),
            Required(p.Chinese, "pairs.chinese"))).ToList();
        var activities = (input.Activities ?? []).Select(a => new PlannedActivity(
            a.Kind ?? throw Missing("activities.kind"),
            a.Count ?? throw Missing("activities.count"))).ToList();
        var visits = (input.Visits ?? []).Select(v =>
        {
            var (year, month) = Month(Required(v.Month, "visits.month"));
            return new PlannedVisit(Required(v.City, "visits.city"), year, month);
        }).ToList();
        return new MemorandumPlan(pairs, activities, visits, input.Summary ?? string.Empty);
    }

    /// <summary>Parses <c>yyyy-MM</c> (e.g. <c>2015-07</c>).</summary>
    /// <exception cref="DomainRuleException">The text is not a month written so (code <c>memorandum-month-format</c>, arguments field, value).</exception>
    public static (int Year, int Month) Month(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? (first.Year, first.Month)
            : throw new DomainRuleException("visits.month", DomainText.Of("memorandum-month-format", $"visits.month: '{text}' is not a month written yyyy-MM, e.g. 2015-07.", ("field", "visits.month"), ("value", text)));
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(field) : value.Trim();

    private static DomainRuleException Missing(string field) =>
        new(field, DomainText.Of("input-required", $"{field} is required.", ("field", field)));

    private sealed record PlanInput(IReadOnlyList<PairInput>? Pairs, IReadOnlyList<ActivityCountInput>? Activities, IReadOnlyList<VisitInput>? Visits, string? Summary);

    private sealed record PairInput(string? Japanese, string? Chinese);

    private sealed record ActivityCountInput(ActivityKind? Kind, int? Count);

    private sealed record VisitInput(string? City, string? Month);
}
