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
/// and holds the caller's organisation. Both are decided in SQL when every module that declares the scope's name agrees
/// (the usual case), and so is standing (<see cref="WorkflowTask.IsStanding"/>): such tasks are counted by the database and
/// read in due order only as far as the page needs, since no task is due in any country before its earliest due date
/// (<see cref="WorkflowTask.DueAt"/>, indexed). The rest — tasks of a scope whose organisations the subject chooses
/// (partner cities), or whose name modules declare differently — are read whole and checked against their subjects. A
/// platform with thousands of open tasks so reads about a page of them, and subjects for the page only (README "Scaling").
/// </remarks>
public sealed class Inbox(CityCoopDbContext db, WorkflowModules modules, WorkflowDefinitionCatalog catalog)
{
    private sealed record Row(WorkflowTask Task, string State, string DefinitionId, int Version, string SubjectType, Guid SubjectId);

    // How the caller's scope is decided for a scope name: in SQL when every module declaring it agrees, else per row.
    private sealed record Scopes(List<WorkflowRole> Roles, string Org, List<WorkflowScope> Admitted, List<WorkflowScope> Excluded);

    /// <summary>Every open task of the actor, with its subject.</summary>
    public async Task<IReadOnlyList<InboxItem>> ForAsync(WorkflowActor actor, CancellationToken ct = default)
    {
        var scopes = ScopesOf(actor);
        var rows = await RowsAsync(Decided(scopes), skip: 0, take: null, ct);
        rows.AddRange(await UndecidedAsync(actor, scopes, ct));
        return await ItemsAsync([.. Ordered(rows, actor.Country)], ct);
    }

    /// <summary>One page of the actor's open tasks (pages of <paramref name="size"/> from 1) and how many there are in all.</summary>
    public async Task<InboxPage> PageAsync(WorkflowActor actor, int page, int size, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var scopes = ScopesOf(actor);
        var undecided = await UndecidedAsync(actor, scopes, ct);
        var total = await Decided(scopes).CountAsync(ct) + undecided.Count;
        var number = Math.Clamp(page, 1, PageRequest.PagesOf(total, size));
        var needed = number * size;

        // Read decided tasks as far as the page needs: those with a due date by their earliest one, then those without by
        // opening time, each in batches (both orders are the inbox index's), until no unread task can come before the
        // page's last row.
        var batch = Math.Max(2 * needed, 100);
        var read = new List<Row>(undecided);
        var settled = await ReadAsync(Dated(scopes), read, batch, rows =>
            LastOnPage(read, needed, actor.Country) is { Due: { } due } && rows.Max(r => r.Task.DueAt) > due, ct);
        if (!settled && LastOnPage(read, needed, actor.Country) is not { Due: not null })
        {
            await ReadAsync(Undated(scopes), read, batch, rows =>
                LastOnPage(read, needed, actor.Country) is { } last && (last.Due is not null || rows.Max(r => r.Task.OpenedAt) > last.Row.Task.OpenedAt), ct);
        }

        return new InboxPage(await ItemsAsync([.. Ordered(read, actor.Country).Skip((number - 1) * size).Take(size)], ct), total, number);
    }

