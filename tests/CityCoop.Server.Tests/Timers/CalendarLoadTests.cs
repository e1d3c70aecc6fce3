using System.Globalization;
using System.Net;
using CityCoop.Domain.Cities;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Notifications;
using CityCoop.Server.Tests.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tests.Timers;

/// <summary>
/// Loading a country's official calendar year on the admin page (as <c>calendars load</c> does) recounts every open due
/// date and pending timer of that country in one transaction, journals it for admins only, and a wrong file changes nothing.
/// </summary>
public sealed class CalendarLoadTests
{
    // Tuesday 15 December 2026, 10:00 in Shanghai: matching is due 20 business days on, in January 2027.
    private static readonly DateTimeOffset Submitted = Utc("2026-12-15T02:00:00Z");

    // An official 2027 file for China that differs from the law's provisional year: Thursday 7 January is a day off.
    private static readonly string OfficialChina2027 = string.Join('\n',
        "date,kind,name",
        "2027-01-01,holiday,New Year's Day",
        "2027-01-07,holiday,Test holiday",
        "2027-02-05,holiday,Spring Festival",
        "2027-10-01,holiday,National Day");

    [Fact]
    public async Task UploadingTheOfficialYear_RecountsOpenDueDatesAndTimers_JournaledForAdminsOnly()
    {
        await using var host = await JobsHost.StartAsync(Submitted, smtpPort: null);
        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        var id = await city.CreateAsync("大气污染防治 – 上海");
        await city.ActAsync(id, "submit");
        var before = await TaskAsync(host);
        Assert.Equal([("JP", Utc("2027-01-19T15:00:00Z"), null), ("CN", Utc("2027-01-13T16:00:00Z"), (int?)2027)], before.DueDates.Select(d => (d.Place, d.At, d.ProvisionalYear)));
        // 3 Chinese business days before 13 January: 12, 11, 8 January.
        Assert.Equal(Utc("2027-01-08T01:00:00Z"), (await ReminderAsync(host, Country.CN)).FireAt);
        var japaneseReminder = (await ReminderAsync(host, Country.JP)).FireAt;

        using var admin = await PageClient.SignInAsync(host.App, CityCoopFactory.Admin, "en");

        // A wrong file is refused line by line and changes nothing.
        var (badStatus, bad) = await admin.PostFileAsync("/admin", "Calendar", "calendar", "cn-2027.csv", "date,kind,name\n2028-01-01,holiday,Wrong year");
        Assert.Equal(HttpStatusCode.OK, badStatus);
        Assert.Contains("The calendar file was not loaded; nothing was changed:", bad, StringComparison.Ordinal);
        Assert.Contains("line 2: 2028-01-01 is not in 2027", bad, StringComparison.Ordinal);
        Assert.Equal(before.DueDates, (await TaskAsync(host)).DueDates);

        var (status, page) = await admin.PostFileAsync("/admin", "Calendar", "calendar", "cn-2027.csv", OfficialChina2027);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Loaded the official calendar of China for 2027: 1 open due date(s) moved, 0 confirmed, 1 timer(s) rescheduled.", page, StringComparison.Ordinal);
        Assert.Contains("2027", page[page.IndexOf("data-testid=\"calendar-years\"", StringComparison.Ordinal)..page.IndexOf("</ul>", page.IndexOf("data-testid=\"calendar-years\"", StringComparison.Ordinal), StringComparison.Ordinal)], StringComparison.Ordinal);

        // The Chinese due date moves a day (7 January is off) and is no longer provisional; the Japanese one is untouched.
        var after = await TaskAsync(host);
        Assert.Equal([("JP", Utc("2027-01-19T15:00:00Z"), null), ("CN", Utc("2027-01-14T16:00:00Z"), (int?)null)], after.DueDates.Select(d => (d.Place, d.At, d.ProvisionalYear)));
        var cnReminder = await ReminderAsync(host, Country.CN);
        Assert.Equal((Utc("2027-01-11T01:00:00Z"), Utc("2027-01-14T16:00:00Z")), (cnReminder.FireAt!.Value, cnReminder.TaskDueAt!.Value));
        Assert.Equal(japaneseReminder, (await ReminderAsync(host, Country.JP)).FireAt);

        // Journaled once, for admins: the reviewers' timeline does not show it.
        var instance = await host.WithDbAsync(db => db.WorkflowInstances.Include(i => i.Journal).SingleAsync());
        var note = Assert.Single(instance.Journal, e => e.Action == "calendar-loaded");
        Assert.True(note.ForAdmins);
        Assert.Contains("moved from 2027-01-13 24:00 to 2027-01-14 24:00", note.Details, StringComparison.Ordinal);
        using var reviewer = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformCn);
        Assert.DoesNotContain(await reviewer.JournalAsync(id), e => e.GetProperty("action").GetString() == "calendar-loaded");
        using var adminApi = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.Admin);
        Assert.Contains(await adminApi.JournalAsync(id), e => e.GetProperty("action").GetString() == "calendar-loaded");
        using var reviewerPage = await PageClient.SignInAsync(host.App, CityCoopFactory.PlatformCn, "zh-CN");
        var proposalPage = await reviewerPage.GetAsync($"/proposals/{id}");
        Assert.DoesNotContain("正式日历", proposalPage, StringComparison.Ordinal);
        Assert.Contains("2027-01-14 24:00 (Asia/Shanghai)", proposalPage, StringComparison.Ordinal);
        Assert.DoesNotContain("暂定", proposalPage, StringComparison.Ordinal);
    }

    private static Task<WorkflowTask> TaskAsync(JobsHost host) =>
        host.WithDbAsync(db => db.WorkflowTasks.AsNoTracking().SingleAsync(t => t.TaskName == "match-proposal"));

    private static Task<WorkflowTimer> ReminderAsync(JobsHost host, Country country) =>
        host.WithDbAsync(db => db.WorkflowTimers.AsNoTracking().SingleAsync(t => t.Kind == TimerKind.Reminder && t.Country == country));

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
