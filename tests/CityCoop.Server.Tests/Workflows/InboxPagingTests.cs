using System.Globalization;
using System.Net;
using System.Text.Json;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// The inbox (<c>GET /api/tasks</c>) answers one page: a JSON array of at most <c>pageSize</c> rows (default 50), the count of
/// all in <c>X-Total-Count</c>, the next and previous pages in <c>Link</c>; the pages together are the whole inbox in its
/// order, a page past the last reads as the last, and a page that is not a number is a 400 naming the field.
/// </summary>
public sealed class InboxPagingTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task Inbox_InPages_IsTheWholeInboxInOrder_WithCountAndLinks()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        for (var i = 0; i < 3; i++)
        {
            await users.Shanghai.ActAsync(await users.Shanghai.CreateAsync($"paging {i}"), "submit");
        }

        var whole = await users.PlatformJp.TasksAsync();
        Assert.True(whole.Count >= 3, $"the platform has at least the three matching tasks, not {whole.Count}");

        var pages = new List<JsonElement>();
        var number = 0;
        for (var next = "/api/tasks?pageSize=2"; next is not null; number++)
        {
            using var response = await users.PlatformJp.Client.GetAsync(new Uri(next, UriKind.Relative));
            var page = await WorkflowApi.JsonOf(response, HttpStatusCode.OK);
            Assert.Equal(whole.Count.ToString(CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Total-Count")));
            Assert.InRange(page.GetArrayLength(), 1, 2);
            Assert.Equal(number > 0, response.Headers.TryGetValues("Link", out var links) && string.Join(",", links).Contains("rel=\"prev\"", StringComparison.Ordinal));
            pages.AddRange(page.EnumerateArray());
            next = WorkflowApi.NextPage(response);
        }

        Assert.Equal((whole.Count + 1) / 2, number);
        Assert.Equal(Ids(whole), Ids(pages));

        using var past = await users.PlatformJp.Client.GetAsync(new Uri($"/api/tasks?pageSize=2&page={number + 5}", UriKind.Relative));
        Assert.Equal(Ids(whole.Skip((number - 1) * 2)), Ids((await WorkflowApi.JsonOf(past, HttpStatusCode.OK)).EnumerateArray()));
        Assert.Null(WorkflowApi.NextPage(past));

        using var firstOfDefault = await users.PlatformJp.Client.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        Assert.Equal(Ids(whole.Take(50)), Ids((await WorkflowApi.JsonOf(firstOfDefault, HttpStatusCode.OK)).EnumerateArray()));
    }

    [Theory]
    [InlineData("page=x", "page")]
    [InlineData("pageSize=1.5", "pageSize")]
    public async Task Inbox_WithAPageThatIsNoNumber_Is400NamingIt(string query, string field)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var response = await users.PlatformJp.Client.GetAsync(new Uri($"/api/tasks?{query}", UriKind.Relative));
        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    private static List<Guid> Ids(IEnumerable<JsonElement> rows) => [.. rows.Select(r => r.GetProperty("task").GetProperty("id").GetGuid())];
}
