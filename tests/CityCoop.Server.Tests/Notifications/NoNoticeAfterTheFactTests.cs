using System.Net;
using System.Text.Json;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Setup;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Mail;
using CityCoop.Server.Tests.Workflows;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CityCoop.Server.Tests.Notifications;

/// <summary>
/// "No notice after the fact": a queued notice is sent only if it still holds when the dispatcher claims it (its task open,
/// its recipient active), nobody is told of a task their own step opened, and a sweep racing a step leaves timer and outbox
/// rows saying what happened. Real PostgreSQL, real HTTP, smtp4dev, a fake clock; outbox rows read through the admin API.
/// </summary>
public sealed class NoNoticeAfterTheFactTests(Smtp4devServer smtp, ITestOutputHelper output) : IClassFixture<Smtp4devServer>, IAsyncLifetime
{
    private const string Colleague = "wang.fang@shanghai.citycoop.example";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // Monday 2015-06-01, 09:30 in Tokyo: FY2015, no holiday in Japan or China for the next weeks.
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2015-06-01T00:30:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public Task InitializeAsync() => smtp.DeleteAllMessagesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReminderQueuedBeforeTheApprovalThatClosesItsTask_IsSupersededAsTaskClosed_NotSent()
    {
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        Guid id;
        using (var users = await DemoUsers.SignInAsync(host.App))
        {
            id = await users.WalkToAsync("ministry-approval");
        }

        var reminder = await ApprovalReminderAsync(host, id);
        // Wait until the SMTP server has stored what was sent, or a message could arrive after the delete.
        await smtp.WaitForMessagesAsync(await host.DispatchAsync(), Wait);
        await smtp.DeleteAllMessagesAsync();

        // The sweep queues "due soon" for the ministry; the ministry approves before the dispatcher's next run.
        host.Time.SetUtcNow(reminder.FireAt!.Value);
        Assert.Equal(1, await host.SweepAsync());
        Assert.Equal("pending", Assert.Single(await OutboxAsync(host, id, MailKinds.Reminder)).GetProperty("status").GetString());
        host.Time.Advance(TimeSpan.FromSeconds(30));
        using (var ministry = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.MinistryJp))
        {
            await ministry.ActAsync(id, "approve", new { amount = 2_500_000m });
        }

