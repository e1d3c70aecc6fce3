namespace CityCoop.Infrastructure.Notifications;

/// <summary>Configuration section <c>Notifications</c>: how the timer sweep and the outbox dispatcher work.</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Notifications";

    /// <summary>Delivery attempts before a message is marked failed and shown to admins.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Rows one sweep or dispatch handles at most; the rest wait for the next run.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How long a claimed outbox row stays invisible to other dispatchers, in seconds. A process that dies while sending
    /// leaves the row to be retried after this lease.
    /// </summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>The back-off after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most a day.</summary>
    public static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(1440, Math.Pow(2, Math.Max(0, attempts - 1))));
}
