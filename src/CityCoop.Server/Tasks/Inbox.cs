using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Proposals;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tasks;

/// <summary>An open task with the proposal it belongs to.</summary>
public sealed record InboxItem(WorkflowTask Task, CooperationProposal Proposal, string State);

/// <summary>
/// The caller's inbox: open tasks whose role the caller holds and whose organisation scope includes the
/// caller's organisation, oldest due first in the caller's country (tasks without a due date last, by opening time).
/// </summary>
public sealed class Inbox(CityCoopDbContext db, WorkflowEngine engine)
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
            .Where(r => engine.Hooks.Qualifies(actor, r.t.Role, r.t.Scope, new ProposalScopeSubject(r.p)))
            .OrderBy(r => r.t.DueIn(actor.Country)?.At ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.t.OpenedAt)
            .Select(r => new InboxItem(r.t, r.p, r.CurrentState))];
    }
}
