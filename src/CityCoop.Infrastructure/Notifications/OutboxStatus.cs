namespace CityCoop.Infrastructure.Notifications;

/// <summary>Delivery state of an outbox message.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (or to be retried).</summary>
    Pending,

    /// <summary>Handed to the mail server (or written as an .eml file).</summary>
    Sent,

    /// <summary>Gave up after the configured number of attempts; shown to admins.</summary>
    Failed,
}
