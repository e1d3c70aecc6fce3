using System.Globalization;
using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Calendars;

/// <summary>
/// Provisional calendar years computed from the holiday laws, for a year whose official calendar is not published or loaded:
/// Japan's national holidays (<see cref="JapaneseHolidays"/>), China's statutory days and their make-up days
/// (<see cref="ChineseStatutoryHolidays"/>). Supported from <see cref="FirstYear"/> to <see cref="LastYear"/>.
/// </summary>
public static class StatutoryCalendar
{
    /// <summary>The first year the rules are computed for.</summary>
    public const int FirstYear = 2000;

    /// <summary>The last year the rules are computed for (the Japanese equinox formula and the Qingming constant end with 2099).</summary>
    public const int LastYear = 2099;

    /// <summary>Whether provisional years can be computed for a year.</summary>
    public static bool Supports(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>
    /// The provisional year of a country, <see cref="CalendarYear.IsProvisional"/> set, rows in date order: for Japan the national
    /// holidays (the office closures are added by <see cref="BusinessCalendar"/>); for China the statutory days and their
    /// make-up days, and no workday rows, because weekend working days are announced each year and cannot be computed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 2000–2099, or the country is unknown.</exception>
    public static CalendarYear Provisional(Country country, int year)
    {
        EnsureSupported(year);
        IEnumerable<CalendarEntry> entries = country switch
        {
            Country.JP => JapaneseHolidays.Of(year),
            Country.CN => ChineseStatutoryHolidays.Of(year).Concat(ChineseStatutoryHolidays.CompensationDays(year)),
            _ => throw new ArgumentOutOfRangeException(nameof(country), country, "No holiday rules for this country."),
        };
        return new CalendarYear(country, year, [.. entries.OrderBy(e => e.Date)]) { IsProvisional = true };
    }

    internal static void EnsureSupported(int year)
    {
        if (!Supports(year))
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                string.Create(CultureInfo.InvariantCulture, $"Holidays are computed from the rules only for {FirstYear}–{LastYear}."));
        }
    }
}
