using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Timers;

/// <summary>
/// What the due reminders of one sweep read, loaded for all of them together before any is fired: each timer's task
/// (read-only) joined with its instance's subject key, in one query, and the subjects through their module's summaries,
/// one query per module. Loaded outside the timers' transactions; that is safe because a step that closes a task cancels
/// its timers in the same transaction, so a timer whose task closed after this read is no longer pending when its own
/// transaction claims it, and is skipped.
/// </summary>
internal sealed class DueReminders
{
    private readonly Dictionary<Guid, (WorkflowTask Task, TimerSubject Subject)> byTimer;

    private DueReminders(Dictionary<Guid, (WorkflowTask Task, TimerSubject Subject)> byTimer) => this.byTimer = byTimer;

    /// <summary>Nothing loaded: every timer takes the one-by-one load.</summary>
    public static DueReminders None { get; } = new([]);

    /// <summary>Loads the tasks and subjects of <paramref name="timers"/> (missing tasks or subjects are left out).</summary>
    public static async Task<DueReminders> LoadAsync(CityCoopDbContext db, WorkflowModules modules, IReadOnlyCollection<WorkflowTimer> timers, CancellationToken ct)
    {
        if (timers.Count == 0)
        {
            return None;
        }

        var taskIds = timers.Select(t => t.TaskId).Distinct().ToList();
        var rows = await db.WorkflowTasks.AsNoTracking()
            .Where(t => taskIds.Contains(t.Id))
            .Join(
                db.WorkflowInstances,
                t => EF.Property<Guid>(t, "InstanceId"),
                i => i.Id,
                (t, i) => new
                {
                    Task = t,
                    InstanceId = i.Id,
                    SubjectType = EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType),
                    SubjectId = EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId),
                })
            .ToListAsync(ct);

        var subjects = new Dictionary<(string Type, Guid Id), TimerSubject>();
        foreach (var ofType in rows.GroupBy(r => r.SubjectType))
        {
            var module = modules.Get(ofType.Key);
            var summaries = await module.SummariesAsync(db, [.. ofType.Select(r => r.SubjectId).Distinct()], ct);
            foreach (var summary in summaries.Values)
            {
                subjects[(ofType.Key, summary.Id)] = new TimerSubject(module, summary.Id, summary.Title, summary.Scope);
            }
        }

        var tasks = rows.ToDictionary(r => r.Task.Id);
        var byTimer = new Dictionary<Guid, (WorkflowTask, TimerSubject)>();
        foreach (var timer in timers)
        {
            if (tasks.TryGetValue(timer.TaskId, out var row) && row.InstanceId == timer.InstanceId && subjects.TryGetValue((row.SubjectType, row.SubjectId), out var subject))
            {
                byTimer[timer.Id] = (row.Task, subject);
            }
        }

        return new DueReminders(byTimer);
    }

    /// <summary>The task and subject of a timer, or false when they were not loaded (the caller loads them one by one).</summary>
    public bool TryGet(Guid timerId, out WorkflowTask task, out TimerSubject subject)
    {
        var found = byTimer.TryGetValue(timerId, out var entry);
        (task, subject) = entry;
        return found;
    }
}
