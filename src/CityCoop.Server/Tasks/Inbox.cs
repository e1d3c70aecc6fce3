using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tasks;

/// <summary>An open task with the subject it belongs to (a proposal, a memorandum …) and the definition it runs on.</summary>
/// <param name="Task">The open task.</param>
/// <param name="Subject">Its subject as inboxes list it.</param>
/// <param name="State">The instance's current state.</param>
/// <param name="Definition">The definition version the instance runs on (for state and task names).</param>
public sealed record InboxItem(WorkflowTask Task, WorkflowSubjectSummary Subject, string State, WorkflowDefinition Definition);

/// <summary>
/// The caller's inbox across every workflow module: open tasks whose role the caller holds and whose organisation scope
/// includes the caller's organisation, oldest due first in the caller's country (tasks without a due date last, by
/// opening time). Standing tasks (<see cref="TaskDefinition.IsStanding"/>) are left out: they are rights to act, not to-dos.
/// </summary>
public sealed class Inbox(CityCoopDbContext db, WorkflowModules modules, WorkflowDefinitionCatalog catalog)
{
    /// <summary>The actor's open tasks.</summary>
    public async Task<IReadOnlyList<InboxItem>> ForAsync(WorkflowActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var roles = actor.Roles.ToList();
        var org = actor.OrganizationCode;

        // SQL narrows by role and by a single assigned organisation; scopes that admit several organisations
        // (either platform, partner cities) are checked against the subject below, with its module's scope rule.
        var rows = await (
            from t in db.WorkflowTasks.AsNoTracking()
            join i in db.WorkflowInstances.AsNoTracking() on EF.Property<Guid>(t, "InstanceId") equals i.Id
            where t.ClosedAt == null && roles.Contains(t.Role) && (t.OrganizationCode == null || t.OrganizationCode == org)
            select new
            {
                t,
                i.CurrentState,
                i.DefinitionId,
                i.Version,
                Type = EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType),
                Id = EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId),
            }).ToListAsync(ct);

        var items = new List<InboxItem>();
        foreach (var group in rows.GroupBy(r => r.Type))
        {
            var module = modules.Get(group.Key);
            var subjects = await module.SummariesAsync(db, [.. group.Select(r => r.Id).Distinct()], ct);
            foreach (var r in group)
            {
                if (subjects.TryGetValue(r.Id, out var subject) && module.Hooks.Qualifies(actor, r.t.Role, r.t.Scope, subject.Scope))
                {
                    var definition = await catalog.GetAsync(db, r.DefinitionId, r.Version, ct);

                    // A standing right to act (e.g. amending an approval during fund execution) is no to-do.
                    if (definition.FindState(r.t.State)?.Tasks.FirstOrDefault(d => d.Name == r.t.TaskName)?.IsStanding != true)
                    {
                        items.Add(new InboxItem(r.t, subject, r.CurrentState, definition));
                    }
                }
            }
        }

        return [.. items
            .OrderBy(r => r.Task.DueIn(actor.Country)?.At ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Task.OpenedAt)];
    }
}
