namespace CityCoop.Domain.Calendars;

/// <summary>
/// Japan's national holidays computed from the Act on National Holidays (国民の祝日に関する法律) as amended, with the one-off
/// changes of the special laws for 2019 (the Emperor's enthronement) and for 2020 and 2021 (the Tokyo Olympics):
/// the fixed and Happy-Monday days, the equinox days, substitute holidays (art. 3(2)) and citizens' holidays (art. 3(3)).
/// Names are the English names the calendar files use, so computed rows compare with <c>jp-YYYY.csv</c>.
/// </summary>
public static class JapaneseHolidays
{
    /// <summary>The name of a day between two national holidays (art. 3(3)).</summary>
    public const string CitizensHoliday = "Citizens' Holiday";

    // The Olympic special measures law moved these three holidays in 2020 and again, after the postponement, in 2021.
    private static readonly Dictionary<(int Year, string Name), DateOnly> Moved = new()
    {
        [(2020, "Marine Day")] = new(2020, 7, 23),
        [(2020, "Sports Day")] = new(2020, 7, 24),
        [(2020, "Mountain Day")] = new(2020, 8, 10),
        [(2021, "Marine Day")] = new(2021, 7, 22),
        [(2021, "Sports Day")] = new(2021, 7, 23),
        [(2021, "Mountain Day")] = new(2021, 8, 8),
    };

    // 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律: both days count as national holidays, so 30 April and
    // 2 May 2019 follow as citizens' holidays.
    private static readonly (DateOnly Date, string Name)[] OneOff =
    [
        (new(2019, 5, 1), "Enthronement Day (Emperor's accession)"),
        (new(2019, 10, 22), "Enthronement Ceremony Day"),
    ];

    /// <summary>
    /// The national holidays, substitute holidays and citizens' holidays of a year, in date order, all of kind
    /// <see cref="CalendarDayKind.Holiday"/>; e.g. 2015 has 17 rows including 2015-09-22 "Citizens' Holiday".
    /// </summary>
    /// <param name="year">A year from <see cref="StatutoryCalendar.FirstYear"/> to <see cref="StatutoryCalendar.LastYear"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 2000–2099 (the equinox formula and the rules here hold only there).</exception>
    public static IReadOnlyList<CalendarEntry> Of(int year)
    {
        StatutoryCalendar.EnsureSupported(year);
        var national = NationalHolidays(year).ToDictionary(h => h.Date, h => h.Name);
        var days = new SortedDictionary<DateOnly, string>(national);

        // Art. 3(2): from 2007 the substitute is the nearest later day that is not a national holiday; before, only the Monday.
        foreach (var (sunday, name) in national.Where(h => h.Key.DayOfWeek == DayOfWeek.Sunday))
        {
            var substitute = sunday.AddDays(1);
            while (year >= 2007 && national.ContainsKey(substitute))
            {
                substitute = substitute.AddDays(1);
            }

            days.TryAdd(substitute, $"Substitute Holiday (for {name})");
        }

        // Art. 3(3): only national holidays on both sides count, not substitute holidays.
        foreach (var day in national.Keys.Select(d => d.AddDays(1)))
        {
            if (national.ContainsKey(day.AddDays(1)) && day.DayOfWeek != DayOfWeek.Sunday)
            {
                days.TryAdd(day, CitizensHoliday);
            }
        }

        return [.. days.Select(d => new CalendarEntry(d.Key, CalendarDayKind.Holiday, d.Value))];
    }

    /// <summary>
    /// The day in March of the Vernal Equinox Day, by the standard formula for 1980–2099:
    /// floor(20.8431 + 0.242194 × (year − 1980) − floor((year − 1980) / 4)); e.g. 21 for 2027.
    /// The official date is the one the National Astronomical Observatory announces each February for the next year.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 2000–2099.</exception>
    public static int VernalEquinoxDay(int year) => EquinoxDay(year, 20_843_100);

    /// <summary>The day in September of the Autumnal Equinox Day, by the same formula with 23.2488; e.g. 23 for 2027.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 2000–2099.</exception>
    public static int AutumnalEquinoxDay(int year) => EquinoxDay(year, 23_248_800);

    // In millionths, so the floor is exact integer arithmetic rather than a rounded double.
    private static int EquinoxDay(int year, int baseMillionths)
    {
        StatutoryCalendar.EnsureSupported(year);
        return ((baseMillionths + (242_194 * (year - 1980))) / 1_000_000) - ((year - 1980) / 4);
    }

    private static IEnumerable<(DateOnly Date, string Name)> NationalHolidays(int y)
    {
        var rules = new List<(DateOnly Date, string Name)>
        {
            (new(y, 1, 1), "New Year's Day"),
            (NthMonday(y, 1, 2), "Coming of Age Day"),
            (new(y, 2, 11), "National Foundation Day"),
            (new(y, 3, VernalEquinoxDay(y)), "Vernal Equinox Day"),
            (new(y, 4, 29), y >= 2007 ? "Showa Day" : "Greenery Day"),
            (new(y, 5, 3), "Constitution Memorial Day"),
            (new(y, 5, 5), "Children's Day"),
            (y >= 2003 ? NthMonday(y, 7, 3) : new(y, 7, 20), "Marine Day"),
            (y >= 2003 ? NthMonday(y, 9, 3) : new(y, 9, 15), "Respect for the Aged Day"),
            (new(y, 9, AutumnalEquinoxDay(y)), "Autumnal Equinox Day"),
            (NthMonday(y, 10, 2), y >= 2020 ? "Sports Day" : "Health and Sports Day"),
            (new(y, 11, 3), "Culture Day"),
            (new(y, 11, 23), "Labour Thanksgiving Day"),
        };

        // The Emperor's Birthday follows the reigning Emperor: 23 December until the abdication in 2019, 23 February after it.
        if (y <= 2018)
        {
            rules.Add((new(y, 12, 23), "Emperor's Birthday"));
        }
        else if (y >= 2020)
        {
            rules.Add((new(y, 2, 23), "Emperor's Birthday"));
        }

        if (y >= 2007)
        {
            rules.Add((new(y, 5, 4), "Greenery Day"));
        }

        if (y >= 2016)
        {
            rules.Add((new(y, 8, 11), "Mountain Day"));
        }

        rules.AddRange(OneOff.Where(o => o.Date.Year == y));
        return rules.Select(r => (Moved.GetValueOrDefault((y, r.Name), r.Date), r.Name));
    }

    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var toMonday = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toMonday + (7 * (n - 1)));
    }
}
