using CityCoop.Domain.Cities;

namespace CityCoop.Domain.FiscalYears;

/// <summary>The two time zones of the programme (DOMAIN.md "Calendar"): instants are stored in UTC and shown in these.</summary>
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
}
