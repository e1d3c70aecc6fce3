using System.Globalization;
using CityCoop.Server.Hosting;

namespace CityCoop.Server.Tests.Infrastructure;

/// <summary>
/// The clock of every server these tests start, in memory (<see cref="CityCoopFactory"/>) or as a process
/// (<c>CityCoop__Clock</c>), unless a test brings its own: Tuesday 2026-06-02 07:00 in Tokyo (06:00 in Shanghai), FY2026.
/// A due date 30 business days on is still inside the bundled calendars (China to 2026, Japan to 2027); the day's 09:00
/// digests and reminders lie hours ahead, so a background job does not write one while a test counts emails; and no
/// result depends on the day or the hour the suite runs.
/// </summary>
public static class TestClock
{
    /// <summary>The instant the servers' clocks start at; they run at real speed from there.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 22, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="Start"/> as the value of <see cref="ShiftedClock.Setting"/>.</summary>
    public static string Setting { get; } = Format(Start);

    /// <summary>An instant as the value of <see cref="ShiftedClock.Setting"/> (UTC, ISO 8601).</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