    /// <summary>The ids of the subjects of one type the actor has open tasks on.</summary>
    public async Task<IReadOnlyList<Guid>> SubjectIdsAsync(WorkflowActor actor, string subjectType, CancellationToken ct = default)
    {
        var scopes = ScopesOf(actor);
        var ids = await Decided(scopes)
            .Join(db.WorkflowInstances, t => EF.Property<Guid>(t, "InstanceId"), i => i.Id, (t, i) => i)
            .Where(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == subjectType)
            .Select(i => EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId))
            .Distinct()
            .ToListAsync(ct);
        return [.. ids.Concat((await UndecidedAsync(actor, scopes, ct)).Where(r => r.SubjectType == subjectType).Select(r => r.SubjectId)).Distinct()];
    }

    private Scopes ScopesOf(WorkflowActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var org = actor.OrganizationCode;
        var names = modules.All.SelectMany(m => m.Hooks.ScopeNames).Distinct(StringComparer.Ordinal).ToList();
        bool Everywhere(string name, Func<WorkflowHooks, bool> test) =>
            modules.All.Where(m => m.Hooks.ScopeNames.Contains(name)).All(m => test(m.Hooks));
        var admitted = names.Where(n => Everywhere(n, h => h.IsFixed(new WorkflowScope(n)) && h.InFixedScope(org, new WorkflowScope(n)))).Select(n => new WorkflowScope(n)).ToList();
        var excluded = names.Where(n => Everywhere(n, h => h.IsFixed(new WorkflowScope(n)) && !h.InFixedScope(org, new WorkflowScope(n)))).Select(n => new WorkflowScope(n)).ToList();
        return new Scopes([.. actor.Roles], org, admitted, excluded);
    }

    private IQueryable<WorkflowTask> Open(Scopes scopes) =>
        db.WorkflowTasks.AsNoTracking().Where(t => t.ClosedAt == null && !t.IsStanding && scopes.Roles.Contains(t.Role));

    // Open tasks whose place in the caller's inbox SQL decides: assigned to the caller's organisation, or unassigned in a
    // scope every declaring module fixes with the caller's organisation in it. Read in one of the two orders below.
    private IQueryable<WorkflowTask> Decided(Scopes scopes) =>
        Open(scopes).Where(t => t.OrganizationCode == scopes.Org || (t.OrganizationCode == null && scopes.Admitted.Contains(t.Scope)));

    // Both orders are the inbox index's (IX_workflow_tasks_Open_Inbox: role, earliest due date, opening time, id).
    private IQueryable<WorkflowTask> Dated(Scopes scopes) =>
        Decided(scopes).Where(t => t.DueAt != null).OrderBy(t => t.DueAt).ThenBy(t => t.OpenedAt).ThenBy(t => t.Id);

    private IQueryable<WorkflowTask> Undated(Scopes scopes) =>
        Decided(scopes).Where(t => t.DueAt == null).OrderBy(t => t.OpenedAt).ThenBy(t => t.Id);

    // Reads tasks of one order in batches into read until done says a batch settles the page (true) or none are left.
    private async Task<bool> ReadAsync(IQueryable<WorkflowTask> tasks, List<Row> read, int batch, Func<List<Row>, bool> done, CancellationToken ct)
    {
        for (var skip = 0; ; skip += batch)
        {
            var rows = await RowsAsync(tasks, skip, batch, ct);
            read.AddRange(rows);
            if (rows.Count < batch)
            {
                return false;
            }

            if (done(rows))
            {
                return true;
            }
        }
    }

    private async Task<List<Row>> RowsAsync(IQueryable<WorkflowTask> tasks, int skip, int? take, CancellationToken ct)
    {
        // The ids are picked from the inbox index alone (an index-only scan: filter, order and offset need no table row),
        // then only their rows are read; picking whole rows read every candidate's row first, ~20 times slower.
        var ids = (take is { } n ? tasks.Skip(skip).Take(n) : tasks).Select(c => c.Id);
        var page = db.WorkflowTasks.AsNoTracking().Where(t => ids.Contains(t.Id));
        return await (
            from t in page
            join i in db.WorkflowInstances.AsNoTracking() on EF.Property<Guid>(t, "InstanceId") equals i.Id
            select new Row(
                t,
                i.CurrentState,
                i.DefinitionId,
                i.Version,
                EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType),
                EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId))).ToListAsync(ct);
    }

    // Unassigned tasks whose scope SQL cannot decide: the subject chooses its organisations (partner cities), or modules
    // declare the name differently. Read whole and decided with the row's own module.
    private async Task<List<Row>> UndecidedAsync(WorkflowActor actor, Scopes scopes, CancellationToken ct)
    {
        var candidates = await RowsAsync(
            Open(scopes).Where(t => t.OrganizationCode == null && !scopes.Admitted.Contains(t.Scope) && !scopes.Excluded.Contains(t.Scope)),
            skip: 0,
            take: null,
            ct);
        var admitted = new List<Row>();
        foreach (var group in candidates.GroupBy(r => r.SubjectType))
        {
            var module = modules.Get(group.Key);
            var chosen = group.Where(r => !module.Hooks.IsFixed(r.Task.Scope)).ToList();
            var subjects = await module.SummariesAsync(db, [.. chosen.Select(r => r.SubjectId).Distinct()], ct);
            admitted.AddRange(group.Where(r => module.Hooks.IsFixed(r.Task.Scope)
                ? module.Hooks.InFixedScope(scopes.Org, r.Task.Scope)
                : subjects.TryGetValue(r.SubjectId, out var s) && module.Hooks.Qualifies(actor, r.Task.Role, r.Task.Scope, s.Scope)));
        }

        return admitted;
    }

    private static DateTimeOffset? DueIn(Row r, string? country) => r.Task.DueIn(country)?.At;

    // The page's last row in the caller's order and its due date in the caller's country, or null while fewer are read.
    // An unread task sorts after it when the batch just read ends past its due date: unread tasks come later in the
    // batch's order, so each has an earliest due date (or, undated, an opening time) no earlier than the batch's latest,
    // and its due date in any country is no earlier than its earliest.
    private static (Row Row, DateTimeOffset? Due)? LastOnPage(List<Row> read, int needed, string? country) =>
        read.Count < needed ? null : Ordered(read, country).Skip(needed - 1).Select(r => (r, DueIn(r, country))).First();

    private static IEnumerable<Row> Ordered(IEnumerable<Row> rows, string? country) =>
        rows.OrderBy(r => DueIn(r, country) ?? DateTimeOffset.MaxValue).ThenBy(r => r.Task.OpenedAt).ThenBy(r => r.Task.Id);

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
