using System.Net;
using System.Text.Json;
using CityCoop.Domain.Cities;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Mail;
using CityCoop.Server.Tests.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Notifications;

/// <summary>Reminders, escalations and notices through the real path: PostgreSQL, the timer sweep, the outbox dispatcher, MailKit and smtp4dev.</summary>
public sealed class NotificationDeliveryTests(Smtp4devServer smtp) : IClassFixture<Smtp4devServer>, IAsyncLifetime
{
    private const string Title = "大气污染防治 – 上海";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // 2026-09-01 10:00 in Shanghai: the matching task is due 20 business days later in each platform's country: the end of
    // Tuesday 2026-09-29 in Shanghai (Sunday 20 September is a declared working day, 25–27 September Mid-Autumn) and the end
    // of Friday 2026-10-02 in Tokyo (21–23 September are Respect for the Aged Day, a citizens' holiday and the equinox).
    private static readonly DateTimeOffset T0 = Utc("2026-09-01T02:00:00Z");

    public Task InitializeAsync() => smtp.DeleteAllMessagesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReminderAndEscalation_FireOnEachRecipientsBusinessDays_InTheirLanguageAndZone()
    {
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        await SetLanguageAsync(host, CityCoopFactory.MinistryJp, "en");
        var id = await SubmitAsync(host);

        var task = await host.WithDbAsync(db => db.WorkflowTasks.SingleAsync(t => t.TaskName == "match-proposal"));
        Assert.Equal([("JP", Utc("2026-10-02T15:00:00Z")), ("CN", Utc("2026-09-29T16:00:00Z"))], task.DueDates.Select(d => (d.Place, d.At)));
        Assert.Equal(Utc("2026-09-29T16:00:00Z"), task.DueAt);
        var timers = await host.WithDbAsync(db => db.TimersOf(id).ToListAsync());
        Assert.Equal(3, timers.Count);
        // Reminder for the Chinese reviewer: 3 Chinese business days before Sep 29, skipping Mid-Autumn: Wed Sep 23, 09:00 Shanghai.
        Assert.Equal(Utc("2026-09-23T01:00:00Z"), timers.Single(t => t.Kind == TimerKind.Reminder && t.Country == Country.CN).FireAt);
        // For the Japanese reviewer: 3 Japanese business days before the Japanese due day, Oct 2: Tue Sep 29, 09:00 Tokyo.
        Assert.Equal(Utc("2026-09-29T00:00:00Z"), timers.Single(t => t.Kind == TimerKind.Reminder && t.Country == Country.JP).FireAt);
        // Escalation to the Japanese ministry: 7 Japanese business days after Oct 2, skipping Sports Day (Oct 12): Wed Oct 14, 09:00 Tokyo.
        var escalationTimer = timers.Single(t => t.Kind == TimerKind.Escalation);
        Assert.Equal((Country.JP, Utc("2026-10-14T00:00:00Z")), (escalationTimer.Country, escalationTimer.FireAt));

        await host.DispatchAsync(); // the task-opened emails
        await smtp.DeleteAllMessagesAsync();

        host.Time.SetUtcNow(Utc("2026-09-23T00:59:59Z"));
        Assert.Equal(0, await host.SweepAsync());
        host.Time.SetUtcNow(Utc("2026-09-23T01:00:00Z"));
        Assert.Equal(1, await host.SweepAsync());
        Assert.Equal(1, await host.DispatchAsync());
        var zh = Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal(CityCoopFactory.PlatformCn, zh.Raw.To.Mailboxes.Single().Address);
        Assert.Equal($"提醒：{Title} – 确认结对，匹配希望项目与可提供项目 即将到期", zh.Subject);
        Assert.Equal($"提醒：{Title} – 确认结对，匹配希望项目与可提供项目 即将到期", zh.Raw.Subject);
        Assert.Contains("2026-09-29 24:00（Asia/Shanghai，北京时间）", zh.Raw.TextBody, StringComparison.Ordinal);
        Assert.Equal(JobsHost.FromName, zh.Raw.From.Mailboxes.Single().Name);
        Assert.Contains("李明", zh.Raw.To.Mailboxes.Single().Name, StringComparison.Ordinal);
        await smtp.DeleteAllMessagesAsync();

        host.Time.SetUtcNow(Utc("2026-09-28T23:59:59Z"));
        Assert.Equal(0, await host.SweepAsync());
        host.Time.SetUtcNow(Utc("2026-09-29T00:00:00Z"));
        Assert.Equal(1, await host.SweepAsync());
        Assert.Equal(1, await host.DispatchAsync());
        var ja = Assert.Single(await smtp.WaitForMessagesAsync(1, Wait));
        Assert.Equal(CityCoopFactory.PlatformJp, ja.Raw.To.Mailboxes.Single().Address);
        Assert.Equal($"リマインダー：{Title} – ペアリングの確認と希望項目・提供項目のマッチング の期限が近づいています", ja.Raw.Subject);
        // The Japanese reviewer reads the Japanese due date, the end of a Japanese working day, not the Chinese one at 01:00.
        Assert.Contains("2026-10-02 24:00（Asia/Tokyo、日本時間）", ja.Raw.TextBody, StringComparison.Ordinal);
        Assert.Contains(JobsHost.FromName, ja.From, StringComparison.Ordinal);
        Assert.Contains($"https://citycoop.example/proposals/{id:D}", ja.Raw.TextBody, StringComparison.Ordinal);
        await smtp.DeleteAllMessagesAsync();

        host.Time.SetUtcNow(Utc("2026-10-13T23:59:59Z"));
        await host.SweepAsync(); // one overdue reminder per reviewer (missed slots are skipped, not sent in a burst)
        Assert.Empty(await host.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == MailKinds.Escalation).ToListAsync()));
        host.Time.SetUtcNow(Utc("2026-10-14T00:00:00Z"));
        await host.SweepAsync();
        var escalations = await host.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == MailKinds.Escalation).ToListAsync());
        Assert.Equal(CityCoopFactory.MinistryJp, Assert.Single(escalations).RecipientEmail);
        await host.DispatchAsync();
        var all = await smtp.WaitForMessagesAsync(3, Wait);
        Assert.Equal(2, all.Count(m => m.Subject.StartsWith("期限超過", StringComparison.Ordinal) || m.Subject.StartsWith("已逾期", StringComparison.Ordinal)));
        var escalation = all.Single(m => m.Raw.To.Mailboxes.Single().Address == CityCoopFactory.MinistryJp);
        Assert.Equal($"Escalation: {Title} – Check the pairing, match wished and offered items is overdue by 7 business days", escalation.Raw.Subject);
        Assert.Contains("2026-10-02 24:00 (Asia/Tokyo, JST)", escalation.Raw.TextBody, StringComparison.Ordinal);

        var journal = await host.WithDbAsync(db => db.WorkflowInstances.Include(i => i.Journal).SelectMany(i => i.Journal).ToListAsync());
        var entry = Assert.Single(journal, e => e.Kind == JournalEntryKind.Escalated);
        Assert.Equal("escalate", entry.Action);
        Assert.Contains("鈴木", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiscalYearEndNotice_ArrivesThirtyDaysBeforeTheFiscalYearEnds_ToProposalsInFundExecution()
    {
        // FY2015 ends 2016-03-31 (Tokyo); the notice is due 30 days earlier, Tue 2016-03-01, at 09:00 in Shanghai.
        await using var host = await JobsHost.StartAsync(Utc("2016-02-15T02:00:00Z"), smtp.SmtpPort);
        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        using var jp = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        using var cn = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformCn);
        using var ministry = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.MinistryJp);
        var id = await WorkflowApi.WalkToAsync("fund-execution", city, jp, cn, ministry, title: Title);
        var notices = await host.WithDbAsync(db => db.TimersOf(id).Where(t => t.TaskName == "execute-funds" && t.Kind == TimerKind.Reminder).ToListAsync());
        // One per reviewer's country, each at 09:00 in its zone: Tokyo an hour before Shanghai.
        Assert.Equal(Utc("2016-03-01T00:00:00Z"), notices.Single(t => t.Country == Country.JP).FireAt);
        Assert.Equal(Utc("2016-03-01T01:00:00Z"), notices.Single(t => t.Country == Country.CN).FireAt);
        await host.DispatchAsync();

        // The city hears the ministry's decision with the amount it may spend, less than it asked for.
        var decision = (await smtp.ListMessagesAsync()).Single(m => m.Raw.To.Mailboxes.Single().Address == CityCoopFactory.ShanghaiCity && m.Subject.StartsWith("决定通知", StringComparison.Ordinal));
        Assert.Equal($"决定通知：{Title}（批准）", decision.Raw.Subject);
        Assert.Contains("批准金额：2,500,000 JPY（申请金额：3,000,000 JPY）。", decision.Raw.TextBody, StringComparison.Ordinal);
        await smtp.DeleteAllMessagesAsync();

        host.Time.SetUtcNow(Utc("2016-02-29T23:59:00Z"));
        Assert.Equal(0, await host.SweepAsync());
        host.Time.SetUtcNow(Utc("2016-03-01T00:00:00Z"));
        Assert.Equal(1, await host.SweepAsync());
        host.Time.SetUtcNow(Utc("2016-03-01T01:00:00Z"));
        Assert.Equal(1, await host.SweepAsync());
        Assert.Equal(2, await host.DispatchAsync());
        var mails = await smtp.WaitForMessagesAsync(2, Wait);
        var zh = mails.Single(m => m.Raw.To.Mailboxes.Single().Address == CityCoopFactory.PlatformCn);
        Assert.Equal($"财年即将结束：{Title}", zh.Raw.Subject);
        Assert.Contains("2016-03-31 23:00（Asia/Shanghai，北京时间）", zh.Raw.TextBody, StringComparison.Ordinal);
        var ja = mails.Single(m => m.Raw.To.Mailboxes.Single().Address == CityCoopFactory.PlatformJp);
        Assert.Equal($"年度末のお知らせ：{Title}", ja.Raw.Subject);
        Assert.Contains("2016-03-31 24:00（Asia/Tokyo、日本時間）", ja.Raw.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletingTheTask_OneSecondBeforeTheReminder_SendsNoReminder_EvenIfTheTimerRunsAnyway()
    {
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        var id = await SubmitAsync(host);
        host.Time.SetUtcNow(Utc("2026-09-28T00:59:59Z"));
        using var platform = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        await platform.ActAsync(id, "decline", new { comment = "Out of scope." });
        var timers = await host.WithDbAsync(db => db.TimersOf(id).ToListAsync());
        Assert.All(timers, t => Assert.Equal(TimerStatus.Cancelled, t.Status));

        host.Time.SetUtcNow(Utc("2026-09-28T01:00:00Z"));
        Assert.Equal(0, await host.SweepAsync());

        // A timer that runs anyway (as if its cancel had been lost) re-reads the task, finds it closed, and does nothing.
        await host.WithDbAsync(db => db.TimersOf(id).Where(t => t.Kind == TimerKind.Reminder && t.Country == Country.CN).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TimerStatus.Pending)));
        Assert.Equal(1, await host.SweepAsync());
        Assert.Empty(await host.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == MailKinds.Reminder || m.Kind == MailKinds.Escalation).ToListAsync()));
        Assert.All(await host.WithDbAsync(db => db.TimersOf(id).ToListAsync()), t => Assert.Equal(TimerStatus.Cancelled, t.Status));
    }

    [Fact]
    public async Task SweepRunTwiceConcurrently_AndAgainLater_SendsOneEmailPerRecipient()
    {
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        await SubmitAsync(host);
        // Wait until the SMTP server has stored what was sent, or a message could arrive after the delete.
        await smtp.WaitForMessagesAsync(await host.DispatchAsync(), Wait);
        await smtp.DeleteAllMessagesAsync();

        // Both reviewers' reminders are due (Chinese Sep 28, Japanese Oct 5).
        host.Time.SetUtcNow(Utc("2026-10-05T00:00:00Z"));
        var sweeps = await Task.WhenAll(host.SweepAsync(), host.SweepAsync(), host.SweepAsync());
        Assert.Equal(2, sweeps.Sum());
        var sent = await Task.WhenAll(host.DispatchAsync(), host.DispatchAsync(), host.DispatchAsync());
        Assert.Equal(2, sent.Sum());

        host.Time.SetUtcNow(Utc("2026-10-05T00:05:00Z"));
        Assert.Equal(0, await host.SweepAsync());
        Assert.Equal(0, await host.DispatchAsync());
        await Task.Delay(500);
        var mails = await smtp.ListMessagesAsync();
        Assert.Equal(2, mails.Count);
        Assert.Equal(2, mails.Select(m => m.Raw.To.Mailboxes.Single().Address).Distinct().Count());
    }

    [Fact]
    public async Task SmtpServerDown_StepTaken_ServerBack_EmailArrivesOnce()
    {
        await using var smtpSwitch = new SmtpSwitch(smtp.SmtpPort);
        await using var host = await JobsHost.StartAsync(T0, smtpSwitch.Port);
        await SubmitAsync(host); // task-opened for both platform reviewers (the city created its draft itself: no notice)

        Assert.Equal(0, await host.DispatchAsync());
        var pending = await host.WithDbAsync(db => db.OutboxMessages.ToListAsync());
        Assert.Equal(2, pending.Count);
        Assert.All(pending, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.Equal(T0.AddMinutes(1), m.NextAttemptAt);
            Assert.NotNull(m.LastError);
        });

        smtpSwitch.On();
        Assert.Equal(0, await host.DispatchAsync()); // still backing off
        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await host.DispatchAsync());
        host.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await host.DispatchAsync());
        await smtp.WaitForMessagesAsync(2, Wait);
        await Task.Delay(500);
        Assert.Equal(2, (await smtp.ListMessagesAsync()).Count);
        Assert.All(await host.WithDbAsync(db => db.OutboxMessages.ToListAsync()), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task SmtpServerDown_AfterMaxAttempts_MessageIsMarkedFailed_AndShownToAdmins()
    {
        await using var smtpSwitch = new SmtpSwitch(smtp.SmtpPort);
        await using var host = await JobsHost.StartAsync(T0, smtpSwitch.Port);
        await SubmitAsync(host);
        for (var i = 0; i < 8; i++)
        {
            await host.DispatchAsync();
            host.Time.Advance(TimeSpan.FromDays(1));
        }

        var rows = await host.WithDbAsync(db => db.OutboxMessages.ToListAsync());
        Assert.All(rows, m => Assert.Equal((OutboxStatus.Failed, 8), (m.Status, m.Attempts)));
        using var admin = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.Admin);
        var failed = await admin.GetAsync("/api/admin/outbox?status=failed");
        Assert.Equal(2, failed.GetArrayLength());
    }

    [Fact]
    public async Task StepRefusedAndRolledBack_WritesNoOutboxRow_AndADueInAnUnpublishedYearIsProvisional_ForItsCountryOnly()
    {
        await using var host = await JobsHost.StartAsync(Utc("2026-12-15T02:00:00Z"), smtp.SmtpPort);
        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        var id = await city.CreateAsync(Title);

        // A refused step (an input the action does not declare) writes nothing (and creating the draft told nobody: the
        // city's own step opened its task).
        using (var refused = await city.PostActionAsync(id, "submit", new { unknown = "x" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Empty(await host.WithDbAsync(db => db.OutboxMessages.ToListAsync()));
        Assert.Empty(await host.WithDbAsync(db => db.WorkflowTimers.ToListAsync()));

        // 20 business days from 2026-12-15 end in January 2027. China's 2027 schedule is not bundled, so the Chinese due
        // date counts on the calendar computed from the law and says so; Japan's 2027 calendar is official, and Japanese
        // offices are closed 29 December – 3 January. No calendar-days fallback, no journal noise.
        await city.ActAsync(id, "submit");
        var instance = await host.WithDbAsync(db => db.WorkflowInstances.Include(i => i.Journal).Include(i => i.Tasks).SingleAsync());
        Assert.Equal("platform-matching", instance.CurrentState);
        Assert.DoesNotContain(instance.Journal, e => e.Action == "calendar-not-covered");
        var task = instance.Tasks.Single(t => t.IsOpen && t.TaskName == "match-proposal");
        Assert.Equal([("JP", Utc("2027-01-19T15:00:00Z"), null), ("CN", Utc("2027-01-13T16:00:00Z"), (int?)2027)], task.DueDates.Select(d => (d.Place, d.At, d.ProvisionalYear)));

        using var cn = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformCn);
        var cnTask = Assert.Single(await cn.TasksAsync()).GetProperty("task");
        Assert.Equal(Utc("2027-01-13T16:00:00Z"), cnTask.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("CN", cnTask.GetProperty("dueCountry").GetString());
        Assert.Equal("provisional — China's 2027 holiday schedule is not published yet", cnTask.GetProperty("dueProvisional").GetProperty("english").GetString());
        var other = Assert.Single(cnTask.GetProperty("otherDueDates").EnumerateArray());
        Assert.Equal(("JP", Utc("2027-01-19T15:00:00Z"), JsonValueKind.Null), (other.GetProperty("country").GetString(), other.GetProperty("dueAt").GetDateTimeOffset(), other.GetProperty("provisional").ValueKind));

        using var jp = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        var jpTask = Assert.Single(await jp.TasksAsync()).GetProperty("task");
        Assert.Equal(Utc("2027-01-19T15:00:00Z"), jpTask.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, jpTask.GetProperty("dueProvisional").ValueKind);

        // The task-opened emails: each reviewer reads their own country's due date, the Chinese one marked provisional.
        await smtp.DeleteAllMessagesAsync();
        await host.DispatchAsync();
        var mails = await smtp.WaitForMessagesAsync(2, Wait);
        var zh = mails.Single(m => m.Raw.To.Mailboxes.Single().Address == CityCoopFactory.PlatformCn);
        Assert.Contains("2027-01-13 24:00（Asia/Shanghai，北京时间）（暂定：中国 2027 年的节假日安排尚未公布）", zh.Raw.TextBody, StringComparison.Ordinal);
        var ja = mails.Single(m => m.Raw.To.Mailboxes.Single().Address == CityCoopFactory.PlatformJp);
        Assert.Contains("2027-01-19 24:00（Asia/Tokyo、日本時間）", ja.Raw.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("暫定", ja.Raw.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoServersOnOneDatabase_SendEveryEmailOnce()
    {
        await using var first = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        await using var second = await JobsHost.StartAsync(T0, smtp.SmtpPort, first.ConnectionString, first.Time);
        using var city = await WorkflowApi.SignInAsync(first.App, CityCoopFactory.ShanghaiCity);
        for (var i = 0; i < 6; i++)
        {
            var id = await city.CreateAsync($"{Title} #{i}");
            await city.ActAsync(id, "submit");
        }

        var sent = await Task.WhenAll(first.DispatchAsync(), second.DispatchAsync(), first.DispatchAsync(), second.DispatchAsync());
        Assert.Equal(12, sent.Sum()); // 6 × both platform reviewers (the city opened its draft task itself)
        first.Time.SetUtcNow(Utc("2026-10-05T00:00:00Z")); // each proposal's Chinese and Japanese reminders are due
        var swept = await Task.WhenAll(first.SweepAsync(), second.SweepAsync(), second.SweepAsync(), first.SweepAsync());
        Assert.Equal(12, swept.Sum());
        sent = await Task.WhenAll(first.DispatchAsync(), second.DispatchAsync(), first.DispatchAsync(), second.DispatchAsync());
        Assert.Equal(12, sent.Sum());

        var mails = await smtp.WaitForMessagesAsync(24, Wait);
        await Task.Delay(500);
        mails = await smtp.ListMessagesAsync();
        Assert.Equal(24, mails.Count);
        Assert.Equal(24, mails.Select(m => m.Raw.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task ServerDiesAfterClaimingMessages_AnotherSendsThemAfterTheLease_Once()
    {
        await using var first = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        await using var second = await JobsHost.StartAsync(T0, smtp.SmtpPort, first.ConnectionString, first.Time);
        using var city = await WorkflowApi.SignInAsync(first.App, CityCoopFactory.ShanghaiCity);
        await city.ActAsync(await city.CreateAsync(Title), "submit");

        // The first server claims both messages and dies before sending (it never comes back to finish them).
        await using (var scope = first.App.Services.CreateAsyncScope())
        {
            Assert.Equal(2, (await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().ClaimAsync(10)).Count);
        }

        Assert.Equal(0, await second.DispatchAsync()); // leased: not sent twice meanwhile
        first.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, await second.DispatchAsync());
        first.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await second.DispatchAsync());
        await smtp.WaitForMessagesAsync(2, Wait);
        await Task.Delay(500);
        Assert.Equal(2, (await smtp.ListMessagesAsync()).Count);
    }

    private static async Task<Guid> SubmitAsync(JobsHost host)
    {
        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        var id = await city.CreateAsync(Title);
        await city.ActAsync(id, "submit");
        return id;
    }

    private static Task<int> SetLanguageAsync(JobsHost host, string email, string language) =>
        host.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredLanguage, language)));

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
