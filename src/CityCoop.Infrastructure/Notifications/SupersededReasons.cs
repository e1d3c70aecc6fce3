namespace CityCoop.Infrastructure.Notifications;

/// <summary>
/// Why an outbox row was <see cref="OutboxStatus.Superseded"/> instead of sent: the value of
/// <see cref="OutboxMessage.SupersededReason"/>, shown to admins (<c>GET /api/admin/outbox?status=superseded</c>, the admin page).
/// </summary>
public static class SupersededReasons
{
    /// <summary>The task the notice is about (<see cref="NoticeValidity.TaskBoundKinds"/>) was closed before it was sent.</summary>
    public const string TaskClosed = "task-closed";

    /// <summary>The recipient's account was deactivated (or removed) after the notice was queued.</summary>
    public const string RecipientDeactivated = "recipient-deactivated";
}