        // Sent: the decision to the city and the new task to both platform reviewers; not the reminder.
        Assert.Equal(3, await host.DispatchAsync());
        await smtp.WaitForMessagesAsync(3, Wait);
        await Task.Delay(500);
        var mails = await smtp.ListMessagesAsync();
        Assert.Equal(3, mails.Count);
        Assert.DoesNotContain(mails, m => m.Raw.To.Mailboxes.Any(a => a.Address == CityCoopFactory.MinistryJp));
        var row = Assert.Single(await OutboxAsync(host, id, MailKinds.Reminder));
        Assert.Equal(("superseded", "task-closed", CityCoopFactory.MinistryJp), (row.GetProperty("status").GetString(), row.GetProperty("supersededReason").GetString(), row.GetProperty("recipientEmail").GetString()));
        Assert.Equal(reminder.FireAt!.Value.AddSeconds(30), row.GetProperty("supersededAtUtc").GetDateTimeOffset());
        Assert.Equal(0, row.GetProperty("attempts").GetInt32());
        using var admin = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.Admin);
        var superseded = (await admin.GetAsync("/api/admin/outbox?status=superseded")).EnumerateArray().ToList();
        Assert.Contains(superseded, r => r.GetProperty("id").GetGuid() == row.GetProperty("id").GetGuid());
        Assert.All(superseded, r => Assert.Equal("superseded", r.GetProperty("status").GetString()));

        // The timer did fire (its reminder was written), so it says Fired, not Cancelled.
        var timer = await host.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.Id == reminder.Id));
        Assert.Equal((TimerStatus.Fired, 1), (timer.Status, timer.FireCount));
    }

    [Fact]
    public async Task TaskOpenedEmail_ForATaskClosedBeforeDispatch_IsSupersededAsTaskClosed_NotSent()
    {
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        using var users = await DemoUsers.SignInAsync(host.App);
        var id = await users.WalkToAsync("draft");
        await users.Shanghai.ActAsync(id, "submit");
        host.Time.Advance(TimeSpan.FromSeconds(20));
        await users.PlatformJp.ActAsync(id, "decline", new { comment = "Out of the programme's scope." });

        Assert.Equal(0, await host.DispatchAsync());

        var rows = await OutboxAsync(host, id, MailKinds.TaskOpened);
        Assert.Equal([CityCoopFactory.PlatformCn, CityCoopFactory.PlatformJp], rows.Select(r => r.GetProperty("recipientEmail").GetString()).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(("superseded", "task-closed"), (r.GetProperty("status").GetString(), r.GetProperty("supersededReason").GetString())));
        await Task.Delay(500);
        Assert.Empty(await smtp.ListMessagesAsync());
    }

    [Fact]
    public async Task CityCreatingItsDraft_GetsNoNewTaskEmail_ButAColleagueOfTheSameCityDoes()
    {
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .AddAsync(Colleague, DemoAccounts.Password, Roles.City, "city:shanghai", "王芳", "zh-CN");
            Assert.Empty(added);
        }

        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        await city.CreateAsync("大气污染防治 – 上海");

        Assert.Equal(1, await host.DispatchAsync());
        await smtp.WaitForMessagesAsync(1, Wait);
        await Task.Delay(500);
        var mail = Assert.Single(await smtp.ListMessagesAsync());
        Assert.Equal(Colleague, mail.Raw.To.Mailboxes.Single().Address);
        Assert.StartsWith("新任务：大气污染防治 – 上海", mail.Raw.Subject, StringComparison.Ordinal);
        Assert.Empty(await host.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientEmail == CityCoopFactory.ShanghaiCity).ToListAsync()));
    }

    [Fact]
    public async Task RecipientDeactivatedAfterTheEmailWasQueued_GetsNothing_AndTheRowSaysRecipientDeactivated()
    {
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort);
        using var users = await DemoUsers.SignInAsync(host.App);
        var id = await users.WalkToAsync("draft");
        await users.Shanghai.ActAsync(id, "submit");
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>().FindByEmailAsync(CityCoopFactory.PlatformCn);
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync(user!.Id, active: false));
        }

        Assert.Equal(1, await host.DispatchAsync());

        await smtp.WaitForMessagesAsync(1, Wait);
        await Task.Delay(500);
        Assert.Equal(CityCoopFactory.PlatformJp, Assert.Single(await smtp.ListMessagesAsync()).Raw.To.Mailboxes.Single().Address);
        var rows = await OutboxAsync(host, id, MailKinds.TaskOpened);
        var cn = Assert.Single(rows, r => r.GetProperty("recipientEmail").GetString() == CityCoopFactory.PlatformCn);
        Assert.Equal(("superseded", "recipient-deactivated"), (cn.GetProperty("status").GetString(), cn.GetProperty("supersededReason").GetString()));
        var jp = Assert.Single(rows, r => r.GetProperty("recipientEmail").GetString() == CityCoopFactory.PlatformJp);
        Assert.Equal(("sent", JsonValueKind.Null), (jp.GetProperty("status").GetString(), jp.GetProperty("supersededReason").ValueKind));

        // The admin page's outbox table says it too, in the reader's language.
        using var page = await PageClient.SignInAsync(host.App, CityCoopFactory.Admin, "zh-CN");
        var html = WebUtility.HtmlDecode(await page.GetAsync("/admin"));
        Assert.Contains("<td>未发送（已失效） — 收件人账户已停用</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepRacingTheApprovalThatClosesTheTask_LeavesTimerAndOutboxConsistent_AndSendsNoReminder()
    {
        const int Iterations = 20;
        await using var host = await JobsHost.StartAsync(T0, smtp.SmtpPort);

        // One proposal per business day, so each one's approval reminder is due on a day of its own; each race runs when the
        // clock reaches that reminder. (Tokens last an hour of the fake clock: sign in again after each jump.)
        var waiting = new List<(Guid Id, WorkflowTimer Reminder)>();
        var (walked, raced, fired) = (0, 0, 0);
        for (var day = T0; raced < Iterations; day = day.AddDays(1))
        {
            foreach (var (id, reminder) in waiting.Where(w => w.Reminder.FireAt <= day).OrderBy(w => w.Reminder.FireAt).ToList())
            {
                host.Time.SetUtcNow(reminder.FireAt!.Value);
                fired += await RaceAsync(id, reminder, TimeSpan.FromMilliseconds(5 * raced)) ? 1 : 0;
                waiting.RemoveAll(w => w.Id == id);
                raced++;
            }

            if (walked < Iterations && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                host.Time.SetUtcNow(day);
                using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
                using var jp = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
                using var cn = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformCn);
                var id = await WorkflowApi.WalkToAsync("ministry-approval", city, jp, cn);
                await host.DispatchAsync();
                waiting.Add((id, await ApprovalReminderAsync(host, id)));
                walked++;
            }
        }

        // True when the sweep fired the reminder before the approval committed. The sweep starts up to ~0.1 s after the
        // approval, a little later each time, so the runs cover the overlaps of the two transactions: the sweep done before
        // the approval reads the timers, holding the timer row while the approval cancels, starting after it committed.
        async Task<bool> RaceAsync(Guid id, WorkflowTimer reminder, TimeSpan sweepLag)
        {
            using var ministry = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.MinistryJp);

            // Both start at once on their own connections: the minute's sweep and the ministry's approval.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var sweep = Task.Run(async () =>
            {
                await start.Task;
                await Task.Delay(sweepLag);
                return await host.SweepAsync();
            });
            var approval = Task.Run(async () =>
            {
                await start.Task;
                using var response = await ministry.PostActionAsync(id, "approve", new { amount = 2_500_000m });
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            });
            start.SetResult();
            await sweep;
            var (status, body) = await approval;
            Assert.True(status == HttpStatusCode.OK, $"approve: {(int)status} {body}");
            await host.DispatchAsync();

            var timer = await host.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.Id == reminder.Id));
            var rows = await OutboxAsync(host, id, MailKinds.Reminder);
            var what = $"proposal {id}: timer {timer.Status} (fired {timer.FireCount}), reminders [{string.Join(", ", rows.Select(r => r.ToString()))}]";
            if (timer.Status == TimerStatus.Fired)
            {
                // It fired before the approval committed: one reminder written, superseded as its task closed.
                Assert.True(timer.FireCount == 1, what);
                var row = Assert.Single(rows);
                Assert.True(row.GetProperty("status").GetString() == "superseded" && row.GetProperty("supersededReason").GetString() == "task-closed", what);
                return true;
            }

            // The approval committed first: cancelled, and no reminder written.
            Assert.True(timer.Status == TimerStatus.Cancelled && timer.FireCount == 0 && rows.Count == 0, what);
            return false;
        }

        output.WriteLine($"{fired} of {Iterations} sweeps fired the reminder before the approval committed.");
        await Task.Delay(500);
        var toMinistry = (await smtp.ListMessagesAsync()).Where(m => m.Raw.To.Mailboxes.Any(a => a.Address == CityCoopFactory.MinistryJp)).ToList();
        Assert.Equal(Iterations, toMinistry.Count(m => m.Subject.StartsWith("新しいタスク：", StringComparison.Ordinal)));
        Assert.DoesNotContain(toMinistry, m => m.Subject.StartsWith("リマインダー：", StringComparison.Ordinal));
    }

    // The reminder of the ministry's approval task (2 business days before its due date), with its firing instant.
    private static Task<WorkflowTimer> ApprovalReminderAsync(JobsHost host, Guid id) =>
        host.WithDbAsync(db => db.TimersOf(id).SingleAsync(t => t.TaskName == "approve-funding" && t.Kind == TimerKind.Reminder));

    // The proposal's outbox rows of a kind as admins read them (GET /api/admin/outbox).
    private static async Task<List<JsonElement>> OutboxAsync(JobsHost host, Guid proposalId, string kind)
    {
        using var admin = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.Admin);
        return [.. (await admin.GetAsync("/api/admin/outbox?take=1000")).EnumerateArray()
            .Where(r => r.GetProperty("proposalId").GetGuid() == proposalId && r.GetProperty("kind").GetString() == kind)];
    }
}
