using System.Globalization;
using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Workflows;

namespace CityCoop.Server.Tests.Timers;

/// <summary>Due dates and reminders counted on the bundled official calendars and on provisional years computed from the law.</summary>
public sealed class BusinessDueDateTests
{
    private static readonly BusinessCalendars Calendars = BusinessCalendars.LoadFromFolder(Path.Combine(CityCoopFactory.SampleDataFolder, "calendars"));

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static TaskDueDate Due(string opened, DueRule rule, Country country) =>
        BusinessDayCalendar.Due(At(opened), rule, country, Calendars.For(country));

    [Fact]
    public void ThreeBusinessDays_OpenedFridayEveningBeforeGoldenWeek_AreDueAtTheEndOfTheNextFriday()
    {
        var due = Due("2025-05-02T17:00:00+09:00", new DueRule(null, null, 3), Country.JP);

        // 3–6 May 2025 are Constitution Day, Greenery Day, Children's Day and a substitute holiday: 7, 8, 9 May count.
        Assert.Equal(At("2025-05-09T15:00:00Z"), due.At);
        Assert.Equal("2025-05-09 24:00", ProgrammeTimeZones.LocalDateTime(due.At, ProgrammeTimeZones.Tokyo));
        Assert.Equal("JP", due.Place);
        Assert.False(due.IsProvisional);
    }

    [Fact]
    public void ChineseBusinessDays_CountADeclaredWeekendWorkday()
    {
        // cn-2025.csv: Sunday 28 September 2025 is a working day (调休) before the National Day week.
        var due = Due("2025-09-26T10:00:00+08:00", new DueRule(null, null, 1), Country.CN);

        Assert.Equal(At("2025-09-28T16:00:00Z"), due.At);
        Assert.Equal("2025-09-28 24:00", ProgrammeTimeZones.LocalDateTime(due.At, ProgrammeTimeZones.Shanghai));
    }

    [Fact]
    public void JapaneseBusinessDays_SkipTheYearEndOfficeClosure()
    {
        // Mon 28 Dec counts; 29 Dec – 3 Jan government offices are closed; Mon 4 and Tue 5 Jan 2027 count.
        var due = Due("2026-12-25T11:00:00+09:00", new DueRule(null, null, 3), Country.JP);

        Assert.Equal("2027-01-05 24:00", ProgrammeTimeZones.LocalDateTime(due.At, ProgrammeTimeZones.Tokyo));
        Assert.False(due.IsProvisional);
    }

    [Fact]
    public void IsoDuration_CountsCalendarDays_ThenEndsOnAWorkingDay()
    {
        // P14D from Friday 25 April 2025 is Friday 9 May; P8D is Saturday 3 May (Golden Week), so Wednesday 7 May.
        Assert.Equal("2025-05-09 24:00", ProgrammeTimeZones.LocalDateTime(Due("2025-04-25T10:00:00+09:00", new DueRule(IsoDuration.Parse("P14D"), null), Country.JP).At, ProgrammeTimeZones.Tokyo));
        Assert.Equal("2025-05-07 24:00", ProgrammeTimeZones.LocalDateTime(Due("2025-04-25T10:00:00+09:00", new DueRule(IsoDuration.Parse("P8D"), null), Country.JP).At, ProgrammeTimeZones.Tokyo));
    }

    [Fact]
    public void ADueDateInAYearWithoutTheOfficialSchedule_IsProvisional_AndStillEndsAWorkingDay()
    {
        // China's 2027 schedule is not bundled; Japan's is. 20 business days from 20 December 2026 end in January 2027.
        var china = Due("2026-12-20T01:00:00Z", new DueRule(null, null, 20), Country.CN);
        var japan = Due("2026-12-20T01:00:00Z", new DueRule(null, null, 20), Country.JP);

        Assert.Equal(2027, china.ProvisionalYear);
        Assert.Null(japan.ProvisionalYear);
        var chinaDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(china.At.AddTicks(-1), ProgrammeTimeZones.Shanghai).DateTime);
        Assert.True(Calendars.For(Country.CN).IsWorkingDay(chinaDay));
        Assert.EndsWith("24:00", ProgrammeTimeZones.LocalDateTime(china.At, ProgrammeTimeZones.Shanghai), StringComparison.Ordinal);

        // Mon 21 Dec 2026 .. Thu 31 Dec are 9 working days; 1 Jan 2027 is New Year's Day; then 11 more: Mon 18 Jan.
        Assert.Equal("2027-01-18 24:00", ProgrammeTimeZones.LocalDateTime(china.At, ProgrammeTimeZones.Shanghai));
        Assert.Equal("provisional — China's 2027 holiday schedule is not published yet", BusinessDayCalendar.ProvisionalNote(china)!.English);
        Assert.Null(BusinessDayCalendar.ProvisionalNote(japan));
    }

    [Fact]
    public void AReminderIsNeverScheduledBeforeItsTaskOpened()
    {
        var opened = At("2025-05-02T17:00:00+09:00");
        var due = Due("2025-05-02T17:00:00+09:00", new DueRule(null, null, 3), Country.JP).At;
        var threeBefore = new TimerDeclaration(TimerKind.Reminder, new IsoDuration(0, 0, 3, 0, 0, 0), null, []);

        // Three business days before Friday 9 May is Friday 2 May 09:00, before the task opened at 17:00: the first
        // notice time after opening is Wednesday 7 May 09:00.
        var fire = TimerSchedule.FirstFireAt(threeBefore, due, Calendars.For(Country.JP), ProgrammeTimeZones.Tokyo, openedAt: opened);
        Assert.Equal(At("2025-05-07T09:00:00+09:00"), fire);

        // A reminder that could only come at or after the due date is dropped.
        var lateOpened = At("2025-05-09T10:00:00+09:00");
        Assert.Null(TimerSchedule.FirstFireAt(threeBefore, due, Calendars.For(Country.JP), ProgrammeTimeZones.Tokyo, openedAt: lateOpened));
    }
}
