using CityCoop.Domain.Cities;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Cli;

namespace CityCoop.Server.Tests.Jobs;

/// <summary><c>citycoop calendars load</c>: validate, copy into the data folder, picked up without a restart.</summary>
public sealed class CalendarsCommandTests
{
    [Fact]
    public async Task CalendarsLoad_ValidYear_IsCopiedAndCovered_InvalidFileIsRefused()
    {
        var dataDir = Directory.CreateTempSubdirectory("citycoop-cal-").FullName;
        var input = Directory.CreateTempSubdirectory("citycoop-cal-in-").FullName;
        try
        {
            var store = new CalendarStore(Path.Combine(AppContext.BaseDirectory, "sample-data", "calendars"), Path.Combine(dataDir, "calendars"));
            Assert.DoesNotContain(2027, store.Calendars.For(Country.CN).CoveredYears);

            var good = Path.Combine(input, "cn-2027.csv");
            await File.WriteAllLinesAsync(good, ["date,kind,name", "2027-01-01,holiday,New Year's Day", "2027-10-01,holiday,National Day"]);
            Assert.Equal(0, await CityCoopCommands.RunAsync(["calendars", "load", good, "--data-dir", dataDir]));
            Assert.True(File.Exists(Path.Combine(dataDir, "calendars", "cn-2027.csv")));
            Assert.Contains(2027, store.Calendars.For(Country.CN).CoveredYears);
            Assert.False(store.Calendars.For(Country.CN).IsWorkingDay(new DateOnly(2027, 10, 1)));

            var bad = Path.Combine(input, "cn-2028.csv");
            await File.WriteAllLinesAsync(bad, ["date,kind,name", "2029-01-01,holiday,Wrong year"]);
            Assert.Equal(1, await CityCoopCommands.RunAsync(["calendars", "load", bad, "--data-dir", dataDir]));
            Assert.False(File.Exists(Path.Combine(dataDir, "calendars", "cn-2028.csv")));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
            Directory.Delete(input, recursive: true);
        }
    }
}
