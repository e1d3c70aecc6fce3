using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Calendars;

/// <summary>
/// The year-end and New Year closure of Japanese government offices, 29 December to 3 January: days off of the ministry by
/// 行政機関の休日に関する法律 art. 1(1)(iii), and of the prefectures and cities by their own ordinances (地方自治法 art. 4-2).
/// They are not national holidays, so they are kept apart as <see cref="CalendarDayKind.OfficeClosure"/>; a national holiday
/// in the window (1 January is New Year's Day) stays a <see cref="CalendarDayKind.Holiday"/>. Applied by rule in every year,
/// official or provisional; the calendar files do not list them.
/// </summary>
public static class JapaneseOfficeClosures
{
    /// <summary>The name of a closure row.</summary>
    public const string Name = "Year-end and New Year office closure";

    /// <summary>
    /// The six closure days that lie in a year, whether or not they are also national holidays: 1–3 January and 29–31 December,
    /// in date order, all of kind <see cref="CalendarDayKind.OfficeClosure"/>.
    /// </summary>
    public static IReadOnlyList<CalendarEntry> Of(int year) =>
    [
        .. new[] { new DateOnly(year, 1, 1), new(year, 1, 2), new(year, 1, 3), new(year, 12, 29), new(year, 12, 30), new(year, 12, 31) }
            .Select(d => new CalendarEntry(d, CalendarDayKind.OfficeClosure, Name)),
    ];

    /// <summary>A Japanese year with a closure row added on each closure day that has no row yet; the year's own rows win.</summary>
    /// <exception cref="ArgumentException">The year is not Japan's.</exception>
    public static CalendarYear ApplyTo(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        if (year.Country != Country.JP)
        {
            throw new ArgumentException($"Office closures are Japanese; the {year.Year} calendar given is of {year.Country}.", nameof(year));
        }

        var taken = year.Entries.Select(e => e.Date).ToHashSet();
        return year with { Entries = [.. year.Entries.Concat(Of(year.Year).Where(c => !taken.Contains(c.Date))).OrderBy(e => e.Date)] };
    }
}
