using System.CommandLine;
using CityCoop.Domain.Calendars;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Jobs;

namespace CityCoop.Server.Cli;

/// <summary>
/// <c>citycoop calendars load &lt;file&gt;</c>: validates a <c>{country}-{year}.csv</c> business-day calendar and copies it
/// into <c>&lt;data dir&gt;/calendars</c>, where running servers pick it up on their next sweep or step (no deploy, no
/// restart); <c>citycoop calendars list</c> shows the covered years.
/// </summary>
internal static class CalendarsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Calendar file named {country}-{year}.csv, e.g. cn-2027.csv (header: date,kind,name)." };
        var load = new Command("load", "Validate a calendar year and add it (or replace it) for every server using this data folder.") { file };
        load.SetAction((parse, _) =>
        {
            var source = parse.GetValue(file)!;
            var database = BuildOptions(parse);
            CalendarYear year;
            try
            {
                // Parsing validates every line (dates in the year, kinds, weekend workdays only on weekends …).
                year = new BusinessCalendars([]).LoadFile(source.FullName);
            }
            catch (CalendarFileException e)
            {
                Console.Error.WriteLine(e.Message);
                return Task.FromResult(1);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"Cannot read {source.FullName}: {e.Message}");
                return Task.FromResult(1);
            }

            var folder = JobsRegistration.CalendarsFolder(database);
            Directory.CreateDirectory(folder);
            var target = Path.Combine(folder, BusinessCalendars.FileNameOf(year.Country, year.Year));
            var replaced = File.Exists(target);
            File.Copy(source.FullName, target + ".tmp", overwrite: true);
            File.Move(target + ".tmp", target, overwrite: true);
            Console.WriteLine($"{(replaced ? "Replaced" : "Loaded")} the {year.Country} calendar for {year.Year} into {target}.");
            return Task.FromResult(0);
        });

        var list = new Command("list", "Show which years each country's business-day calendar covers.");
        list.SetAction((parse, _) =>
        {
            var database = BuildOptions(parse);
            var store = new CalendarStore(Path.Combine(AppContext.BaseDirectory, "sample-data", "calendars"), JobsRegistration.CalendarsFolder(database));
            foreach (var country in Enum.GetValues<CityCoop.Domain.Cities.Country>())
            {
                var years = store.Calendars.For(country).CoveredYears;
                Console.WriteLine($"{country}: {(years.Count == 0 ? "none" : $"{years.Min()}–{years.Max()}")}");
            }

            return Task.FromResult(0);
        });

        return new Command("calendars", "Business-day calendars (holidays and working days per country).") { load, list };
    }

    private static DatabaseOptions BuildOptions(ParseResult parse)
    {
        var dataDir = parse.GetValue(CityCoopCommands.DataDir);
        var options = new DatabaseOptions();
        if (!string.IsNullOrEmpty(dataDir))
        {
            options.DataDirectory = Path.GetFullPath(dataDir);
        }
        else if (Environment.GetEnvironmentVariable("DataDir") is { Length: > 0 } fromEnvironment)
        {
            options.DataDirectory = Path.GetFullPath(fromEnvironment);
        }

        return options;
    }
}
