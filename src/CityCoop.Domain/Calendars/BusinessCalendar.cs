using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Calendars;

/// <summary>
/// The working days of one country: Monday to Friday unless a holiday, Saturday and Sunday unless declared a workday.
/// Immutable; only the years it was given are covered, and any other year is a <see cref="CalendarNotCoveredException"/>.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly IReadOnlyDictionary<int, CalendarYear> _years;
    private readonly Dictionary<DateOnly, CalendarEntry> _entries;

    /// <summary>Creates the calendar of a country from its years (at most one per calendar year; every year must belong to the country).</summary>
    /// <exception cref="ArgumentException">A year belongs to another country or is given twice.</exception>
    public BusinessCalendar(Country country, IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        Country = country;
        var byYear = new SortedDictionary<int, CalendarYear>();
        foreach (var year in years)
        {
            if (year.Country != country)
            {
                throw new ArgumentException($"The {year.Year} calendar of {year.Country} cannot be part of the calendar of {country}.", nameof(years));
            }

            if (!byYear.TryAdd(year.Year, year))
            {
                throw new ArgumentException($"The {year.Year} calendar of {country} is given twice.", nameof(years));
            }
        }

        _years = byYear;
        _entries = byYear.Values.SelectMany(y => y.Entries).ToDictionary(e => e.Date);
        CoveredYears = [.. byYear.Keys];
    }

    /// <summary>The country whose working days this calendar knows.</summary>
    public Country Country { get; }

    /// <summary>The calendar years covered, ascending (not necessarily contiguous).</summary>
    public IReadOnlyList<int> CoveredYears { get; }

    /// <summary>The rows of one covered year.</summary>
    /// <exception cref="CalendarNotCoveredException">The year is not covered.</exception>
    public CalendarYear Year(int year) =>
        _years.TryGetValue(year, out var found) ? found : throw new CalendarNotCoveredException(Country, year, [.. CoveredYears]);

    /// <summary>Whether the calendar covers the year of a date.</summary>
    public bool Covers(DateOnly date) => _years.ContainsKey(date.Year);

    /// <summary>A new calendar with one year's rows added or replaced; this calendar is unchanged.</summary>
    /// <exception cref="ArgumentException">The year belongs to another country.</exception>
    public BusinessCalendar WithYear(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        return new BusinessCalendar(Country, _years.Values.Where(y => y.Year != year.Year).Append(year));
    }

    /// <summary>Whether a date is a working day: Monday–Friday unless a holiday, Saturday/Sunday only if declared a workday.</summary>
    /// <exception cref="CalendarNotCoveredException">The date's year is not covered.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        EnsureCovered(date);
        if (_entries.TryGetValue(date, out var entry))
        {
            return entry.Kind == CalendarDayKind.Workday;
        }

        return !CalendarFile.IsWeekend(date);
    }

    /// <summary>The holiday or workday row of a date, or null when the date follows the plain week.</summary>
    /// <exception cref="CalendarNotCoveredException">The date's year is not covered.</exception>
    public CalendarEntry? EntryFor(DateOnly date)
    {
        EnsureCovered(date);
        return _entries.GetValueOrDefault(date);
    }

    /// <summary>
    /// The date <paramref name="businessDays"/> working days after (or, when negative, before) a date; the start itself is not counted,
    /// and 0 returns the start unchanged. E.g. in Japan 2015-05-01 plus 1 is 2015-05-07 (Golden Week).
    /// </summary>
    /// <exception cref="CalendarNotCoveredException">The walk reaches a year that is not covered.</exception>
    public DateOnly AddBusinessDays(DateOnly date, int businessDays)
    {
        EnsureCovered(date);
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
    /// <exception cref="CalendarNotCoveredException">The walk reaches a year that is not covered.</exception>
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
    /// <exception cref="CalendarNotCoveredException">A date between the two lies in a year that is not covered.</exception>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -BusinessDaysBetween(to, from);
        }

        EnsureCovered(from);
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
    /// <exception cref="CalendarNotCoveredException">The date's year is not covered.</exception>
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

    private void EnsureCovered(DateOnly date)
    {
        if (!_years.ContainsKey(date.Year))
        {
            throw new CalendarNotCoveredException(Country, date.Year, [.. CoveredYears]);
        }
    }
}
