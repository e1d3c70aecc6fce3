namespace CityCoop.Infrastructure.Notifications.Payloads;

/// <summary>
/// A notice about one task: opened or closed (a decision says what was decided), a reminder, a deadline or an escalation.
/// Instants are UTC; the due date is the one in the recipient's country.
/// </summary>
/// <param name="SubjectTitle">The subject's title.</param>
/// <param name="TaskName">The task's name in the definition (the dispatcher shows its display name).</param>
/// <param name="State">The state the task belongs to.</param>
/// <param name="TaskDueAt">When the task is due for the recipient, or null.</param>
/// <param name="DueProvisionalYear">The calendar year the due date was counted in before its official schedule was loaded, or null.</param>
/// <param name="DueCountry">The country the due date is counted in (JP, CN), or null.</param>
public sealed record TaskNoticePayload(
    string SubjectTitle,
    string TaskName,
    string State,
    DateTimeOffset? TaskDueAt,
    int? DueProvisionalYear,
    string? DueCountry) : NotificationPayload(SubjectTitle)
{
    /// <summary>The action that closed the task, or null.</summary>
    public string? Action { get; init; }

    /// <summary>A decision's approved amount (possibly less than requested), or null.</summary>
    public decimal? ApprovedAmount { get; init; }

    /// <summary>A decision's requested amount, or null.</summary>
    public decimal? RequestedAmount { get; init; }

    /// <summary>The amounts' currency (JPY, CNY), or null.</summary>
    public string? Currency { get; init; }

    /// <summary>The decider's reason, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>True when the task is overdue for the recipient (reminders and escalations).</summary>
    public bool? IsOverdue { get; init; }

    /// <summary>For escalations: business days the task is overdue.</summary>
    public int? OverdueBusinessDays { get; init; }

    /// <summary>For escalations: who holds the task, or its organisation or scope.</summary>
    public string? AssigneeName { get; init; }
}
