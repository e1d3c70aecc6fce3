using CityCoop.Domain.Cities;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Notifications;
using CityCoop.Server.Tests.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tests.Timers;

/// <summary>
/// Issue 4: "Due dates and reminder days skip non-working days of the recipient's country." A task open to either
/// platform gets one timer row per recipient country, each on its own business days and zone (PostgreSQL, fake clock,
/// outbox rows read back).
/// </summary>
public sealed class RecipientCountryTimerTests
{
    // Monday 2025-04-07, 10:00 in Shanghai. Matching is due 20 business days later in each platform's country: the end of
    // Wednesday 2025-05-07 in Shanghai (Sunday 27 April is a declared working day, 1–5 May the May Day holidays) and the
    // end of Thursday 2025-05-08 in Tokyo (Shōwa Day 29 April and Golden Week 3–6 May skipped).
    private static readonly DateTimeOffset Submitted = Utc("2025-04-07T02:00:00Z");

    [Fact]
    public async Task ReminderOnShowaDay_ChineseReviewerThatDayAt0900Shanghai_JapaneseReviewerNextJapaneseBusinessDayAt0900Tokyo()
    {
        await using var host = await JobsHost.StartAsync(Submitted, smtpPort: null);
        var id = await SubmitAsync(host);
        var task = await host.WithDbAsync(db => db.WorkflowTasks.SingleAsync(t => t.TaskName == "match-proposal"));
        Assert.Equal(Utc("2025-05-07T16:00:00Z"), task.DueAt);
        Assert.Equal([("JP", Utc("2025-05-08T15:00:00Z")), ("CN", Utc("2025-05-07T16:00:00Z"))], task.DueDates.Select(d => (d.Place, d.At)));
        Assert.All(task.DueDates, d => Assert.Null(d.ProvisionalYear));

        var timers = await host.WithDbAsync(db => db.TimersOf(id).ToListAsync());
        // 3 Chinese business days before May 7: May 6, Apr 30, Tue Apr 29 (a working day in China, Shōwa Day in Japan).
        Assert.Equal(Utc("2025-04-29T01:00:00Z"), timers.Single(t => t.Kind == TimerKind.Reminder && t.Country == Country.CN).FireAt);
        // 3 Japanese business days before the Japanese due day, May 8, skipping Golden Week (May 3–6): May 7, May 2, Thu May 1.
        Assert.Equal(Utc("2025-05-01T00:00:00Z"), timers.Single(t => t.Kind == TimerKind.Reminder && t.Country == Country.JP).FireAt);
        // The escalation goes to the Japanese ministry only: 7 Japanese business days after May 8 is Mon May 19, 09:00 Tokyo.
        var escalation = Assert.Single(timers, t => t.Kind == TimerKind.Escalation);
        Assert.Equal((Country.JP, Utc("2025-05-19T00:00:00Z")), (escalation.Country, escalation.FireAt));

        host.Time.SetUtcNow(Utc("2025-04-29T00:59:59Z"));
        Assert.Equal(0, await host.SweepAsync());
        host.Time.SetUtcNow(Utc("2025-04-29T01:00:00Z"));
        Assert.Equal(1, await host.SweepAsync());
        var cn = Assert.Single(await RemindersAsync(host, id));
        Assert.Equal((CityCoopFactory.PlatformCn, Utc("2025-04-29T01:00:00Z")), (cn.RecipientEmail, cn.DueAt));

        host.Time.SetUtcNow(Utc("2025-04-30T23:59:59Z"));
        Assert.Equal(0, await host.SweepAsync());
        host.Time.SetUtcNow(Utc("2025-05-01T00:00:00Z"));
        Assert.Equal(1, await host.SweepAsync());
        var reminders = await RemindersAsync(host, id);
        Assert.Equal(2, reminders.Count);
        var jp = reminders.Single(m => m.RecipientEmail == CityCoopFactory.PlatformJp);
        Assert.Equal(Utc("2025-05-01T00:00:00Z"), jp.DueAt);

        // Each reminder names the due date of its reader's country.
        Assert.Contains("\"taskDueAt\":\"2025-05-08T15:00:00+00:00\"", jp.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("\"taskDueAt\":\"2025-05-07T16:00:00+00:00\"", reminders.Single(m => m.RecipientEmail == CityCoopFactory.PlatformCn).PayloadJson, StringComparison.Ordinal);

        // The Japanese reviewer's overdue repeat comes on Japanese business days too: 2 after May 8 is Mon May 12, 09:00 Tokyo.
        Assert.Equal(Utc("2025-05-12T00:00:00Z"), (await host.WithDbAsync(db => db.TimersOf(id).SingleAsync(t => t.Kind == TimerKind.Reminder && t.Country == Country.JP))).FireAt);
    }

    [Fact]
    public async Task RowWithoutCountry_WrittenBeforePerCountryTimers_StillNotifiesEveryRecipient()
    {
        await using var host = await JobsHost.StartAsync(Submitted, smtpPort: null);
        var id = await SubmitAsync(host);
        await host.WithDbAsync(db => db.TimersOf(id).Where(t => t.Kind == TimerKind.Reminder && t.Country == Country.JP).ExecuteDeleteAsync());
        await host.WithDbAsync(db => db.TimersOf(id).Where(t => t.Kind == TimerKind.Reminder).ExecuteUpdateAsync(u => u.SetProperty(t => t.Country, (Country?)null)));

        host.Time.SetUtcNow(Utc("2025-04-29T01:00:00Z"));
        Assert.Equal(1, await host.SweepAsync());

        var reminders = await RemindersAsync(host, id);
        Assert.Equal([CityCoopFactory.PlatformCn, CityCoopFactory.PlatformJp], reminders.Select(m => m.RecipientEmail).Order(StringComparer.Ordinal));
        Assert.All(reminders, m => Assert.Equal(Utc("2025-04-29T01:00:00Z"), m.DueAt));
    }

    private static async Task<Guid> SubmitAsync(JobsHost host)
    {
        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        var id = await city.CreateAsync("大气污染防治 – 上海");
        await city.ActAsync(id, "submit");
        return id;
    }

    private static Task<List<OutboxMessage>> RemindersAsync(JobsHost host, Guid id) =>
        host.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == id && m.Kind == MailKinds.Reminder).ToListAsync());

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
