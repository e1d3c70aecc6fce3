using System.Globalization;
using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Tests.Calendars;

public sealed class HolidayRulesTests
{
    private static readonly Lazy<BusinessCalendars> Repository = new(() => BusinessCalendars.LoadFromFolder(BusinessCalendarTests.CalendarFolder()));

    private static BusinessCalendar Japan => Repository.Value.For(Country.JP);

    private static BusinessCalendar China => Repository.Value.For(Country.CN);

    public static TheoryData<string> JapaneseFiles() => FilesStartingWith("jp-");

    public static TheoryData<string> ChineseFiles() => FilesStartingWith("cn-");

    [Theory]
    [MemberData(nameof(JapaneseFiles))]
    public void JapaneseHolidays_EqualEveryRowOfTheOfficialFile(string fileName)
    {
        var official = Official(fileName);

        Assert.Equal(official.Entries, JapaneseHolidays.Of(official.Year));
    }

    [Theory]
    [MemberData(nameof(ChineseFiles))]
    public void ChineseStatutoryDays_OfTheRuleInForce_AreHolidaysInEveryOfficialFile(string fileName)
    {
        var official = Official(fileName);
        var holidays = HolidayDates(official);

        Assert.All(ChineseStatutoryHolidays.Of(official.Year), day => Assert.Contains(day.Date, holidays));
    }

    [Theory]
    [MemberData(nameof(ChineseFiles))]
    public void ProvisionalChina_HasAsManyWeekdaysOffAsEveryOfficialYear(string fileName)
    {
        // The notices move days around (bridging days against weekend workdays, a make-up day into a holiday week, as for
        // Mid-Autumn on Sunday 2015-09-27), but the weekdays off net of weekend workdays are the statutory days, each made up.
        // The 2015 Victory Day was a one-off holiday of its own notice, outside the 办法.
        var official = Official(fileName);
        var rows = official.Entries.Where(e => !e.Name.StartsWith("Victory Day", StringComparison.Ordinal)).ToList();
        var officialNet = rows.Count(e => e.Kind == CalendarDayKind.Holiday && !CalendarFile.IsWeekend(e.Date))
            - rows.Count(e => e.Kind == CalendarDayKind.Workday);

        var provisional = StatutoryCalendar.Provisional(Country.CN, official.Year);

        Assert.Equal(officialNet, provisional.Entries.Count(e => !CalendarFile.IsWeekend(e.Date)));
    }

    [Theory]
    [MemberData(nameof(ChineseFiles))]
    public void Qingming_FormulaDay_IsAQingmingFestivalRowOfEveryOfficialFile(string fileName)
    {
        var official = Official(fileName);
        var qingming = ChineseStatutoryHolidays.Qingming(official.Year);

        Assert.Contains(new CalendarEntry(qingming, CalendarDayKind.Holiday, "Qingming Festival"), official.Entries);
    }

