namespace CityCoop.Infrastructure.Timers;

/// <summary>Life of a timer row.</summary>
public enum TimerStatus
{
    /// <summary>Waiting for its due instant.</summary>
    Pending,

    /// <summary>Executed: its notifications were written, or its deadline action was taken (or refused and journaled).</summary>
    Fired,

    /// <summary>Its task completed first; it will never fire.</summary>
    Cancelled,
}
