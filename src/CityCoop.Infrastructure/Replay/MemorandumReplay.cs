using System.Globalization;
using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Memorandums;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Memorandums;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using static CityCoop.Infrastructure.Replay.ReplaySteps;
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
        Require(await memorandums.ExecuteAsync(id, actor, action, Inputs(inputs), at: at, dateSource: dateSource, ct: ct), "Memorandum replay", action, at);
        db.ChangeTracker.Clear();
    }
}