    [Fact]
    public void ChineseStatutoryDays_Follow2013RevisionUntil2024And2024RevisionFrom2025()
    {
        // Lunar New Year: 2024-02-10 and 2025-01-29. The 2024 revision adds New Year's Eve and 2 May.
        Assert.Equal(
            Dates("2024-01-01", "2024-02-10", "2024-02-11", "2024-02-12", "2024-04-04", "2024-05-01", "2024-06-10", "2024-09-17", "2024-10-01", "2024-10-02", "2024-10-03"),
            ChineseStatutoryHolidays.Of(2024).Select(e => e.Date));
        Assert.Equal(
            Dates("2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-04", "2025-05-01", "2025-05-02", "2025-05-31", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06"),
            ChineseStatutoryHolidays.Of(2025).Select(e => e.Date));
    }

    [Fact]
    public void ChineseLunarDays_AreThoseOfTheLunisolarCalendar_With2027HavingNoLeapMonth()
    {
        var lunar = new ChineseLunisolarCalendar();
        Assert.Equal(0, lunar.GetLeapMonth(2027));
        Assert.Equal(new DateTime(2027, 2, 6), lunar.ToDateTime(2027, 1, 1, 0, 0, 0, 0));
        Assert.Equal(new DateTime(2027, 6, 9), lunar.ToDateTime(2027, 5, 5, 0, 0, 0, 0));
        Assert.Equal(new DateTime(2027, 9, 15), lunar.ToDateTime(2027, 8, 15, 0, 0, 0, 0));

        // 2023 has a leap 2nd month (index 3), so the 5th month is index 6: Dragon Boat 2023-06-22 as in cn-2023.csv.
        Assert.Equal(3, lunar.GetLeapMonth(2023));
        Assert.Contains(ChineseStatutoryHolidays.Of(2023), e => e.Date == D("2023-06-22") && e.Name == "Dragon Boat Festival");
    }

    [Fact]
    public void ProvisionalChina2027_IsTheStatutoryDaysAndTheirMakeUpDays_WithoutWorkdays()
    {
        var year = StatutoryCalendar.Provisional(Country.CN, 2027);

        Assert.True(year.IsProvisional);
        Assert.Equal(
        [
            Holiday("2027-01-01", "New Year's Day"),
            Holiday("2027-02-05", "Spring Festival"),
            Holiday("2027-02-06", "Spring Festival"),
            Holiday("2027-02-07", "Spring Festival"),
            Holiday("2027-02-08", "Spring Festival"),
            Holiday("2027-02-09", "Spring Festival (compensation day, provisional)"),
            Holiday("2027-02-10", "Spring Festival (compensation day, provisional)"),
            Holiday("2027-04-05", "Qingming Festival"),
            Holiday("2027-05-01", "Labour Day"),
            Holiday("2027-05-02", "Labour Day"),
            Holiday("2027-05-03", "Labour Day (compensation day, provisional)"),
            Holiday("2027-05-04", "Labour Day (compensation day, provisional)"),
            Holiday("2027-06-09", "Dragon Boat Festival"),
            Holiday("2027-09-15", "Mid-Autumn Festival"),
            Holiday("2027-10-01", "National Day"),
            Holiday("2027-10-02", "National Day"),
            Holiday("2027-10-03", "National Day"),
            Holiday("2027-10-04", "National Day (compensation day, provisional)"),
            Holiday("2027-10-05", "National Day (compensation day, provisional)"),
        ],
        year.Entries);
        Assert.Equal(D("2027-04-05"), ChineseStatutoryHolidays.Qingming(2027));
    }

    [Fact]
    public void RepositoryData_China2027IsProvisional_Japan2027IsOfficial()
    {
        Assert.True(China.IsProvisional(2027));
        Assert.True(China.Year(2027).IsProvisional);
        Assert.False(China.Covers(D("2027-06-01")));
        Assert.False(Japan.IsProvisional(2027));
        Assert.False(Japan.Year(2027).IsProvisional);
        Assert.True(Japan.Covers(D("2027-06-01")));
        Assert.False(China.IsWorkingDay(D("2027-10-05")));
        Assert.True(China.IsWorkingDay(D("2027-10-06")));
    }

    [Fact]
    public void ProvisionalChina_MidAutumnOnNationalDay_IsOneRowAndIsMadeUp()
    {
        // 2028: Mid-Autumn is 10-03, a National Day; 10-01 is a Sunday. Both are made up, as in 2020 (four statutory days off).
        var year = StatutoryCalendar.Provisional(Country.CN, 2028);

        Assert.Contains(Holiday("2028-10-03", "Mid-Autumn Festival and National Day"), year.Entries);
        Assert.Contains(Holiday("2028-10-04", "National Day (compensation day, provisional)"), year.Entries);
        Assert.Contains(Holiday("2028-10-05", "Mid-Autumn Festival (compensation day, provisional)"), year.Entries);
        Assert.DoesNotContain(year.Entries, e => e.Date == D("2028-10-06"));
    }

    [Fact]
    public void ProvisionalJapan2028_IsTheComputedNationalHolidaysPlusOfficeClosures()
    {
        Assert.True(Japan.IsProvisional(2028));
        var year = Japan.Year(2028);

        Assert.True(year.IsProvisional);
        Assert.Equal(
            Dates("2028-01-01", "2028-01-10", "2028-02-11", "2028-02-23", "2028-03-20", "2028-04-29", "2028-05-03", "2028-05-04", "2028-05-05", "2028-07-17", "2028-08-11", "2028-09-18", "2028-09-22", "2028-10-09", "2028-11-03", "2028-11-23"),
            year.Entries.Where(e => e.Kind == CalendarDayKind.Holiday).Select(e => e.Date));
        Assert.Equal(
            Dates("2028-01-02", "2028-01-03", "2028-12-29", "2028-12-30", "2028-12-31"),
            year.Entries.Where(e => e.Kind == CalendarDayKind.OfficeClosure).Select(e => e.Date));
        Assert.Equal(JapaneseHolidays.Of(2028), StatutoryCalendar.Provisional(Country.JP, 2028).Entries);
    }

    [Fact]
    public void OfficeClosure_Japan_YearEnd2026To2027_IsNotWorked_NewYearStaysAHoliday()
    {
        for (var d = D("2026-12-29"); d <= D("2027-01-03"); d = d.AddDays(1))
        {
            Assert.False(Japan.IsWorkingDay(d), d.ToString("O", CultureInfo.InvariantCulture));
        }

        Assert.True(Japan.IsWorkingDay(D("2026-12-28")));
        Assert.True(Japan.IsWorkingDay(D("2027-01-04")));
        Assert.Equal(Holiday("2027-01-01", "New Year's Day"), Japan.EntryFor(D("2027-01-01")));
        Assert.Equal(new CalendarEntry(D("2026-12-30"), CalendarDayKind.OfficeClosure, JapaneseOfficeClosures.Name), Japan.EntryFor(D("2026-12-30")));
        Assert.Equal(D("2027-01-04"), Japan.AddBusinessDays(D("2026-12-28"), 1));
    }

    [Fact]
    public void OfficeClosure_Japan_SubstituteHolidayInTheWindowStaysAHoliday()
    {
        // 2023-01-01 is a Sunday; its substitute 2023-01-02 is a national-law holiday, 2023-01-03 only an office closure.
        Assert.Equal(CalendarDayKind.Holiday, Japan.EntryFor(D("2023-01-02"))!.Kind);
        Assert.Equal(CalendarDayKind.OfficeClosure, Japan.EntryFor(D("2023-01-03"))!.Kind);
        Assert.Equal(
            Dates("2023-01-03", "2023-12-29", "2023-12-30", "2023-12-31"),
            Japan.Year(2023).Entries.Where(e => e.Kind == CalendarDayKind.OfficeClosure).Select(e => e.Date));
    }

    [Fact]
    public void OfficeClosure_China_DoesNotApply()
    {
        Assert.True(China.IsWorkingDay(D("2026-12-29")));
        Assert.Null(China.EntryFor(D("2026-12-30")));
        Assert.Throws<ArgumentException>(() => JapaneseOfficeClosures.ApplyTo(China.Year(2026)));
    }

    [Fact]
    public void Rules_OutsideTheSupportedYears_AreRefused()
    {
        Assert.Throws<CalendarNotCoveredException>(() => China.IsWorkingDay(D("2100-01-04")));
        Assert.Throws<CalendarNotCoveredException>(() => Japan.Year(1999));
        Assert.Throws<ArgumentOutOfRangeException>(() => StatutoryCalendar.Provisional(Country.JP, 1999));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseStatutoryHolidays.Of(2100));
        Assert.Equal(2000, StatutoryCalendar.FirstYear);
        Assert.Equal(2099, StatutoryCalendar.LastYear);
    }

