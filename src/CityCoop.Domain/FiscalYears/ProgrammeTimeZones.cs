using CityCoop.Domain.Cities;

namespace CityCoop.Domain.FiscalYears;

/// <summary>The two time zones of the programme (programme.md "Fiscal year and time"): instants are stored in UTC and shown in these.</summary>
public static class ProgrammeTimeZones
{
    /// <summary>Japan, UTC+9.</summary>
    public static TimeZoneInfo Tokyo { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <summary>China, UTC+8.</summary>
    public static TimeZoneInfo Shanghai { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The zone of a country.</summary>
    public static TimeZoneInfo Of(Country country) => country == Country.JP ? Tokyo : Shanghai;

    /// <summary>The calendar date of an instant in a zone.</summary>
    public static DateOnly DateIn(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// An instant as local date and time in a zone, <c>yyyy-MM-dd HH:mm</c>; local midnight is shown as 24:00 of the day
    /// that ends (<c>2026-12-30 24:00</c>): a due date is the end of a business day, and "00:00" of the next day reads
    /// as a day late. Pages and emails both show instants this way.
    /// </summary>
    public static string LocalDateTime(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 24:00"
            : local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}
