using CityCoop.Domain.Proposals;
using CityCoop.Domain.Workflows;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Proposals;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tasks;

/// <summary>An open task with the proposal it belongs to.</summary>
public sealed record InboxItem(WorkflowTask Task, CooperationProposal Proposal, string State);

/// <summary>
/// The caller's inbox: open tasks whose role the caller holds and whose organisation scope includes the
/// caller's organisation, oldest due first in the caller's country (tasks without a due date last, by opening time).
/// </summary>
public sealed class Inbox(CityCoopDbContext db)
{
    /// <summary>The actor's open tasks.</summary>
    public async Task<IReadOnlyList<InboxItem>> ForAsync(WorkflowActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var roles = actor.Roles.ToList();
        var org = actor.OrganizationCode;

        // SQL narrows by role and by a single assigned organisation; scopes that admit several organisations
        // (either platform, partner cities) are checked against the proposal below.
        var rows = await (
            from t in db.WorkflowTasks.AsNoTracking()
            join i in db.WorkflowInstances.AsNoTracking() on EF.Property<Guid>(t, "InstanceId") equals i.Id
            join p in db.Proposals.AsNoTracking() on EF.Property<Guid>(i, CityCoopDbContext.InstanceProposalId) equals p.Id
            where t.ClosedAt == null && roles.Contains(t.Role) && (t.OrganizationCode == null || t.OrganizationCode == org)
            select new { t, p, i.CurrentState }).ToListAsync(ct);

        return [.. rows
            .Where(r => OrganizationCodes.Qualifies(actor, r.t.Role, r.t.Scope, new ScopeOnly(r.p)))
            .OrderBy(r => r.t.DueIn(actor.Country)?.At ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.t.OpenedAt)
            .Select(r => new InboxItem(r.t, r.p, r.CurrentState))];
    }

    // Scope checks need only the proposal's organisations, not the reference data of a full subject.
    private sealed class ScopeOnly(CooperationProposal proposal) : IWorkflowSubject
    {
        public string OrganizationCode => proposal.OrganizationCode;

        public IReadOnlyList<string> PartnerOrganizationCodes => [.. proposal.PartnerCityCodes.Select(OrganizationCodes.City)];

        public DateTimeOffset? GetDate(string source) => null;

        public string ApprovalFingerprint() => proposal.ApprovalFingerprint();
    }
}
