using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Timers;

namespace CityCoop.Infrastructure.Jobs;

/// <summary>
/// The recurring jobs Hangfire runs. They take no arguments and are re-entrant: each re-reads the database, which holds
/// the truth (timer and outbox rows), so a run that is repeated, overlaps another or runs in a second process changes
/// nothing twice.
/// </summary>
public sealed class CityCoopJobs(TimerSweep sweep, OutboxDispatcher dispatcher, DigestWriter digests)
{
    /// <summary>Recurring job id of <see cref="SweepTimersAsync"/>.</summary>
    public const string TimerSweepId = "timer-sweep";

    /// <summary>Recurring job id of <see cref="DispatchOutboxAsync"/>.</summary>
    public const string OutboxDispatchId = "outbox-dispatch";

    /// <summary>Recurring job id of <see cref="WriteDigestsAsync"/>.</summary>
    public const string DigestId = "daily-digest";

    /// <summary>Executes due timers, then sends what they wrote.</summary>
    public async Task SweepTimersAsync(CancellationToken cancellationToken)
    {
        await sweep.RunAsync(cancellationToken);
    }

    /// <summary>Sends pending outbox messages.</summary>
    public async Task DispatchOutboxAsync(CancellationToken cancellationToken)
    {
        await dispatcher.RunAsync(cancellationToken);
    }

    /// <summary>Writes the daily digests that are due.</summary>
    public async Task WriteDigestsAsync(CancellationToken cancellationToken)
    {
        await digests.RunAsync(cancellationToken);
    }
}
