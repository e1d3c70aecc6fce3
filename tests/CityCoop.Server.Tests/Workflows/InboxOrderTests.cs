using System.Globalization;
using System.Net;
using System.Text.Json;
using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// The inbox reads its open tasks in earliest-due order only as far as a page needs (<c>Inbox.PageAsync</c>): with more
/// than a read batch (100) of tasks opened on different days and many sharing a due date, every page of every size is
/// the slice of the whole inbox in the caller's order (its due date in the caller's country, then opening time), the
/// count is the whole inbox's, and standing tasks (the ministry's amendment during fund execution) are in none.
/// </summary>
public sealed class InboxOrderTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task EveryPage_IsTheSliceOfTheWholeInbox_AcrossReadBatches()
    {
        // Execution tasks due at each country's own fiscal-year end, China's (31 December) before Japan's (31 March): a
        // definition may declare such dates, the product's do not, so the test sets them. Matching tasks opened in December
        // fall due in January: SQL's earliest-due order puts the execution tasks first, a Japanese platform's inbox last.
        // More than half a read batch of them, so that a page read no further than SQL's order would end in them.
        using (var june = await DemoUsers.SignInAsync(fixture.Factory))
        {
            for (var i = 0; i < 55; i++)
            {
                await june.WalkToAsync("fund-execution", approved: 100_000m);
            }

            await june.WalkToAsync("ministry-approval");
            await june.WalkToAsync("ministry-approval");
        }

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            const string DueDates = """[{"place":"JP","at":"2016-03-31T15:00:00+00:00","provisionalYear":null,"isProvisional":false},{"place":"CN","at":"2015-12-31T16:00:00+00:00","provisionalYear":null,"isProvisional":false}]""";
            var earliest = new DateTimeOffset(2015, 12, 31, 16, 0, 0, TimeSpan.Zero);
            var changed = await scope.ServiceProvider.GetRequiredService<CityCoopDbContext>().Database.ExecuteSqlAsync(
                $"""UPDATE workflow_tasks SET "DueAt" = {earliest}, "DueDates" = {DueDates} WHERE "TaskName" = 'execute-funds' AND "ClosedAt" IS NULL""");
            Assert.Equal(55, changed);
        }

        fixture.Factory.Time!.SetUtcNow(new DateTimeOffset(2015, 12, 9, 0, 0, 0, TimeSpan.Zero));
        for (var day = 0; day < 3; day++)
        {
            using var users = await DemoUsers.SignInAsync(fixture.Factory);
            for (var i = 0; i < 20; i++)
            {
                await users.Shanghai.ActAsync(await users.Shanghai.CreateAsync($"order {day}-{i}"), "submit");
            }

            fixture.Factory.Time.Advance(TimeSpan.FromHours(30));
        }

        using var now = await DemoUsers.SignInAsync(fixture.Factory);
        foreach (var (user, size) in new[] { (now.PlatformJp, 1), (now.PlatformCn, 3), (now.MinistryJp, 2), (now.Shanghai, 7) })
        {
            var whole = await user.TasksAsync();
            if (user == now.PlatformJp)
            {
                Assert.Equal(115, whole.Count);
                Assert.All(whole[..60], r => Assert.Equal("match-proposal", r.GetProperty("task").GetProperty("name").GetString()));
                Assert.All(whole[60..], r => Assert.Equal("execute-funds", r.GetProperty("task").GetProperty("name").GetString()));
            }

            AssertInDueOrder(whole);
            // The city's follow-up tasks have no due date (its inbox is read to the end in opening order); the ministry's two
            // approvals share one.
            Assert.True(user == now.Shanghai || user == now.MinistryJp || whole.Select(r => r.GetProperty("task").GetProperty("dueAt").GetString()).Distinct().Count() > 1, "the inbox holds tasks of more than one due date");
            Assert.DoesNotContain(whole, r => r.GetProperty("task").GetProperty("name").GetString() == "amend-funding");

            var pages = new List<JsonElement>();
            for (var next = $"/api/tasks?pageSize={size}"; next is not null;)
            {
                using var response = await user.Client.GetAsync(new Uri(next, UriKind.Relative));
                pages.AddRange((await WorkflowApi.JsonOf(response, HttpStatusCode.OK)).EnumerateArray());
                Assert.Equal(whole.Count.ToString(CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Total-Count")));
                next = WorkflowApi.NextPage(response);
            }

            Assert.Equal(Ids(whole), Ids(pages));
        }
    }

    private static void AssertInDueOrder(List<JsonElement> rows)
    {
        var keys = rows.Select(r => r.GetProperty("task")).Select(t => (
            Due: t.GetProperty("dueAt") is { ValueKind: JsonValueKind.String } due ? due.GetDateTimeOffset() : DateTimeOffset.MaxValue,
            Opened: t.GetProperty("openedAt").GetDateTimeOffset())).ToList();
        for (var i = 1; i < keys.Count; i++)
        {
            Assert.True(keys[i - 1].CompareTo(keys[i]) <= 0, $"row {i} ({keys[i]}) comes after row {i - 1} ({keys[i - 1]})");
        }
    }

    private static List<Guid> Ids(IEnumerable<JsonElement> rows) => [.. rows.Select(r => r.GetProperty("task").GetProperty("id").GetGuid())];
}
