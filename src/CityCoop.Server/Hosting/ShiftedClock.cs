using System.Diagnostics;
using System.Globalization;

namespace CityCoop.Server.Hosting;

/// <summary>
/// The server's clock when <c>CityCoop:Clock</c> is set (tests and demos): it reads the configured instant when the
/// process starts and runs at real speed from there. Timers, delays and elapsed-time measurements stay the system's.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    /// <summary>Name of the setting (environment variable <c>CityCoop__Clock</c>).</summary>
    public const string Setting = "CityCoop:Clock";

    private readonly DateTimeOffset start;

    // Elapsed time from the monotonic clock, so a jump of the machine's wall clock does not move this one.
    private readonly long startedAt = Stopwatch.GetTimestamp();

    /// <summary>A clock that reads <paramref name="start"/> now.</summary>
    public ShiftedClock(DateTimeOffset start) => this.start = start.ToUniversalTime();

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => start + GetElapsedTime(startedAt);

    /// <summary>The clock the setting asks for: <see cref="TimeProvider.System"/> when it is unset or empty.</summary>
    /// <exception cref="InvalidSettingException">The value is not a UTC instant such as <c>2026-06-01T00:00:00Z</c>.</exception>
    public static TimeProvider FromSetting(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return TimeProvider.System;
        }

        // Only UTC ("Z"): an instant without an offset would mean different times on different machines.
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];
        if (!DateTimeOffset.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            throw new InvalidSettingException($"{Setting} must be an ISO-8601 UTC instant such as 2026-06-01T00:00:00Z, not '{value}'.");
        }

        return new ShiftedClock(start);
    }
}
