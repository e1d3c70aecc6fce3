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
    /// <summary>
    /// The filter, or the first filter that cannot be read and why: <c>event</c> (<c>invalid-filter</c>, arguments field,
    /// value, allowed), <c>user</c> (a character <see cref="TextRules"/> refuses), <c>from</c> or <c>to</c>
    /// (<c>invalid-filter</c>, arguments field, value).
    /// </summary>
    public static (SecurityAuditFilter? Filter, (string Field, DomainText Why)? Refused) Parse(string? eventCode, string? user, string? from, string? to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!string.IsNullOrWhiteSpace(eventCode) && !SecurityEvents.All.Contains(eventCode))
        {
            var allowed = string.Join(", ", SecurityEvents.All);
            return (null, ("event", DomainText.Of("invalid-filter", $"event must be one of: {allowed}.", ("field", "event"), ("value", eventCode), ("allowed", allowed))));
        }

        // A NUL in the user filter breaks PostgreSQL's query and not SQLite's (TextRules).
        if (TextRules.WhyNot("user", user, TextKind.SingleLine) is { } why)
        {
            return (null, ("user", why));
        }

        if (!TryBound(from, zone, endOfDay: false, out var start))
        {
            return (null, ("from", NotADateOrInstant("from", from)));
        }

        if (!TryBound(to, zone, endOfDay: true, out var end))
        {
            return (null, ("to", NotADateOrInstant("to", to)));
        }

        return (new SecurityAuditFilter(string.IsNullOrWhiteSpace(eventCode) ? null : eventCode, string.IsNullOrWhiteSpace(user) ? null : user.Trim(), start, end), null);
    }

    private static DomainText NotADateOrInstant(string field, string? value) =>
        DomainText.Of("invalid-filter", $"{field} must be a date (yyyy-MM-dd) or an ISO 8601 instant.", ("field", field), ("value", value));

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
