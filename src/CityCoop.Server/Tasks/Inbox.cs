using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tasks;

/// <summary>An open task with the subject it belongs to (a proposal, a memorandum …) and the definition it runs on.</summary>
/// <param name="Task">The open task.</param>
/// <param name="Subject">Its subject as inboxes list it.</param>
/// <param name="State">The instance's current state.</param>
/// <param name="Definition">The definition version the instance runs on (for state and task names).</param>
public sealed record InboxItem(WorkflowTask Task, WorkflowSubjectSummary Subject, string State, WorkflowDefinition Definition);

/// <summary>One page of an inbox.</summary>
/// <param name="Items">The page's tasks, in inbox order.</param>
/// <param name="Total">How many tasks the whole inbox holds.</param>
/// <param name="Page">The page number answered, from 1 (a page asked past the last is the last).</param>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Total, int Page);

/// <summary>
/// The caller's inbox across every workflow module: open tasks whose role the caller holds and whose organisation scope
/// includes the caller's organisation, oldest due first in the caller's country (tasks without a due date last, by
/// opening time). Standing tasks (<see cref="TaskDefinition.IsStanding"/>) are left out: they are rights to act, not to-dos.
/// </summary>
/// <remarks>
/// A task is in the caller's scope when it is assigned to the caller's organisation (a scope that assigns one organisation
/// fixes it when the task opens), or it is assigned to no one and its scope is fixed (<see cref="WorkflowHooks.AddFixedScope"/>)
/// and holds the caller's organisation: the first is tested in SQL, and SQL leaves out the tasks of fixed scopes that do not
/// hold it. Only tasks of a scope whose organisations the subject chooses (partner cities) are checked against their
/// subjects. Subjects are then read for the page only: a platform with
/// thousands of open tasks reads its tasks' rows, not thousands of proposals (README "Scaling").
/// </remarks>
public sealed class Inbox(CityCoopDbContext db, WorkflowModules modules, WorkflowDefinitionCatalog catalog)
{
    private sealed record Row(WorkflowTask Task, string State, string DefinitionId, int Version, string SubjectType, Guid SubjectId);

    /// <summary>Every open task of the actor, with its subject.</summary>
    public async Task<IReadOnlyList<InboxItem>> ForAsync(WorkflowActor actor, CancellationToken ct = default)
    {
        var rows = await RowsAsync(actor, ct);
        return await ItemsAsync(rows, ct);
    }

    /// <summary>One page of the actor's open tasks (pages of <paramref name="size"/> from 1) and how many there are in all.</summary>
    public async Task<InboxPage> PageAsync(WorkflowActor actor, int page, int size, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var rows = await RowsAsync(actor, ct);
        var number = Math.Clamp(page, 1, PageRequest.PagesOf(rows.Count, size));
        return new InboxPage(await ItemsAsync([.. rows.Skip((number - 1) * size).Take(size)], ct), rows.Count, number);
    }

    /// <summary>The ids of the subjects of one type the actor has open tasks on.</summary>
    public async Task<IReadOnlyList<Guid>> SubjectIdsAsync(WorkflowActor actor, string subjectType, CancellationToken ct = default) =>
        [.. (await RowsAsync(actor, ct)).Where(r => r.SubjectType == subjectType).Select(r => r.SubjectId).Distinct()];

    private async Task<List<Row>> RowsAsync(WorkflowActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var roles = actor.Roles.ToList();
        var org = actor.OrganizationCode;
        // A scope name is left out in SQL when every module that declares it declares it fixed and without the caller's
        // organisation; what passes is decided per row with the row's own module below.
        var elsewhere = modules.All.SelectMany(m => m.Hooks.ScopeNames).Distinct(StringComparer.Ordinal)
            .Where(n => modules.All.Where(m => m.Hooks.ScopeNames.Contains(n)).All(m => m.Hooks.IsFixed(new WorkflowScope(n)) && !m.Hooks.InFixedScope(org, new WorkflowScope(n))))
            .Select(n => new WorkflowScope(n))
            .ToList();

        var candidates = await (
            from t in db.WorkflowTasks.AsNoTracking()
            join i in db.WorkflowInstances.AsNoTracking() on EF.Property<Guid>(t, "InstanceId") equals i.Id
            where t.ClosedAt == null && roles.Contains(t.Role)
                && (t.OrganizationCode == org || (t.OrganizationCode == null && !elsewhere.Contains(t.Scope)))
            select new Row(
                t,
                i.CurrentState,
                i.DefinitionId,
                i.Version,
                EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType),
                EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId))).ToListAsync(ct);

        // Tasks open to organisations the subject chooses (no one assigned, a scope that is not fixed) need their subject.
        var undecided = candidates.Where(r => r.Task.OrganizationCode != org && !modules.Get(r.SubjectType).Hooks.IsFixed(r.Task.Scope)).ToList();
        var admitted = new HashSet<Guid>();
        foreach (var group in undecided.GroupBy(r => r.SubjectType))
        {
            var module = modules.Get(group.Key);
            var subjects = await module.SummariesAsync(db, [.. group.Select(r => r.SubjectId).Distinct()], ct);
            admitted.UnionWith(group
                .Where(r => subjects.TryGetValue(r.SubjectId, out var s) && module.Hooks.Qualifies(actor, r.Task.Role, r.Task.Scope, s.Scope))
                .Select(r => r.Task.Id));
        }

        var rows = new List<Row>(candidates.Count);
        foreach (var r in candidates)
        {
            var hooks = modules.Get(r.SubjectType).Hooks;
            var inScope = r.Task.OrganizationCode == org
                || (hooks.IsFixed(r.Task.Scope) ? hooks.InFixedScope(org, r.Task.Scope) : admitted.Contains(r.Task.Id));
            if (inScope && !await IsStandingAsync(r, ct))
            {
                rows.Add(r);
            }
        }

        return [.. rows
            .OrderBy(r => r.Task.DueIn(actor.Country)?.At ?? DateTimeOffset.MaxValue)
            .ThenBy(r => r.Task.OpenedAt)
            .ThenBy(r => r.Task.Id)];
    }

    // A standing right to act (e.g. amending an approval during fund execution) is no to-do.
    private async Task<bool> IsStandingAsync(Row r, CancellationToken ct) =>
        (await catalog.GetAsync(db, r.DefinitionId, r.Version, ct)).FindState(r.Task.State)?.Tasks.FirstOrDefault(d => d.Name == r.Task.TaskName)?.IsStanding == true;

    private async Task<IReadOnlyList<InboxItem>> ItemsAsync(IReadOnlyList<Row> rows, CancellationToken ct)
    {
        var summaries = new Dictionary<(string, Guid), WorkflowSubjectSummary>();
        foreach (var group in rows.GroupBy(r => r.SubjectType))
        {
            foreach (var (id, summary) in await modules.Get(group.Key).SummariesAsync(db, [.. group.Select(r => r.SubjectId).Distinct()], ct))
            {
                summaries[(group.Key, id)] = summary;
            }
        }

        var items = new List<InboxItem>(rows.Count);
        foreach (var r in rows)
        {
            // Subjects are never deleted; a row without one would be a broken reference, left out rather than shown half.
            if (summaries.TryGetValue((r.SubjectType, r.SubjectId), out var subject))
            {
                items.Add(new InboxItem(r.Task, subject, r.State, await catalog.GetAsync(db, r.DefinitionId, r.Version, ct)));
            }
        }

        return items;
    }
}
