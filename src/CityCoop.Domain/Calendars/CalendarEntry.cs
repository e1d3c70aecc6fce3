using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Calendars;

/// <summary>One row of a country's business-day calendar: a date that differs from the plain Monday–Friday week, or a holiday on a weekend.</summary>
/// <param name="Date">The calendar date in the country's own zone.</param>
/// <param name="Kind">Whether the date is a holiday, a declared working day or (Japan) a government office closure.</param>
/// <param name="Name">The English name of the holiday (or of the holiday a working day compensates for).</param>
public sealed record CalendarEntry(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// The rows of one country and one year: the official rows of a file such as <c>jp-2026.csv</c>, or, for a year without one,
/// the provisional rows <see cref="StatutoryCalendar.Provisional"/> computes from the holiday laws.
/// </summary>
/// <param name="Country">The country the rows belong to.</param>
/// <param name="Year">The calendar year every row's date lies in.</param>
/// <param name="Entries">The rows, in date order, at most one per date.</param>
public sealed record CalendarYear(Country Country, int Year, IReadOnlyList<CalendarEntry> Entries)
{
    /// <summary>
    /// True when the rows were computed from the holiday laws because no official calendar of the year was loaded; such a year
    /// lacks what each year's announcement adds (China's bridging days and weekend working days).
    /// </summary>
    public bool IsProvisional { get; init; }
}
