using System.Globalization;
using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Memorandums;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Memorandums;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Replay;

/// <summary>One replayed memorandum: its id, fiscal year and the state it ended in.</summary>
/// <param name="MemorandumId">The memorandum's id.</param>
/// <param name="FiscalYear">Its fiscal year.</param>
/// <param name="FinalState">The state the replay left it in (<c>in-force</c>; the system closes it at the fiscal-year end).</param>
public sealed record ReplayedMemorandum(Guid MemorandumId, int FiscalYear, string FinalState);

/// <summary>
/// Runs the recorded memorandums of a sample-data folder (<c>fy&lt;year&gt;-memorandum.json</c>) through the memorandum
/// workflow with the clock at the recorded dates: the plan is drafted, submitted and agreed on the day of signature
/// (dates the record does not give, journalled <c>assumed</c>), one signatory of each platform signs on the recorded day
/// and the Japanese ministry confirms on the recorded day and place (journalled <c>recorded</c>). A year that already
/// has a memorandum is left alone.
/// </summary>
public sealed class MemorandumReplay(CityCoopDbContext db, MemorandumWorkflow memorandums)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly WorkflowActor PlatformJp = Actor("replay:platform:jp", "Japanese platform (replay)", CityCoopRoles.Platform, OrganizationCodes.PlatformJp, OrganizationKind.Platform, "JP");
    private static readonly WorkflowActor PlatformCn = Actor("replay:platform:cn", "Chinese platform (replay)", CityCoopRoles.Platform, OrganizationCodes.PlatformCn, OrganizationKind.Platform, "CN");
    private static readonly WorkflowActor MinistryJp = Actor("replay:ministry:jp", "MoE Japan (replay)", CityCoopRoles.Ministry, OrganizationCodes.MinistryJp, OrganizationKind.Ministry, "JP");

    /// <summary>Replays every <c>fy*-memorandum.json</c> of the folder, oldest year first.</summary>
    /// <exception cref="DomainRuleException">A file is malformed (code <c>sample-file-invalid</c>) or its plan breaks a rule.</exception>
    /// <exception cref="InvalidOperationException">A step was refused (the message names the step and why).</exception>
    public async Task<IReadOnlyList<ReplayedMemorandum>> RunAsync(string folder, CancellationToken ct = default)
    {
        var replayed = new List<ReplayedMemorandum>();
        foreach (var path in Directory.GetFiles(folder, "fy*-memorandum.json").Order(StringComparer.Ordinal))
        {
            var recorded = RecordedMemorandum.Parse(await File.ReadAllTextAsync(path, ct), Path.GetFileName(path));
            if (await db.Memorandums.AnyAsync(m => m.FiscalYear == recorded.FiscalYear, ct))
            {
                continue;
            }

            replayed.Add(await ReplayAsync(recorded, ct));
        }

        return replayed;
    }

    private async Task<ReplayedMemorandum> ReplayAsync(RecordedMemorandum recorded, CancellationToken ct)
    {
        var signed = recorded.SignedOn;
        var record = await memorandums.CreateAsync(recorded.FiscalYear, PlatformJp, At(signed, 0), JournalDateSource.Assumed, ct);
        var id = record.Memorandum.Id;
        db.ChangeTracker.Clear();
        var day = signed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await StepAsync(id, PlatformJp, "record-plan", new { plan = recorded.Plan, comment = "Plan as recorded; counts and months assumed where the record names none." }, At(signed, 1), JournalDateSource.Assumed, ct);
        await StepAsync(id, PlatformJp, "submit", new { }, At(signed, 2), JournalDateSource.Assumed, ct);
        await StepAsync(id, PlatformCn, "agree", new { }, At(signed, 3), JournalDateSource.Assumed, ct);
        foreach (var signatory in recorded.SignedBy.Select((org, i) => (Actor: org == OrganizationCodes.PlatformCn ? PlatformCn : PlatformJp, Order: 4 + i)))
        {
            await StepAsync(id, signatory.Actor, "sign", new { signedOn = day }, At(signed, signatory.Order), JournalDateSource.Recorded, ct);
        }

        var confirmed = recorded.ConfirmedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await StepAsync(id, MinistryJp, "confirm", new { confirmedOn = confirmed, place = recorded.ConfirmedPlace }, At(recorded.ConfirmedOn, 0), JournalDateSource.Recorded, ct);
        var state = (await memorandums.LoadAsync(id, ct))!.Instance.CurrentState;
        db.ChangeTracker.Clear();
        return new ReplayedMemorandum(id, recorded.FiscalYear, state);
    }

    private async Task StepAsync(Guid id, WorkflowActor actor, string action, object inputs, DateTimeOffset at, string dateSource, CancellationToken ct)
    {
        var element = JsonSerializer.SerializeToElement(inputs, Json);
        var dict = element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        var outcome = await memorandums.ExecuteAsync(id, actor, action, dict, at: at, dateSource: dateSource, ct: ct);
        if (outcome is not StepOutcome.Done)
        {
            var why = outcome is StepOutcome.Refused r ? r.Failure.Message : outcome.GetType().Name;
            throw new InvalidOperationException($"Memorandum replay step '{action}' on {at:yyyy-MM-dd} was refused: {why}");
        }

        db.ChangeTracker.Clear();
    }

    // 09:00 Tokyo plus minutes in the order of the day's steps, as the proposal replay dates its steps.
    private static DateTimeOffset At(DateOnly day, int order) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(9, order)), TimeSpan.FromHours(9)).ToUniversalTime();

    private static WorkflowActor Actor(string id, string name, WorkflowRole role, string org, OrganizationKind kind, string country) =>
        new(id, name, new HashSet<WorkflowRole> { role }, org, kind, country);
}
