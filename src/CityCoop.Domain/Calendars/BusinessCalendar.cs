using System.Collections.Concurrent;
using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Calendars;

/// <summary>
/// The working days of one country: Monday to Friday unless a holiday, Saturday and Sunday unless declared a workday; in Japan
/// also not the government office closure of 29 December – 3 January (<see cref="JapaneseOfficeClosures"/>).
/// A year uses its official calendar when one was given, else a provisional year computed from the holiday laws
/// (<see cref="StatutoryCalendar"/>, 2000–2099); any other year is a <see cref="CalendarNotCoveredException"/>.
/// Immutable and thread-safe; each provisional year is computed once, on first use.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly IReadOnlyDictionary<int, IndexedYear> _official;
    private readonly ConcurrentDictionary<int, Lazy<IndexedYear>> _provisional = new();

    /// <summary>Creates the calendar of a country from its official years (at most one per calendar year; every year must belong to the country).</summary>
    /// <exception cref="ArgumentException">A year belongs to another country or is given twice.</exception>
    public BusinessCalendar(Country country, IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        Country = country;
        var byYear = new SortedDictionary<int, IndexedYear>();
        foreach (var year in years)
        {
            if (year.Country != country)
            {
                throw new ArgumentException($"The {year.Year} calendar of {year.Country} cannot be part of the calendar of {country}.", nameof(years));
            }

            if (!byYear.TryAdd(year.Year, Index(year)))
            {
                throw new ArgumentException($"The {year.Year} calendar of {country} is given twice.", nameof(years));
            }
        }

        _official = byYear;
        CoveredYears = [.. byYear.Keys];
    }

    /// <summary>The country whose working days this calendar knows.</summary>
    public Country Country { get; }

    /// <summary>The years with an official calendar, ascending (not necessarily contiguous); other years are provisional or not covered.</summary>
    public IReadOnlyList<int> CoveredYears { get; }

    /// <summary>
    /// The rows of a year: the official year when one was given, else the provisional one (<see cref="CalendarYear.IsProvisional"/>);
    /// for Japan both include the office-closure rows.
    /// </summary>
    /// <exception cref="CalendarNotCoveredException">The year lies outside 2000–2099 and has no official calendar.</exception>
    public CalendarYear Year(int year) => IndexOf(year).Year;

    /// <summary>Whether the year of a date has an official calendar (a provisional year does not count).</summary>
    public bool Covers(DateOnly date) => _official.ContainsKey(date.Year);

    /// <summary>Whether a year has no official calendar, so that its working days come from the rules (or, outside 2000–2099, are not known).</summary>
    public bool IsProvisional(int year) => !_official.ContainsKey(year);

    /// <summary>Whether any year from the year of <paramref name="from"/> to that of <paramref name="to"/>, inclusive (in either order), is provisional.</summary>
    public bool AnyProvisional(DateOnly from, DateOnly to)
    {
        var (first, last) = from <= to ? (from.Year, to.Year) : (to.Year, from.Year);
        return Enumerable.Range(first, last - first + 1).Any(IsProvisional);
    }

    /// <summary>A new calendar with one official year added or replaced; this calendar is unchanged.</summary>
    /// <exception cref="ArgumentException">The year belongs to another country.</exception>
    public BusinessCalendar WithYear(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        return new BusinessCalendar(Country, _official.Values.Select(y => y.Year).Where(y => y.Year != year.Year).Append(year));
    }

    /// <summary>
    /// Whether a date is a working day: Monday–Friday unless a holiday (or, in Japan, an office closure), Saturday/Sunday only if
    /// declared a workday.
    /// </summary>
    /// <exception cref="CalendarNotCoveredException">The date's year lies outside 2000–2099 and has no official calendar.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        if (IndexOf(date.Year).ByDate.TryGetValue(date, out var entry))
        {
            return entry.Kind == CalendarDayKind.Workday;
        }

        return !CalendarFile.IsWeekend(date);
    }

    /// <summary>The holiday, workday or office-closure row of a date (official or provisional), or null when the date follows the plain week.</summary>
    /// <exception cref="CalendarNotCoveredException">The date's year lies outside 2000–2099 and has no official calendar.</exception>
    public CalendarEntry? EntryFor(DateOnly date) => IndexOf(date.Year).ByDate.GetValueOrDefault(date);

    /// <summary>
    /// The date <paramref name="businessDays"/> working days after (or, when negative, before) a date; the start itself is not counted,
    /// and 0 returns the start unchanged. E.g. in Japan 2015-05-01 plus 1 is 2015-05-07 (Golden Week).
    /// </summary>
    /// <exception cref="CalendarNotCoveredException">The walk reaches a year outside 2000–2099 that has no official calendar.</exception>
    public DateOnly AddBusinessDays(DateOnly date, int businessDays)
    {
        // Even a walk of 0 days refuses a start in an unknown year.
        _ = IndexOf(date.Year);
        var step = businessDays < 0 ? -1 : 1;
        var remaining = Math.Abs((long)businessDays);
        var current = date;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (IsWorkingDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary>The first working day on or after a date (the date itself when it is one).</summary>
    /// <exception cref="CalendarNotCoveredException">The walk reaches a year outside 2000–2099 that has no official calendar.</exception>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        var current = date;
        while (!IsWorkingDay(current))
        {
            current = current.AddDays(1);
        }

        return current;
    }

    /// <summary>The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    /// <exception cref="CalendarNotCoveredException">A date between the two lies in a year outside 2000–2099 that has no official calendar.</exception>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -BusinessDaysBetween(to, from);
        }

        _ = IndexOf(from.Year);
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The UTC instant a business day ends in a zone: local midnight at the start of the next day, exclusive
    /// (a task due on that day is overdue from this instant on). A due date is the end of that business day in the recipient's time zone.
    /// </summary>
    /// <exception cref="CalendarNotCoveredException">The date's year lies outside 2000–2099 and has no official calendar.</exception>
    /// <exception cref="ArgumentException">The date is not a working day of this calendar.</exception>
    public DateTimeOffset EndOfBusinessDay(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!IsWorkingDay(date))
        {
            throw new ArgumentException($"{date:yyyy-MM-dd} is not a working day in {Country}; use NextWorkingDayOnOrAfter first.", nameof(date));
        }

        return EndOfDay(date, zone);
    }

    /// <summary>The UTC instant a calendar day ends in a zone (local midnight at the start of the next day), whether or not it is a working day.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var localMidnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Where a daylight-saving jump skips midnight, the day ends at the first local instant that exists.
        while (zone.IsInvalidTime(localMidnight))
        {
            localMidnight = localMidnight.AddMinutes(1);
        }

        var offset = zone.GetUtcOffset(localMidnight);
        return new DateTimeOffset(localMidnight, offset).ToUniversalTime();
    }

    private IndexedYear IndexOf(int year)
    {
        if (_official.TryGetValue(year, out var official))
        {
            return official;
        }

        if (!StatutoryCalendar.Supports(year))
        {
            throw new CalendarNotCoveredException(Country, year, CoveredYears);
        }

        // Lazy makes each year computed once even when two threads ask for it at the same time.
        return _provisional.GetOrAdd(year, y => new Lazy<IndexedYear>(() => Index(StatutoryCalendar.Provisional(Country, y)))).Value;
    }

    private IndexedYear Index(CalendarYear year)
    {
        var full = Country == Country.JP ? JapaneseOfficeClosures.ApplyTo(year) : year;
        return new IndexedYear(full, full.Entries.ToDictionary(e => e.Date));
    }

    private sealed record IndexedYear(CalendarYear Year, IReadOnlyDictionary<DateOnly, CalendarEntry> ByDate);
}
