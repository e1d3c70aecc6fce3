using System.Globalization;
using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Calendars;

/// <summary>
/// The business-day calendars of both countries, loaded from files named <c>jp-2026.csv</c> / <c>cn-2026.csv</c>;
/// one year can be added or replaced at run time (thread-safe: readers see either the old or the new calendar).
/// </summary>
public sealed class BusinessCalendars
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Country, BusinessCalendar> _calendars;

    /// <summary>Creates the registry from official calendar years; a country with none has only the provisional years computed from the rules.</summary>
    /// <exception cref="ArgumentException">A country's year is given twice.</exception>
    public BusinessCalendars(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var list = years.ToList();
        _calendars = Enum.GetValues<Country>().ToDictionary(c => c, c => new BusinessCalendar(c, list.Where(y => y.Country == c)));
    }

    /// <summary>Loads every <c>{country}-{year}.csv</c> file of a folder (e.g. <c>data/calendars</c>); other files are ignored.</summary>
    /// <exception cref="CalendarFileException">A file has problems; the message names the file and each line.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static BusinessCalendars LoadFromFolder(string folder)
    {
        var years = new List<CalendarYear>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            if (TryParseFileName(Path.GetFileName(path), out var country, out var year))
            {
                years.Add(CalendarFile.Parse(country, year, File.ReadLines(path), Path.GetFileName(path)));
            }
        }

        return new BusinessCalendars(years);
    }

    /// <summary>The calendar of a country.</summary>
    public BusinessCalendar For(Country country)
    {
        lock (_gate)
        {
            return _calendars[country];
        }
    }

    /// <summary>Validates one year's lines and adds or replaces that year of the country's calendar.</summary>
    /// <exception cref="CalendarFileException">The lines have problems; nothing is changed.</exception>
    public CalendarYear LoadYear(Country country, int year, IEnumerable<string> lines, string source = "calendar file")
    {
        var parsed = CalendarFile.Parse(country, year, lines, source);
        lock (_gate)
        {
            _calendars[country] = _calendars[country].WithYear(parsed);
        }

        return parsed;
    }

    /// <summary>Validates a file named <c>{country}-{year}.csv</c> (e.g. <c>cn-2027.csv</c>) and adds or replaces that year.</summary>
    /// <exception cref="CalendarFileException">The file name or its lines have problems; nothing is changed.</exception>
    public CalendarYear LoadFile(string path)
    {
        var name = Path.GetFileName(path);
        if (!TryParseFileName(name, out var country, out var year))
        {
            throw new CalendarFileException(name, ["the file name must be {country}-{year}.csv, e.g. jp-2027.csv or cn-2027.csv"]);
        }

        return LoadYear(country, year, File.ReadLines(path), name);
    }

    /// <summary>The file name of a country's year, e.g. <c>jp-2026.csv</c>.</summary>
    public static string FileNameOf(Country country, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"{country.ToString().ToLowerInvariant()}-{year}.csv");

    /// <summary>Reads country and year from a file name such as <c>cn-2015.csv</c> (case-insensitive).</summary>
    public static bool TryParseFileName(string fileName, out Country country, out int year)
    {
        country = default;
        year = 0;
        var stem = Path.GetFileNameWithoutExtension(fileName ?? string.Empty);
        if (!string.Equals(Path.GetExtension(fileName), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var dash = stem.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && Enum.TryParse(stem[..dash], ignoreCase: true, out country)
            && Enum.IsDefined(country)
            && stem.Length - dash - 1 == 4
            && int.TryParse(stem[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out year);
    }
}
