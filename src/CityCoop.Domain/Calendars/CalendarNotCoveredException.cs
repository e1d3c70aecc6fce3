using System.Globalization;
using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Calendars;

/// <summary>
/// A date lies in a year that the country's business-day calendar does not cover: no official calendar was loaded and the year
/// lies outside the years the holiday rules are computed for (<see cref="StatutoryCalendar.FirstYear"/>–<see cref="StatutoryCalendar.LastYear"/>).
/// </summary>
public sealed class CalendarNotCoveredException : Exception
{
    /// <summary>Creates the exception for a country and an uncovered year, naming the official years, the computed range and the way to load the missing one.</summary>
    public CalendarNotCoveredException(Country country, int year, IReadOnlyCollection<int> coveredYears)
        : base(Describe(country, year, coveredYears))
    {
        Country = country;
        Year = year;
    }

    /// <summary>Creates the exception (for serializers).</summary>
    public CalendarNotCoveredException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CalendarNotCoveredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, wrapping another.</summary>
    public CalendarNotCoveredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The country whose calendar lacks the year.</summary>
    public Country? Country { get; }

    /// <summary>The calendar year that is not covered.</summary>
    public int? Year { get; }

    private static string Describe(Country country, int year, IReadOnlyCollection<int> coveredYears)
    {
        var official = coveredYears.Count == 0
            ? "it has no official calendar"
            : "it has official calendars for " + string.Join(", ", coveredYears.Order().Select(y => y.ToString(CultureInfo.InvariantCulture)));
        var file = BusinessCalendars.FileNameOf(country, year);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"The business-day calendar of {country} does not cover {year}: {official}, " +
            $"and provisional years are computed from the holiday laws only for {StatutoryCalendar.FirstYear}–{StatutoryCalendar.LastYear}. " +
            $"An admin can load the {year} calendar of {country} with `calendars load {file}`.");
    }
}
