using System.Text.Json;
using CityCoop.Domain.Memorandums;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Memorandums;

/// <summary>A memorandum as lists show it: the memorandum and its instance's state.</summary>
/// <param name="Memorandum">The memorandum (not tracked).</param>
/// <param name="State">Its workflow state, e.g. <c>in-force</c>.</param>
/// <param name="Definition">The definition version its instance runs on (for state names).</param>
public sealed record MemorandumRow(FiscalYearMemorandum Memorandum, string State, WorkflowDefinition Definition);

/// <summary>
/// The memorandum service the API, the pages and the replay call: create the memorandum of a fiscal year (and start its
/// instance), list, load, take steps (through <see cref="WorkflowRuntime"/>), and find the one in force for a year.
/// </summary>
public sealed class MemorandumWorkflow(CityCoopDbContext db, WorkflowRuntime runtime, MemorandumModule module, WorkflowDefinitionCatalog catalog, ReferenceDataCache referenceData, TimeProvider time)
{
    /// <summary>The state a memorandum is in force in (workflows/fiscal-year-memorandum.json).</summary>
    public const string InForce = "in-force";

    /// <summary>The memorandums' engine.</summary>
    public WorkflowEngine Engine => runtime.Modules.EngineFor(module);

    /// <summary>
    /// Creates the memorandum of a fiscal year, without a plan, and starts its instance (drafting, a task of the Japanese
    /// platform). Only Japanese platform staff may.
    /// </summary>
    /// <exception cref="DomainRuleException">
    /// The actor is not Japanese platform staff (code <c>memorandum-platform-jp-only</c>), the year is out of range
    /// (<c>fiscal-year-range</c>), or the year has a memorandum already (<c>memorandum-exists</c>, with its id).
    /// </exception>
    public async Task<MemorandumRecord> CreateAsync(int fiscalYear, WorkflowActor actor, DateTimeOffset? at = null, string? dateSource = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.OrganizationCode != OrganizationCodes.PlatformJp || !actor.Roles.Contains(CityCoopRoles.Platform))
        {
            throw new DomainRuleException("organization", DomainText.Of("memorandum-platform-jp-only", "Only the Japanese platform drafts a fiscal year's memorandum."));
        }

        var memorandum = new FiscalYearMemorandum(fiscalYear, actor.UserId, at ?? time.GetUtcNow());
        if (await db.Memorandums.AsNoTracking().FirstOrDefaultAsync(m => m.FiscalYear == fiscalYear, ct) is { } existing)
        {
            throw Exists(existing);
        }

        db.Memorandums.Add(memorandum);
        var (cities, _) = await referenceData.GetAsync(db, ct);
        try
        {
            var record = await runtime.StartAsync(module, memorandum.Id, new LoadedSubject(new MemorandumWorkflowSubject(memorandum, cities), MemorandumModule.TitleOf(memorandum), () => memorandum.Revision), actor, at, dateSource, ct);
            return new MemorandumRecord(record);
        }
        catch (DbUpdateException)
        {
            // Another request created this year's memorandum first: the unique index refused the second.
            db.ChangeTracker.Clear();
            var winner = await db.Memorandums.AsNoTracking().FirstOrDefaultAsync(m => m.FiscalYear == fiscalYear, ct);
            throw winner is null ? new InvalidOperationException($"The FY{fiscalYear} memorandum could not be saved.") : Exists(winner);
        }
    }

    /// <summary>Every memorandum, newest fiscal year first, with its state.</summary>
    public async Task<IReadOnlyList<MemorandumRow>> ListAsync(CancellationToken ct = default)
    {
        var rows = await (
            from m in db.Memorandums.AsNoTracking()
            join i in db.WorkflowInstances.AsNoTracking().Where(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == MemorandumModule.Type)
                on m.Id equals EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId)
            orderby m.FiscalYear descending
            select new { m, i.CurrentState, i.DefinitionId, i.Version }).ToListAsync(ct);
        var list = new List<MemorandumRow>(rows.Count);
        foreach (var r in rows)
        {
            list.Add(new MemorandumRow(r.m, r.CurrentState, await catalog.GetAsync(db, r.DefinitionId, r.Version, ct)));
        }

        return list;
    }

    /// <summary>The memorandum of a fiscal year with its state, or null when the year has none.</summary>
    public async Task<MemorandumRow?> ForYearAsync(int fiscalYear, CancellationToken ct = default) =>
        (await ListAsync(ct)).FirstOrDefault(r => r.Memorandum.FiscalYear == fiscalYear);

    /// <summary>Loads a memorandum with its instance (tracked), or null.</summary>
    public async Task<MemorandumRecord?> LoadAsync(Guid id, CancellationToken ct = default) =>
        await runtime.LoadAsync(MemorandumModule.Type, id, null, ct) is { } record ? new MemorandumRecord(record) : null;

    /// <summary>Takes an action on a memorandum through <see cref="WorkflowRuntime.ExecuteAsync"/> (412 when <paramref name="ifMatch"/> is stale).</summary>
    public Task<StepOutcome> ExecuteAsync(Guid id, WorkflowActor actor, string action, IReadOnlyDictionary<string, JsonElement> inputs, string? ifMatch = null, DateTimeOffset? at = null, string? dateSource = null, CancellationToken ct = default) =>
        runtime.ExecuteAsync(MemorandumModule.Type, id, actor, action, inputs, ifMatch, at, dateSource, null, ct);

    private static DomainRuleException Exists(FiscalYearMemorandum existing) =>
        new("fiscalYear", DomainText.Of("memorandum-exists", $"FY{existing.FiscalYear} has a memorandum already.", ("fiscalYear", existing.FiscalYear), ("id", existing.Id)));
}
