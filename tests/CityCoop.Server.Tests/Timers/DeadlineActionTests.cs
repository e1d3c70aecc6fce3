using System.Net;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Notifications;
using CityCoop.Server.Tests.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tests.Timers;

/// <summary>
/// A deadline that takes an action: fund execution expires at the fiscal-year end (programme.md: "it closes when done or at
/// fiscal-year end"), through the timer sweep, on PostgreSQL, with a fake clock.
/// </summary>
public sealed class DeadlineActionTests
{
    private const string Title = "大气污染防治 – 上海";

    // FY2015 ends 2016-03-31 24:00 in Tokyo.
    private static readonly DateTimeOffset FiscalYearEnd = Utc("2016-03-31T15:00:00Z");

    [Fact]
    public async Task FundExecution_AtFiscalYearEndPlusOneSecond_ExpiresToClosedBySystem_CancelsTimers_TellsTheCityOnce()
    {
        await using var host = await JobsHost.StartAsync(Utc("2016-02-15T02:00:00Z"), smtpPort: null);
        using var platform = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        var id = await InFundExecutionAsync(host, platform);
        var deadline = await host.WithDbAsync(db => db.TimersOf(id).SingleAsync(t => t.TaskName == "execute-funds" && t.Kind == TimerKind.Deadline));
        Assert.Equal((FiscalYearEnd, (Domain.Cities.Country?)null), (deadline.FireAt, deadline.Country));

        host.Time.SetUtcNow(FiscalYearEnd.AddSeconds(-1));
        Assert.Equal(2, await host.SweepAsync()); // the fiscal-year-end notices (JP and CN), not the deadline
        Assert.Equal("fund-execution", await StateAsync(host, id));

        host.Time.SetUtcNow(FiscalYearEnd.AddSeconds(1));
        Assert.Equal(1, await host.SweepAsync());

        var instance = await InstanceAsync(host, id);
        Assert.Equal("closed", instance.CurrentState);
        var entry = instance.Journal.OrderBy(e => e.Sequence).Last();
        Assert.Equal(
            (JournalEntryKind.Transition, "expire", "system", "fund-execution", "closed", FiscalYearEnd.AddSeconds(1)),
            (entry.Kind, entry.Action, entry.ActorUserId, entry.FromState, entry.ToState, entry.At));
        var task = instance.Tasks.Single(t => t.TaskName == "execute-funds");
        Assert.Equal(("expire", FiscalYearEnd.AddSeconds(1)), (task.ClosedByAction, task.ClosedAt));
        Assert.Empty(instance.OpenTasks);
        var timers = await host.WithDbAsync(db => db.TimersOf(id).ToListAsync());
        Assert.DoesNotContain(timers, t => t.Status == TimerStatus.Pending);
        Assert.Equal(TimerStatus.Fired, timers.Single(t => t.Id == deadline.Id).Status);
        var decision = Assert.Single(await DecisionsAsync(host, id));
        Assert.Equal((CityCoopFactory.ShanghaiCity, FiscalYearEnd.AddSeconds(1)), (decision.RecipientEmail, decision.DueAt));
        Assert.Contains("\"action\":\"expire\"", decision.PayloadJson, StringComparison.Ordinal);

        // Again later, and again as if the row had never been marked: nothing more happens.
        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await host.SweepAsync());
        await host.WithDbAsync(db => db.WorkflowTimers.Where(t => t.Id == deadline.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TimerStatus.Pending)));
        Assert.Equal(1, await host.SweepAsync());
        var after = await InstanceAsync(host, id);
        Assert.Equal((instance.Revision, instance.Journal.Count), (after.Revision, after.Journal.Count));
        Assert.Single(await DecisionsAsync(host, id));
        Assert.Equal(TimerStatus.Cancelled, (await host.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.Id == deadline.Id))).Status);
    }

    [Fact]
    public async Task ClosedByHand_OneSecondBeforeTheFiscalYearEnd_TheSweepDoesNothing()
    {
        await using var host = await JobsHost.StartAsync(Utc("2016-02-15T02:00:00Z"), smtpPort: null);
        using var platform = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        var id = await InFundExecutionAsync(host, platform);

        host.Time.SetUtcNow(FiscalYearEnd.AddSeconds(-1));
        using var reviewer = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp); // a token of this hour
        await reviewer.ActAsync(id, "close", new { comment = "All activities done." });
        Assert.All(await host.WithDbAsync(db => db.TimersOf(id).Where(t => t.TaskName == "execute-funds").ToListAsync()), t => Assert.NotEqual(TimerStatus.Pending, t.Status));

        host.Time.SetUtcNow(FiscalYearEnd.AddSeconds(1));
        Assert.Equal(0, await host.SweepAsync());
        var instance = await InstanceAsync(host, id);
        Assert.Equal("closed", instance.CurrentState);
        Assert.DoesNotContain(instance.Journal, e => e.Action == "expire");
        Assert.Contains("\"action\":\"close\"", Assert.Single(await DecisionsAsync(host, id)).PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeSweepsAtOnce_AtTheFiscalYearEnd_MakeOneTransition()
    {
        await using var host = await JobsHost.StartAsync(Utc("2016-02-15T02:00:00Z"), smtpPort: null);
        using var platform = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        var id = await InFundExecutionAsync(host, platform);
        host.Time.SetUtcNow(FiscalYearEnd.AddSeconds(-1));
        await host.SweepAsync();

        host.Time.SetUtcNow(FiscalYearEnd.AddSeconds(1));
        var swept = await Task.WhenAll(host.SweepAsync(), host.SweepAsync(), host.SweepAsync());

        Assert.Equal(1, swept.Sum());
        var instance = await InstanceAsync(host, id);
        Assert.Equal("closed", instance.CurrentState);
        Assert.Single(instance.Journal, e => e.Kind == JournalEntryKind.Transition && e.ToState == "closed");
        Assert.Single(await DecisionsAsync(host, id));
    }

    [Fact]
    public async Task APersonClosingWhileTheSweepRuns_ExactlyOneOfThemCloses()
    {
        await using var host = await JobsHost.StartAsync(Utc("2016-02-15T02:00:00Z"), smtpPort: null);
        using var platform = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        var id = await InFundExecutionAsync(host, platform);
        host.Time.SetUtcNow(FiscalYearEnd.AddSeconds(-1));
        await host.SweepAsync();

        host.Time.SetUtcNow(FiscalYearEnd.AddSeconds(1));
        using var reviewer = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp); // a token of this hour
        var close = reviewer.PostActionAsync(id, "close", new { comment = "Done." });
        var sweep = host.SweepAsync();
        await Task.WhenAll(close, sweep);
        using var response = await close;

        // The sweep may lose (the person committed first) and try again: the next run re-reads and finds nothing to do.
        await host.SweepAsync();
        var instance = await InstanceAsync(host, id);
        Assert.Equal("closed", instance.CurrentState);
        var closing = Assert.Single(instance.Journal, e => e.Kind == JournalEntryKind.Transition && e.ToState == "closed");
        Assert.Equal(response.StatusCode == HttpStatusCode.OK ? "close" : "expire", closing.Action);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Single(await DecisionsAsync(host, id));
        Assert.DoesNotContain(await host.WithDbAsync(db => db.TimersOf(id).ToListAsync()), t => t.Status == TimerStatus.Pending);
    }

    [Fact]
    public async Task APersonTakingExpire_IsRefusedWith409_AndNothingChanges()
    {
        await using var host = await JobsHost.StartAsync(Utc("2016-02-15T02:00:00Z"), smtpPort: null);
        using var platform = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        var id = await InFundExecutionAsync(host, platform);
        var (_, etag) = await platform.GetProposalAsync(id);
        Assert.DoesNotContain((await platform.GetAsync($"/api/proposals/{id}/actions")).EnumerateArray(), a => a.GetProperty("name").GetString() == "expire");

        using var response = await platform.PostActionAsync(id, "expire");

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.Conflict);
        Assert.Equal("Only the system takes this action.", problem.GetProperty("title").GetString());
        Assert.Equal("Action 'expire' is taken only by the system, when the deadline of task 'execute-funds' passes.", problem.GetProperty("detail").GetString());
        Assert.Equal("execute-funds", problem.GetProperty("task").GetString());
        var (_, etagAfter) = await platform.GetProposalAsync(id);
        Assert.Equal(etag, etagAfter);
        Assert.Equal("fund-execution", await StateAsync(host, id));
        Assert.Contains(await host.WithDbAsync(db => db.TimersOf(id).Where(t => t.Kind == TimerKind.Deadline).ToListAsync()), t => t.Status == TimerStatus.Pending);
    }

    [Fact]
    public async Task DeadlineWhoseGuardRefuses_JournalsWhyOnce_AndDoesNotRetry()
    {
        // An edited definition: the matching task lapses to declined at its due date, but only once a partner is set.
        using var folder = new WorkflowFolder();
        folder.Replace(
            "{ \"name\": \"decline\", \"displayNames\": { \"en\": \"decline\", \"ja\": \"不採択\", \"zh\": \"不予受理\" }, \"target\": \"declined\", \"inputs\": [{ \"name\": \"comment\", \"type\": \"text\", \"required\": true }] }",
            "{ \"name\": \"decline\", \"displayNames\": { \"en\": \"decline\", \"ja\": \"不採択\", \"zh\": \"不予受理\" }, \"target\": \"declined\", \"inputs\": [{ \"name\": \"comment\", \"type\": \"text\", \"required\": true }] }, { \"name\": \"lapse\", \"target\": \"declined\", \"system\": true, \"guards\": [\"has-partner-city\"] }");
        folder.Replace(
            "{ \"kind\": \"reminder\", \"before\": { \"businessDays\": 3 }, \"every\": { \"businessDays\": 2 }, \"max\": 4 },",
            "{ \"kind\": \"reminder\", \"before\": { \"businessDays\": 3 }, \"every\": { \"businessDays\": 2 }, \"max\": 4 }, { \"kind\": \"deadline\", \"action\": \"lapse\" },");
        await using var host = await JobsHost.StartAsync(Utc("2026-09-01T02:00:00Z"), smtpPort: null, workflowsFolder: folder.Path);
        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        var id = await city.CreateAsync(Title);
        await city.ActAsync(id, "submit");
        var deadline = await host.WithDbAsync(db => db.TimersOf(id).SingleAsync(t => t.Kind == TimerKind.Deadline));
        // A deadline that acts happens once, at the due date of the proposing city's country: the end of Tue 29 Sep 2026 in
        // Shanghai, 20 Chinese business days on (Sunday 20 September worked, 25–27 September Mid-Autumn).
        Assert.Equal(Utc("2026-09-29T16:00:00Z"), deadline.FireAt);

        host.Time.SetUtcNow(Utc("2026-09-29T16:00:00Z"));
        await host.SweepAsync();

        var instance = await InstanceAsync(host, id);
        Assert.Equal("platform-matching", instance.CurrentState);
        var notice = Assert.Single(instance.Journal, e => e.Action == "lapse-refused");
        Assert.Equal(("system", "The deadline of 'match-proposal' did not take 'lapse': Guard 'has-partner-city' refused: Set a partner city first."), (notice.ActorUserId, notice.Details));
        var row = await host.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.Id == deadline.Id));
        Assert.Equal((TimerStatus.Fired, notice.Details), (row.Status, row.LastError));

        host.Time.Advance(TimeSpan.FromDays(1));
        await host.SweepAsync();
        Assert.Single((await InstanceAsync(host, id)).Journal, e => e.Action == "lapse-refused");
    }

    private static async Task<Guid> InFundExecutionAsync(JobsHost host, WorkflowApi platformJp)
    {
        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        using var cn = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformCn);
        using var ministry = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.MinistryJp);
        return await WorkflowApi.WalkToAsync("fund-execution", city, platformJp, cn, ministry, title: Title);
    }

    private static Task<WorkflowInstance> InstanceAsync(JobsHost host, Guid id) =>
        host.WithDbAsync(db => db.WorkflowInstances.Include(i => i.Journal).Include(i => i.Tasks)
            .SingleAsync(i => EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == id));

    private static async Task<string> StateAsync(JobsHost host, Guid id) => (await InstanceAsync(host, id)).CurrentState;

    // The city's decision notices about fund execution (the ministry's approval sent one earlier).
    private static async Task<List<OutboxMessage>> DecisionsAsync(JobsHost host, Guid id) =>
        (await host.WithDbAsync(db => db.OutboxMessages.Where(m => m.SubjectId == id && m.Kind == MailKinds.DecisionMade).ToListAsync()))
            .Where(m => m.PayloadJson.Contains("\"taskName\":\"execute-funds\"", StringComparison.Ordinal))
            .ToList();

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
