using System.Globalization;
using CityCoop.Infrastructure.Security;
using CityCoop.Workflows;

namespace CityCoop.Server.Security;

/// <summary>
/// Reads the audit log's filters as the API and the admin page take them: an event code of <see cref="SecurityEvents.All"/>,
/// and a date range whose ends are dates (<c>2026-06-01</c>, a whole day in the reader's zone (UTC for the API); <c>to</c> includes its
/// day) or instants (<c>2026-06-01T09:00:00Z</c>; <c>from</c> inclusive, <c>to</c> exclusive).
/// </summary>
public static class AuditFilterParser
{
    /// <summary>The filter, or the name of the first parameter that cannot be read (<c>event</c>, <c>user</c> — a control character, <c>from</c>, <c>to</c>).</summary>
    public static (SecurityAuditFilter? Filter, string? BadParameter) Parse(string? eventCode, string? user, string? from, string? to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!string.IsNullOrWhiteSpace(eventCode) && !SecurityEvents.All.Contains(eventCode))
        {
            return (null, "event");
        }

        // A NUL in the user filter breaks PostgreSQL's query and not SQLite's (TextRules).
        if (TextRules.WhyNot("user", user, TextKind.SingleLine) is not null)
        {
            return (null, "user");
        }

        if (!TryBound(from, zone, endOfDay: false, out var start))
        {
            return (null, "from");
        }

        if (!TryBound(to, zone, endOfDay: true, out var end))
        {
            return (null, "to");
        }

        return (new SecurityAuditFilter(string.IsNullOrWhiteSpace(eventCode) ? null : eventCode, string.IsNullOrWhiteSpace(user) ? null : user.Trim(), start, end), null);
    }

    private static bool TryBound(string? text, TimeZoneInfo zone, bool endOfDay, out DateTimeOffset? bound)
    {
        bound = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // A day at the calendar's edge (to=9999-12-31, from=0001-01-01) has no next day or no UTC instant in every
            // zone; no audit entry is that old or that new, so it bounds nothing.
            if (day.Year is < 2 or > 9998)
            {
                return true;
            }

            var local = (endOfDay ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue);
            bound = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            bound = instant;
            return true;
        }

        return false;
    }
}
