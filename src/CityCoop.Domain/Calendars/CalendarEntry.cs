using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Calendars;

/// <summary>One row of a country's business-day calendar: a date that differs from the plain Monday–Friday week, or a holiday on a weekend.</summary>
/// <param name="Date">The calendar date in the country's own zone.</param>
/// <param name="Kind">Whether the date is a holiday or a declared working day.</param>
/// <param name="Name">The English name of the holiday (or of the holiday a working day compensates for).</param>
public sealed record CalendarEntry(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>The rows of one country and one year, as held in a file such as <c>jp-2026.csv</c>.</summary>
/// <param name="Country">The country the rows belong to.</param>
/// <param name="Year">The calendar year every row's date lies in.</param>
/// <param name="Entries">The rows, in date order.</param>
public sealed record CalendarYear(Country Country, int Year, IReadOnlyList<CalendarEntry> Entries);
