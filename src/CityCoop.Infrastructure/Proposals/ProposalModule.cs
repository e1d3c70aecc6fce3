using CityCoop.Domain.Activities;
using CityCoop.Domain.Organizations;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Proposals;

/// <summary>
/// Cooperation proposals as a workflow module: they run <c>workflows/cooperation-proposal.json</c> with
/// <see cref="ProposalWorkflowHooks"/>, live in the <c>proposals</c> table, and are shown at <c>/proposals/{id}</c>.
/// </summary>
public sealed class ProposalModule(ReferenceDataCache referenceData) : IWorkflowModule
{
    /// <summary>The subject type stored on proposals' instances and notices.</summary>
    public const string Type = "proposal";

    /// <summary>Id of the definition in <c>workflows/cooperation-proposal.json</c>.</summary>
    public const string Definition = "cooperation-proposal";

    /// <inheritdoc/>
    public string SubjectType => Type;

    /// <inheritdoc/>
    public string DefinitionId => Definition;

    /// <inheritdoc/>
    public WorkflowHooks Hooks { get; } = ProposalWorkflowHooks.Create();

    /// <inheritdoc/>
    public string PathOf(Guid subjectId) => $"/proposals/{subjectId:D}";

    // One statement, compiled once, for the proposal and its activities (tracked, so a void an effect applies to one of them
    // is saved with the step).
    private static readonly CompiledPerModel<Func<CityCoopDbContext, Guid, CancellationToken, Task<Loaded?>>> ProposalWithActivities = new(() => EF.CompileAsyncQuery(
        (CityCoopDbContext db, Guid id, CancellationToken ct) => db.Proposals
            .Where(p => p.Id == id)
            .Select(p => new Loaded(p, db.Activities.Where(a => a.ProposalId == p.Id).ToList()))
            .FirstOrDefault()));

    /// <inheritdoc/>
    public async Task<LoadedSubject?> LoadAsync(CityCoopDbContext db, Guid subjectId, IReadOnlyCollection<string> guards, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(guards);
        var loaded = await ProposalWithActivities.For(db)(db, subjectId, ct);
        if (loaded is null)
        {
            return null;
        }

        var (proposal, activities) = (loaded.Proposal, loaded.Activities);
        var (cities, friendships) = await referenceData.GetAsync(db, ct);

        // Read only for the steps whose guard asks which pairs cooperated before (match), not for every step.
        var history = guards.Contains(ProposalWorkflowHooks.KindFitsPairingGuard) ? await CooperationHistoryQuery.LoadAsync(db, proposal, ct) : null;
        // Read for an amendment of the approval, which may not go below what its expenses spent or hold.
        var expenses = guards.Contains(ProposalWorkflowHooks.AmendmentCoversSpentGuard) ? await Expenses.ExpenseBook.ListAsync(db, subjectId, ct) : null;
        return new ProposalSubject(new ProposalWorkflowSubject(proposal, cities, friendships, activities, history, expenses));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<Guid, WorkflowSubjectSummary>> SummariesAsync(CityCoopDbContext db, IReadOnlyCollection<Guid> subjectIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Only the columns a summary shows and its scopes read, not whole proposals (descriptions, items, plans): an inbox or
        // a sweep summarises up to thousands at once (README "Scaling"). The engine's own subject, not this one, counts approvals.
        var proposals = await db.Proposals.AsNoTracking().Where(p => subjectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.FiscalYear, p.ProposingCityCode, p.PartnerCityCodes })
            .ToListAsync(ct);
        return proposals.ToDictionary(
            p => p.Id,
            p => new WorkflowSubjectSummary(Type, p.Id, p.Title, PathOf(p.Id), p.FiscalYear, new ProposalScopeSubject(Organization.CodeForCity(p.ProposingCityCode), p.PartnerCityCodes)));
    }

    private sealed record Loaded(CooperationProposal Proposal, List<Activity> Activities);
}
