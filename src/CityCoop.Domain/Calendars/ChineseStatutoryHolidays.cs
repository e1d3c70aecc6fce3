using System.Globalization;

namespace CityCoop.Domain.Calendars;

/// <summary>
/// China's statutory public holidays for all citizens under the State Council's 全国年节及纪念日放假办法, in the revision in force
/// each year: 1999 (for 2000–2007), 2007 (2008–2013), 2013 (2014–2024) and 2024 (from 2025); and the make-up days (补假) its
/// rule requires for a statutory day on a Saturday or Sunday. Only these follow from the rules: the bridging days and weekend
/// working days (调休) of each year's State Council notice cannot be computed. Names are the English names of the files.
/// </summary>
public static class ChineseStatutoryHolidays
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>
    /// The statutory days of a year, in date order, of kind <see cref="CalendarDayKind.Holiday"/>; a day that is two festivals
    /// at once (Mid-Autumn on 1–3 October) is one row naming both, "Mid-Autumn Festival and National Day".
    /// E.g. 2027: New Year's Day 01-01, Spring Festival 02-05 to 02-08, Qingming 04-05, Labour Day 05-01 and 05-02,
    /// Dragon Boat 06-09, Mid-Autumn 09-15, National Day 10-01 to 10-03.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 2000–2099.</exception>
    public static IReadOnlyList<CalendarEntry> Of(int year) =>
    [
        .. Festivals(year)
            .SelectMany(f => f.Days.Select(d => (Date: d, f.Name)))
            .GroupBy(d => d.Date, d => d.Name)
            .OrderBy(g => g.Key)
            .Select(g => new CalendarEntry(g.Key, CalendarDayKind.Holiday, string.Join(" and ", g))),
    ];

    /// <summary>
    /// The make-up days (补假) of a year, in date order: for each statutory day on a Saturday or Sunday, and for each day that is
    /// a second festival on the same date (as in 2020, when Mid-Autumn fell on National Day and the State Council gave four
    /// statutory days off), one day off on the first Monday–Friday after that festival's days that is not already a holiday;
    /// named e.g. "National Day (compensation day, provisional)". E.g. 2027: 02-09, 02-10, 05-03, 05-04, 10-04, 10-05.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 2000–2099.</exception>
    public static IReadOnlyList<CalendarEntry> CompensationDays(int year)
    {
        var festivals = Festivals(year).OrderBy(f => f.Days[0]).ToList();
        var holidays = festivals.SelectMany(f => f.Days).ToHashSet();
        var counted = new HashSet<DateOnly>();
        var madeUp = new List<CalendarEntry>();
        foreach (var (name, days) in festivals)
        {
            foreach (var day in days)
            {
                var isSecondFestival = !counted.Add(day);
                if (!CalendarFile.IsWeekend(day) && !isSecondFestival)
                {
                    continue;
                }

                var off = days[^1].AddDays(1);
                while (CalendarFile.IsWeekend(off) || holidays.Contains(off))
                {
                    off = off.AddDays(1);
                }

                holidays.Add(off);
                madeUp.Add(new CalendarEntry(off, CalendarDayKind.Holiday, $"{name} (compensation day, provisional)"));
            }
        }

        return [.. madeUp.OrderBy(e => e.Date)];
    }

    /// <summary>
    /// The Qingming day of a year: the solar term 清明 (the sun at ecliptic longitude 15°), for 2000–2099 in April on day
    /// floor(y × 0.2422 + 4.81) − floor(y / 4) with y = year mod 100; e.g. 2027-04-05.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 2000–2099 (the constant 4.81 is the 21st century's).</exception>
    public static DateOnly Qingming(int year)
    {
        StatutoryCalendar.EnsureSupported(year);
        var y = year % 100;

        // 0.2422 and 4.81 in ten-thousandths, so the floor is exact integer arithmetic rather than a rounded double.
        return new DateOnly(year, 4, (((y * 2422) + 48_100) / 10_000) - (y / 4));
    }

    // A day of the lunar year that begins in the Gregorian year; the month is 1–12, never a leap month.
    private static DateOnly LunarDate(int year, int month, int day)
    {
        // GetLeapMonth gives the index of the leap month, which follows the month it repeats: from it on, indexes are one ahead.
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    private static IEnumerable<(string Name, DateOnly[] Days)> Festivals(int year)
    {
        StatutoryCalendar.EnsureSupported(year);
        var lunarNewYear = LunarDate(year, 1, 1);
        yield return ("New Year's Day", [new DateOnly(year, 1, 1)]);
        yield return ("Spring Festival", year switch
        {
            >= 2025 => Days(lunarNewYear.AddDays(-1), 4),
            >= 2014 => Days(lunarNewYear, 3),
            >= 2008 => Days(lunarNewYear.AddDays(-1), 3),
            _ => Days(lunarNewYear, 3),
        });

        // The 1999 revision had neither the traditional festivals nor a one-day Labour Day; the 2007 revision added them.
        if (year >= 2008)
        {
            yield return ("Qingming Festival", [Qingming(year)]);
        }

        yield return ("Labour Day", Days(new DateOnly(year, 5, 1), year switch { >= 2025 => 2, >= 2008 => 1, _ => 3 }));
        if (year >= 2008)
        {
            yield return ("Dragon Boat Festival", [LunarDate(year, 5, 5)]);
            yield return ("Mid-Autumn Festival", [LunarDate(year, 8, 15)]);
        }

        yield return ("National Day", Days(new DateOnly(year, 10, 1), 3));
    }

    private static DateOnly[] Days(DateOnly first, int count) => [.. Enumerable.Range(0, count).Select(first.AddDays)];
}
