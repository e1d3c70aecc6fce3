namespace CityCoop.Infrastructure.Notifications;

/// <summary>Delivery state of an outbox message. Stored as its name (a string column), so a new value needs no migration.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (or to be retried).</summary>
    Pending,

    /// <summary>Handed to the mail server (or written as an .eml file).</summary>
    Sent,

    /// <summary>Gave up after the configured number of attempts; shown to admins.</summary>
    Failed,

    /// <summary>
    /// Never sent: when the dispatcher claimed it, the notice no longer held (its task was closed, its recipient
    /// deactivated). <see cref="OutboxMessage.SupersededReason"/> says which (<see cref="SupersededReasons"/>).
    /// </summary>
    Superseded,
}
