namespace CityCoop.Infrastructure.Notifications;

/// <summary>
/// One notification to one person, written in the same transaction as the step that causes it, so a step that
/// rolls back sends nothing. <see cref="UniqueKey"/> (subject, kind, recipient, due instant) is unique in the
/// database, so the same notice can never be created twice.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The subject type of the workflow subject the message is about (e.g. <c>proposal</c>), or null for a digest.</summary>
    public string? SubjectType { get; init; }

    /// <summary>The subject the message is about; <see cref="Guid.Empty"/> for a digest.</summary>
    public required Guid SubjectId { get; init; }

    /// <summary>
    /// The workflow task the notice is about, or null for a notice about no single task (the digest) and for rows written
    /// before the column. A row of a <see cref="NoticeValidity.TaskBoundKinds">task-bound kind</see> is superseded, not
    /// sent, once this task is closed.
    /// </summary>
    public Guid? TaskId { get; init; }

    /// <summary>Notification kind, which is also the template name (e.g. <c>task-opened</c>, <c>reminder</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>Recipient user id.</summary>
    public required string RecipientUserId { get; init; }

    /// <summary>Recipient email address.</summary>
    public required string RecipientEmail { get; init; }

    /// <summary>Recipient display name.</summary>
    public required string RecipientName { get; init; }

    /// <summary>Recipient's language (zh-CN, ja-JP, en).</summary>
    public required string Language { get; init; }

    /// <summary>Recipient's IANA time zone.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The instant the notice is for (task opened, reminder due …), UTC.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>"subject id|kind|recipient|due instant", unique (subject ids are unique across subject types).</summary>
    public required string UniqueKey { get; init; }

    /// <summary>Template model as JSON (proposal title, task, due date …).</summary>
    public required string PayloadJson { get; init; }

    /// <summary>Pending, sent, failed or superseded.</summary>
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    /// <summary>
    /// Delivery attempts so far. Each claim counts one, so it also names the claim: a concurrency token, and the dispatcher
    /// finishes a row only while it still holds the claim it made (<c>WHERE "Attempts" = n</c>).
    /// </summary>
    public int Attempts { get; set; }

    /// <summary>Earliest instant of the next attempt (UTC).</summary>
    public required DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The last delivery error, if any.</summary>
    public string? LastError { get; set; }

    /// <summary>When the row was written (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was sent (UTC).</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Why the row was superseded instead of sent (<see cref="SupersededReasons"/>: <c>task-closed</c>, <c>recipient-deactivated</c>), or null.</summary>
    public string? SupersededReason { get; set; }

    /// <summary>When the dispatcher superseded it (UTC), or null.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>Builds the unique key of a notice.</summary>
    public static string KeyOf(Guid subjectId, string kind, string recipientUserId, DateTimeOffset dueAt) =>
        $"{subjectId:N}|{kind}|{recipientUserId}|{dueAt.UtcTicks}";
}
