using CityCoop.Domain.Cities;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Timers;

/// <summary>
/// A timer declared in a workflow definition for one open task (reminder, deadline or escalation). Timer rows
/// are the source of truth: they are written in the same transaction as the step that opens the task and
/// cancelled in the same transaction as the step that closes it; background jobs only execute them.
/// </summary>
public sealed class WorkflowTimer
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>Workflow instance.</summary>
    public required Guid InstanceId { get; init; }

    /// <summary>Task the timer belongs to.</summary>
    public required Guid TaskId { get; init; }

    /// <summary>Task name from the definition.</summary>
    public required string TaskName { get; init; }

    /// <summary>Reminder, deadline or escalation.</summary>
    public required TimerKind Kind { get; init; }

    /// <summary>
    /// The recipients' country this row counts days for and notifies (one row per country of a task open to both
    /// platforms); null on rows written before per-country timers and on deadlines that take an action: those count the
    /// task's own country and notify every recipient.
    /// </summary>
    public Country? Country { get; init; }

    /// <summary>The declaration as JSON (durations, recipients), kept so the row can be executed without its definition.</summary>
    public required string DeclarationJson { get; init; }

    /// <summary>The due instant (UTC) the timer is relative to (the task's in this row's country); null when the task has no due date. Recounted when an official calendar year is loaded.</summary>
    public DateTimeOffset? TaskDueAt { get; set; }

    /// <summary>When the timer next fires (UTC); null until computed with business days.</summary>
    public DateTimeOffset? FireAt { get; set; }

    /// <summary>Pending, fired or cancelled.</summary>
    public TimerStatus Status { get; set; } = TimerStatus.Pending;

    /// <summary>How many times the timer fired (repeating reminders).</summary>
    public int FireCount { get; set; }

    /// <summary>When the row was written (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it fired the last time or was cancelled (UTC).</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Why the last run of this timer failed (e.g. a calendar year not loaded), or null; shown to admins.</summary>
    public string? LastError { get; set; }

    /// <summary>Marks the timer cancelled because its task completed.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (Status == TimerStatus.Pending)
        {
            Status = TimerStatus.Cancelled;
            CompletedAt = now;
        }
    }
}
