using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;

namespace CityCoop.Domain.Tests.Calendars;

public sealed class BusinessCalendarTests
{
    private static readonly Lazy<BusinessCalendars> Repository = new(() => BusinessCalendars.LoadFromFolder(CalendarFolder()));

    private static BusinessCalendar Japan => Repository.Value.For(Country.JP);

    private static BusinessCalendar China => Repository.Value.For(Country.CN);

    internal static string CalendarFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "calendars");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("data/calendars not found above " + AppContext.BaseDirectory);
    }

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void RepositoryData_CoversJapan2014To2027AndChina2014To2026()
    {
        Assert.Equal(Enumerable.Range(2014, 14), Japan.CoveredYears);
        Assert.Equal(Enumerable.Range(2014, 13), China.CoveredYears);
    }

    [Fact]
    public void AddBusinessDays_Japan_SkipsGoldenWeek2015()
    {
        Assert.Equal(D("2015-05-07"), Japan.AddBusinessDays(D("2015-05-01"), 1));
        Assert.Equal(D("2015-05-01"), Japan.AddBusinessDays(D("2015-05-07"), -1));
    }

    [Theory]
    [InlineData("2019-05-06")] // substitute for Children's Day on a Sunday
    [InlineData("2020-02-24")] // substitute for the Emperor's Birthday on a Sunday
    [InlineData("2019-04-30")] // citizens' holiday between Showa Day and the accession day
    [InlineData("2019-05-01")] // accession of the Emperor
    [InlineData("2019-10-22")] // enthronement ceremony
    [InlineData("2020-07-24")] // Sports Day moved for the Olympics
    [InlineData("2021-08-09")] // substitute for Mountain Day moved to Sunday 2021-08-08
    [InlineData("2015-09-22")] // citizens' holiday of the 2015 Silver Week
    public void IsWorkingDay_JapaneseSpecialHolidays_AreNotWorkingDays(string date)
    {
        Assert.False(Japan.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData("2019-12-23")] // no Emperor's Birthday in 2019
    [InlineData("2020-10-12")] // Sports Day 2020 was moved to July
    [InlineData("2021-07-19")] // Marine Day 2021 was moved to 2021-07-22
    public void IsWorkingDay_JapaneseMovedHolidays_AreWorkingDays(string date)
    {
        Assert.True(Japan.IsWorkingDay(D(date)));
    }

    [Fact]
    public void IsWorkingDay_China2015_NationalDayWeekIsOffAndSaturdayOctober10IsWorked()
    {
        for (var d = D("2015-10-01"); d <= D("2015-10-07"); d = d.AddDays(1))
        {
            Assert.False(China.IsWorkingDay(d), d.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(DayOfWeek.Saturday, D("2015-10-10").DayOfWeek);
        Assert.True(China.IsWorkingDay(D("2015-10-10")));
        Assert.Equal(CalendarDayKind.Workday, China.EntryFor(D("2015-10-10"))!.Kind);
    }

    [Fact]
    public void IsWorkingDay_China2015_VictoryDayBundleAndSundaySeptember6()
    {
        Assert.False(China.IsWorkingDay(D("2015-09-03")));
        Assert.False(China.IsWorkingDay(D("2015-09-04")));
        Assert.True(China.IsWorkingDay(D("2015-09-06")));
    }

    [Fact]
    public void AddBusinessDays_China_FromSeptember30Plus1_IsOctober8()
    {
        Assert.Equal(D("2015-10-08"), China.AddBusinessDays(D("2015-09-30"), 1));
        Assert.Equal(D("2015-10-10"), China.AddBusinessDays(D("2015-10-09"), 1));
    }

    [Fact]
    public void AddBusinessDays_SameDateDiffersByCountry()
    {
        // 2015-10-01 is a working day in Japan, not in China.
        Assert.Equal(D("2015-10-02"), Japan.AddBusinessDays(D("2015-09-30"), 2));
        Assert.Equal(D("2015-10-09"), China.AddBusinessDays(D("2015-09-30"), 2));
    }

    [Fact]
    public void BusinessDaysBetween_CountsWorkingDaysAfterStartUpToEnd()
    {
        Assert.Equal(1, China.BusinessDaysBetween(D("2015-09-30"), D("2015-10-08")));
        Assert.Equal(-1, China.BusinessDaysBetween(D("2015-10-08"), D("2015-09-30")));
        Assert.Equal(0, Japan.BusinessDaysBetween(D("2015-05-01"), D("2015-05-06")));
    }

    [Fact]
    public void EndOfBusinessDay_IsNextLocalMidnightInUtc_TokyoOneHourBeforeShanghai()
    {
        var tokyo = Japan.EndOfBusinessDay(D("2015-04-10"), ProgrammeTimeZones.Tokyo);
        var shanghai = China.EndOfBusinessDay(D("2015-04-10"), ProgrammeTimeZones.Shanghai);

        Assert.Equal(new DateTimeOffset(2015, 4, 10, 15, 0, 0, TimeSpan.Zero), tokyo);
        Assert.Equal(new DateTimeOffset(2015, 4, 10, 16, 0, 0, TimeSpan.Zero), shanghai);
        Assert.Equal(TimeSpan.Zero, tokyo.Offset);
        Assert.Equal(TimeSpan.FromHours(1), shanghai - tokyo);
    }

    [Fact]
    public void EndOfBusinessDay_OnHoliday_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => China.EndOfBusinessDay(D("2015-10-01"), ProgrammeTimeZones.Shanghai));
        Assert.Equal(D("2015-10-08"), China.NextWorkingDayOnOrAfter(D("2015-10-01")));
    }

    [Fact]
    public void AddBusinessDays_PastLastOfficialYear_WalksIntoTheProvisionalYear()
    {
        // 2027-01-01 is New Year's Day by the 办法; 2026-12-31 is a plain Thursday in cn-2026.csv.
        Assert.Equal(D("2027-01-07"), China.AddBusinessDays(D("2026-12-30"), 5));
        Assert.True(China.AnyProvisional(D("2026-12-30"), D("2027-01-07")));
        Assert.False(China.AnyProvisional(D("2026-01-01"), D("2026-12-31")));
    }

    [Fact]
    public void AddBusinessDays_PastTheRulesLastYear_ThrowsNamingCountryYearAndTheWayToLoadIt()
    {
        var ex = Assert.Throws<CalendarNotCoveredException>(() => China.AddBusinessDays(D("2099-12-30"), 5));
        Assert.Equal(Country.CN, ex.Country);
        Assert.Equal(2100, ex.Year);
        Assert.Contains("CN", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2000–2099", ex.Message, StringComparison.Ordinal);
        Assert.Contains("calendars load cn-2100.csv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsWorkingDay_BeforeFirstOfficialYear_UsesTheRules()
    {
        Assert.True(Japan.IsProvisional(2013));
        Assert.True(Japan.IsWorkingDay(D("2013-12-27")));
        Assert.Equal(new CalendarEntry(D("2013-12-23"), CalendarDayKind.Holiday, "Emperor's Birthday"), Japan.EntryFor(D("2013-12-23")));
        Assert.False(Japan.IsWorkingDay(D("2013-12-31")));
        Assert.Equal(CalendarDayKind.OfficeClosure, Japan.EntryFor(D("2013-12-31"))!.Kind);

        var ex = Assert.Throws<CalendarNotCoveredException>(() => Japan.IsWorkingDay(D("1999-12-31")));
        Assert.Equal(1999, ex.Year);
    }

    [Fact]
    public void LoadYear_AddsAYearAtRunTime_ReplacingTheProvisionalOne()
    {
        var calendars = new BusinessCalendars([]);
        Assert.True(calendars.For(Country.CN).IsProvisional(2027));
        Assert.False(calendars.For(Country.CN).IsWorkingDay(D("2027-01-01")));
        Assert.False(calendars.For(Country.CN).IsWorkingDay(D("2027-02-05")));

        calendars.LoadYear(Country.CN, 2027, ["date,kind,name", "2027-01-01,holiday,New Year's Day"], "cn-2027.csv");

        Assert.False(calendars.For(Country.CN).IsProvisional(2027));
        Assert.False(calendars.For(Country.CN).Year(2027).IsProvisional);
        Assert.False(calendars.For(Country.CN).IsWorkingDay(D("2027-01-01")));
        Assert.True(calendars.For(Country.CN).IsWorkingDay(D("2027-01-04")));

        // The official year replaces the rules entirely: the provisional Spring Festival is not in this file.
        Assert.True(calendars.For(Country.CN).IsWorkingDay(D("2027-02-05")));
        Assert.Equal([2027], calendars.For(Country.CN).CoveredYears);
        Assert.Empty(calendars.For(Country.JP).CoveredYears);
    }

    [Fact]
    public void LoadYear_ReplacesAnExistingYear()
    {
        var calendars = new BusinessCalendars([]);
        calendars.LoadYear(Country.JP, 2027, ["date,kind,name", "2027-01-01,holiday,New Year's Day"]);
        calendars.LoadYear(Country.JP, 2027, ["date,kind,name", "2027-01-04,holiday,Test"]);

        // The first file's New Year's Day row is gone; the office closure still applies by rule.
        Assert.Equal(CalendarDayKind.OfficeClosure, calendars.For(Country.JP).EntryFor(D("2027-01-01"))!.Kind);
        Assert.Equal("Test", calendars.For(Country.JP).EntryFor(D("2027-01-04"))!.Name);
        Assert.False(calendars.For(Country.JP).IsWorkingDay(D("2027-01-04")));
    }

    [Fact]
    public void LoadFile_BadFile_ListsEveryProblemWithLineNumbersAndChangesNothing()
    {
        var calendars = new BusinessCalendars([]);
        var dir = Directory.CreateTempSubdirectory("calendars-");
        try
        {
            var path = Path.Combine(dir.FullName, "cn-2027.csv");
            File.WriteAllLines(path,
            [
                "date,kind,name",
                "2027-01-01,holiday,New Year's Day",
                "2026-12-31,holiday,Wrong year",
                "2027-02-30,holiday,No such date",
                "2027-03-01,vacation,Unknown kind",
                "2027-01-01,holiday,Duplicate",
                "2027-01-05,workday,A Tuesday",
                "2027-04-05",
            ]);

            var ex = Assert.Throws<CalendarFileException>(() => calendars.LoadFile(path));

            Assert.Equal(6, ex.Errors.Count);
            Assert.StartsWith("line 3: 2026-12-31 is not in 2027", ex.Errors[0], StringComparison.Ordinal);
            Assert.StartsWith("line 4:", ex.Errors[1], StringComparison.Ordinal);
            Assert.Contains("unknown kind \"vacation\"", ex.Errors[2], StringComparison.Ordinal);
            Assert.StartsWith("line 5:", ex.Errors[2], StringComparison.Ordinal);
            Assert.Equal("line 6: 2027-01-01 is listed twice (first on line 2)", ex.Errors[3]);
            Assert.StartsWith("line 7:", ex.Errors[4], StringComparison.Ordinal);
            Assert.StartsWith("line 8:", ex.Errors[5], StringComparison.Ordinal);
            Assert.Contains("cn-2027.csv", ex.Message, StringComparison.Ordinal);
            Assert.Empty(calendars.For(Country.CN).CoveredYears);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadFile_WrongHeaderOrName_IsRefused()
    {
        Assert.Throws<CalendarFileException>(() => CalendarFile.Parse(Country.JP, 2027, ["day,type,label"]));
        var ex = Assert.Throws<CalendarFileException>(() => CalendarFile.Parse(Country.JP, 2027, ["date,kind,name", "2027-01-02,workday,Saturday"]));
        Assert.StartsWith("line 2:", ex.Errors[0], StringComparison.Ordinal);
        Assert.Throws<CalendarFileException>(() => new BusinessCalendars([]).LoadFile("/tmp/holidays.csv"));
    }

    [Fact]
    public void RepositoryData_EveryYearHasItsFixedHolidays()
    {
        foreach (var year in Japan.CoveredYears)
        {
            Assert.Equal(CalendarDayKind.Holiday, Japan.EntryFor(new DateOnly(year, 1, 1))!.Kind);
            Assert.Equal(CalendarDayKind.Holiday, Japan.EntryFor(new DateOnly(year, 11, 3))!.Kind);
        }

        foreach (var year in China.CoveredYears)
        {
            Assert.Equal(CalendarDayKind.Holiday, China.EntryFor(new DateOnly(year, 10, 1))!.Kind);
            Assert.Equal(CalendarDayKind.Holiday, China.EntryFor(new DateOnly(year, 5, 1))!.Kind);
        }
    }
}
