using CityCoop.Domain.Calendars;

namespace CityCoop.Infrastructure.Timers;

/// <summary>
/// The business-day calendars in use: the bundled files (<c>sample-data/calendars</c> next to the executable) overlaid by
/// files an admin loaded into <c>&lt;data dir&gt;/calendars</c> (<c>citycoop calendars load</c>). A changed folder (a file
/// added, removed or replaced by a rename, as a load stores it) is re-read on the next use, so a new year needs no deploy
/// and no restart; a file edited in place is not noticed until the folder changes.
/// </summary>
public sealed class CalendarStore
{
    private readonly Lock _gate = new();
    private BusinessCalendars? _current;
    private string _stamp = string.Empty;

    /// <summary>Creates the store over a bundled folder and an admin folder (either may be missing).</summary>
    public CalendarStore(string bundledFolder, string adminFolder)
    {
        BundledFolder = Path.GetFullPath(bundledFolder);
        AdminFolder = Path.GetFullPath(adminFolder);
    }

    /// <summary>The calendars shipped with the executable.</summary>
    public string BundledFolder { get; }

    /// <summary>The folder <c>calendars load</c> copies into; its files replace bundled files of the same country and year.</summary>
    public string AdminFolder { get; }

    /// <summary>The calendars, re-read when a file was added, removed or replaced since the last read.</summary>
    /// <exception cref="CalendarFileException">A calendar file has problems.</exception>
    public BusinessCalendars Calendars
    {
        get
        {
            var stamp = Stamp();
            lock (_gate)
            {
                if (_current is null || stamp != _stamp)
                {
                    _current = Load();
                    _stamp = stamp;
                }

                return _current;
            }
        }
    }

    private BusinessCalendars Load()
    {
        var years = new Dictionary<string, CalendarYear>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in new[] { BundledFolder, AdminFolder })
        {
            foreach (var path in Files(folder))
            {
                var name = Path.GetFileName(path);
                if (BusinessCalendars.TryParseFileName(name, out var country, out var year))
                {
                    years[name] = CalendarFile.Parse(country, year, File.ReadLines(path), name);
                }
            }
        }

        return new BusinessCalendars(years.Values);
    }

    // The folders' own write times: a file added, removed or replaced by a rename (as CalendarPublication and the upload
    // store one: staged, then moved over the old) changes its folder's. Two stat calls per use; listing and stat-ing every
    // file on every use cost a fifth of a timer sweep's CPU (README "Scaling").
    private string Stamp() => string.Join(
        ';',
        new[] { BundledFolder, AdminFolder }.Select(f => Directory.Exists(f) ? Directory.GetLastWriteTimeUtc(f).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"));

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal) : [];
}
