using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Notifications;

/// <summary>
/// Whether a queued notice still holds when the dispatcher claims it. A notice is written in the step's transaction, but
/// sent later (a minute's sweep, a retry, a back-off): by then the task may be done or the recipient gone, and a
/// "due soon" email about a finished task, or to a deactivated account, tells something that is no longer true.
/// </summary>
public static class NoticeValidity
{
    /// <summary>
    /// Kinds that speak of an open task (a new task, a reminder, an escalation, the fiscal-year-end notice): they hold only
    /// while <see cref="OutboxMessage.TaskId"/> is open. Every other kind (a decision, the digest, which is written from the
    /// open tasks of its day) stays valid once written. Rows without a task id (written before the column) are not checked.
    /// </summary>
    public static IReadOnlySet<string> TaskBoundKinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MailKinds.TaskOpened,
        MailKinds.Reminder,
        MailKinds.Escalation,
        MailKinds.FiscalYearEnd,
    };

    /// <summary>
    /// The rows among <paramref name="rows"/> that no longer hold, each with its reason (<see cref="SupersededReasons"/>).
    /// Two queries whatever the batch size; the caller runs them in the transaction that claims the rows.
    /// </summary>
    internal static async Task<Dictionary<Guid, string>> SupersededAsync(CityCoopDbContext db, IReadOnlyCollection<OutboxMessage> rows, CancellationToken ct)
    {
        var reasons = new Dictionary<Guid, string>();
        if (rows.Count == 0)
        {
            return reasons;
        }

        var recipientIds = rows.Select(m => m.RecipientUserId).Distinct().ToList();
        var active = (await db.Users.Where(u => recipientIds.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var taskIds = rows.Where(m => m.TaskId is not null && TaskBoundKinds.Contains(m.Kind)).Select(m => m.TaskId!.Value).Distinct().ToList();
        var open = taskIds.Count == 0
            ? []
            : (await db.WorkflowTasks.Where(t => taskIds.Contains(t.Id) && t.ClosedAt == null).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        foreach (var row in rows)
        {
            if (!active.Contains(row.RecipientUserId))
            {
                reasons[row.Id] = SupersededReasons.RecipientDeactivated;
            }
            else if (row.TaskId is { } task && TaskBoundKinds.Contains(row.Kind) && !open.Contains(task))
            {
                reasons[row.Id] = SupersededReasons.TaskClosed;
            }
        }

        return reasons;
    }
}
