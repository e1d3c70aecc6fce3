using System.CommandLine;
using CityCoop.Domain.Calendars;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Jobs;

namespace CityCoop.Server.Cli;

/// <summary>
/// <c>citycoop calendars load &lt;file&gt;</c>: validates a country's official <c>{country}-{year}.csv</c> calendar, recounts
/// every open due date and pending timer of that country on it in one transaction (journaled for admins), and copies it
/// into <c>&lt;data dir&gt;/calendars</c>, where running servers pick it up on their next step or sweep (no deploy, no
/// restart); <c>citycoop calendars list</c> shows the official years (others count on a calendar computed from the law).
/// </summary>
internal static class CalendarsCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Calendar file named {country}-{year}.csv, e.g. cn-2027.csv (header: date,kind,name)." };
        var load = new Command("load", "Validate an official calendar year, add it (or replace it) for every server using this data folder, and recount open due dates and timers of that country.") { file };
        load.SetAction(async (parse, ct) =>
        {
            var source = parse.GetValue(file)!;
            string[] lines;
            try
            {
                lines = await File.ReadAllLinesAsync(source.FullName, ct);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"Cannot read {source.FullName}: {e.Message}");
                return 1;
            }

            try
            {
                // Validate before touching the database: a wrong file changes nothing and needs no server.
                if (!BusinessCalendars.TryParseFileName(source.Name, out var country, out var year))
                {
                    throw new CalendarFileException(source.Name, ["the file name must be {country}-{year}.csv, e.g. jp-2027.csv or cn-2027.csv"]);
                }

                CalendarFile.Parse(country, year, lines, source.Name);
            }
            catch (CalendarFileException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }

            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<CalendarPublication>().LoadAsync(source.Name, lines, ct);
            Console.WriteLine($"{(result.Replaced ? "Replaced" : "Loaded")} the official {result.Year.Country} calendar for {result.Year.Year}: "
                + $"{result.DueDatesMoved} open due date(s) moved, {result.DueDatesConfirmed} confirmed, {result.TimersRescheduled} timer(s) rescheduled.");
            return 0;
        });

        var list = new Command("list", "Show which years of each country's business-day calendar are official.");
        list.SetAction((parse, _) =>
        {
            var database = BuildOptions(parse);
            var store = new CalendarStore(Path.Combine(AppContext.BaseDirectory, "sample-data", "calendars"), JobsRegistration.CalendarsFolder(database));
            foreach (var country in Enum.GetValues<CityCoop.Domain.Cities.Country>())
            {
                var years = store.Calendars.For(country).CoveredYears;
                Console.WriteLine($"{country}: official {(years.Count == 0 ? "none" : string.Join(", ", years))}; any other year counts on a provisional calendar computed from the law");
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
