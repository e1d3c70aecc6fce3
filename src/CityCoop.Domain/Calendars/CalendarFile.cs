using System.Globalization;
using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Calendars;

/// <summary>
/// Reads the calendar file format: a header <c>date,kind,name</c>, then one row per date, e.g.
/// <c>2015-10-10,workday,National Day (adjusted working day)</c>; no quoting (the name is everything after the second comma).
/// </summary>
public static class CalendarFile
{
    /// <summary>The header line every calendar file starts with.</summary>
    public const string Header = "date,kind,name";

    /// <summary>Parses and validates the lines of one country's year.</summary>
    /// <exception cref="CalendarFileException">The file has problems; every problem is listed with its line number.</exception>
    public static CalendarYear Parse(Country country, int year, IEnumerable<string> lines, string source = "calendar file")
    {
        ArgumentNullException.ThrowIfNull(lines);
        var errors = new List<string>();
        var entries = new List<CalendarEntry>();
        var seen = new Dictionary<DateOnly, int>();
        var lineNumber = 0;
        var sawHeader = false;
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.TrimStart('\uFEFF').TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!sawHeader)
            {
                sawHeader = true;
                if (!string.Equals(line, Header, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(Line(lineNumber, $"expected the header \"{Header}\" but found \"{line}\""));
                }

                continue;
            }

            var parts = line.Split(',', 3);
            if (parts.Length < 3 || parts[2].Trim().Length == 0)
            {
                errors.Add(Line(lineNumber, $"expected three fields: date,kind,name (the name must not be empty)"));
                continue;
            }

            if (!DateOnly.TryParseExact(parts[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(Line(lineNumber, $"\"{parts[0].Trim()}\" is not a date in the form yyyy-MM-dd"));
                continue;
            }

            CalendarDayKind kind;
            switch (parts[1].Trim().ToUpperInvariant())
            {
                case "HOLIDAY":
                    kind = CalendarDayKind.Holiday;
                    break;
                case "WORKDAY":
                    kind = CalendarDayKind.Workday;
                    break;
                default:
                    errors.Add(Line(lineNumber, $"unknown kind \"{parts[1].Trim()}\" (expected holiday or workday)"));
                    continue;
            }

            if (date.Year != year)
            {
                errors.Add(Line(lineNumber, $"{date:yyyy-MM-dd} is not in {year}"));
                continue;
            }

            if (seen.TryGetValue(date, out var firstLine))
            {
                errors.Add(Line(lineNumber, $"{date:yyyy-MM-dd} is listed twice (first on line {firstLine})"));
                continue;
            }

            if (kind == CalendarDayKind.Workday && !IsWeekend(date))
            {
                errors.Add(Line(lineNumber, $"{date:yyyy-MM-dd} is a {date.DayOfWeek}; only a Saturday or Sunday can be declared a workday"));
                continue;
            }

            if (kind == CalendarDayKind.Workday && country == Country.JP)
            {
                // Japan has no officially declared weekend working days; a workday row there is a mistake in the file.
                errors.Add(Line(lineNumber, $"Japan's calendar has no declared workdays; only holiday rows are allowed"));
                continue;
            }

            seen[date] = lineNumber;
            entries.Add(new CalendarEntry(date, kind, parts[2].Trim()));
        }

        if (!sawHeader)
        {
            errors.Add(Line(1, $"the file is empty (expected the header \"{Header}\")"));
        }

        if (errors.Count > 0)
        {
            throw new CalendarFileException(source, errors);
        }

        entries.Sort((a, b) => a.Date.CompareTo(b.Date));
        return new CalendarYear(country, year, entries);
    }

    /// <summary>Whether a date is a Saturday or a Sunday.</summary>
    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string Line(int lineNumber, FormattableString message) =>
        string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: ") + message.ToString(CultureInfo.InvariantCulture);
}