    [Fact]
    public void Rules_EveryYearOfTheRange_GiveOneRowPerDate()
    {
        for (var year = StatutoryCalendar.FirstYear; year <= StatutoryCalendar.LastYear; year++)
        {
            foreach (var country in Enum.GetValues<Country>())
            {
                var entries = StatutoryCalendar.Provisional(country, year).Entries;
                Assert.All(entries, e => Assert.Equal(year, e.Date.Year));
                Assert.Equal(entries.Count, entries.Select(e => e.Date).Distinct().Count());
            }
        }
    }

    [Fact]
    public void ProvisionalYear_IsComputedOnceAndSharedByConcurrentReaders()
    {
        var calendar = new BusinessCalendar(Country.JP, []);
        var years = new CalendarYear[16];

        Parallel.For(0, years.Length, i => years[i] = calendar.Year(2030));

        Assert.All(years, y => Assert.Same(years[0], y));
        Assert.Equal(1, calendar.BusinessDaysBetween(D("2030-12-27"), D("2031-01-06")));
    }

    private static TheoryData<string> FilesStartingWith(string prefix) =>
        [.. Directory.EnumerateFiles(BusinessCalendarTests.CalendarFolder(), prefix + "*.csv").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    private static CalendarYear Official(string fileName)
    {
        Assert.True(BusinessCalendars.TryParseFileName(fileName, out var country, out var year));
        return CalendarFile.Parse(country, year, File.ReadLines(Path.Combine(BusinessCalendarTests.CalendarFolder(), fileName)), fileName);
    }

    private static HashSet<DateOnly> HolidayDates(CalendarYear year) =>
        [.. year.Entries.Where(e => e.Kind == CalendarDayKind.Holiday).Select(e => e.Date)];

    private static CalendarEntry Holiday(string date, string name) => new(D(date), CalendarDayKind.Holiday, name);

    private static DateOnly[] Dates(params string[] dates) => [.. dates.Select(D)];

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);
}
