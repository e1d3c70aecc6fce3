using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Pipeline;

/// <summary><c>GET /api/pipeline</c> on PostgreSQL, clock on 2015-06-01 (Tokyo): the open proposals only, their step and amounts, filters, sort and access.</summary>
public sealed class PipelineApiTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    private static readonly string[] Wished = ["PM2.5 source apportionment"];

    [Fact]
    public async Task Open_proposals_are_listed_with_their_step_and_amounts_and_closed_ones_are_not()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var draft = await users.WalkToAsync("draft");
        var matching = await users.WalkToAsync("platform-matching");
        var approval = await users.WalkToAsync("ministry-approval");
        var executing = await users.WalkToAsync("fund-execution", approved: 1_000_000m);
        var closed = await users.WalkToAsync("fund-execution");
        await users.PlatformJp.ActAsync(closed, "close");

        var rows = await RowsAsync(users.MinistryJp, string.Empty);
        Assert.DoesNotContain(closed, rows.Keys);
        Assert.Equal("draft", rows[draft].GetProperty("state").GetString());
        Assert.Equal("platform-matching", rows[matching].GetProperty("state").GetString());
        Assert.Equal("ministry-approval", rows[approval].GetProperty("state").GetString());
        Assert.Equal("fund-execution", rows[executing].GetProperty("state").GetString());
        Assert.Equal(1_000_000m, rows[executing].GetProperty("approved").GetDecimal());
        Assert.Equal(3_000_000m, rows[executing].GetProperty("requested").GetDecimal());
        Assert.Equal("JPY", rows[executing].GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Null, rows[approval].GetProperty("approved").ValueKind);
        Assert.Equal(2015, rows[approval].GetProperty("fiscalYear").GetInt32());
        Assert.Equal("shanghai", rows[approval].GetProperty("proposingCity").GetString());

        // Entered today: 0 days in the step; the ministry's task is open with a due date 10 business days on, not overdue.
        Assert.Equal(0, rows[approval].GetProperty("daysInStep").GetInt32());
        Assert.Equal("approve-funding", rows[approval].GetProperty("openTask").GetString());
        Assert.True(rows[approval].GetProperty("dueAt").GetDateTimeOffset() > new DateTimeOffset(2015, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.False(rows[approval].GetProperty("overdue").GetBoolean());

        // The step began when the last match moved it to ministry-approval, not when the proposal was created.
        var journal = await users.MinistryJp.JournalAsync(approval);
        var entered = journal.Last(j => j.GetProperty("toState").GetString() == "ministry-approval" && j.GetProperty("fromState").GetString() != "ministry-approval");
        Assert.Equal(entered.GetProperty("at").GetDateTimeOffset(), rows[approval].GetProperty("stepSince").GetDateTimeOffset());
    }

    [Fact]
    public async Task Filters_by_state_year_and_overdue_and_refuses_what_it_cannot_read()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var approval = await users.WalkToAsync("ministry-approval");
        var matching = await users.WalkToAsync("platform-matching");

        var byState = await RowsAsync(users.PlatformCn, "?state=ministry-approval");
        Assert.Contains(approval, byState.Keys);
        Assert.DoesNotContain(matching, byState.Keys);
        Assert.All(byState.Values, r => Assert.Equal("ministry-approval", r.GetProperty("state").GetString()));

        Assert.Contains(matching, (await RowsAsync(users.PlatformCn, "?fiscalYear=" + Uri.EscapeDataString("平成27年度"))).Keys);
        Assert.DoesNotContain(matching, (await RowsAsync(users.PlatformCn, "?fiscalYear=2016")).Keys);
        Assert.DoesNotContain(matching, (await RowsAsync(users.PlatformCn, "?overdue=true")).Keys);

        foreach (var (query, field) in new[] { ("?state=closed", "state"), ("?state=nowhere", "state"), ("?sort=title", "sort"), ("?overdue=yes", "overdue"), ("?fiscalYear=FY20x", "fiscalYear") })
        {
            using var response = await users.PlatformCn.Client.GetAsync(new Uri("/api/pipeline" + query, UriKind.Relative));
            var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest, query);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task Sorts_by_amount_and_due_date_and_city_staff_get_403()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var small = await CreateAsync(users.Shanghai, "Small request", 1_000_000m);
        var large = await CreateAsync(users.Shanghai, "Large request", 9_000_000m);

        var byAmount = await ListAsync(users.MinistryJp, "?sort=amount");
        Assert.True(byAmount.FindIndex(r => r.GetProperty("id").GetGuid() == large) < byAmount.FindIndex(r => r.GetProperty("id").GetGuid() == small));
        var amounts = byAmount.Select(r => r.GetProperty("requested").GetDecimal()).ToList();
        Assert.Equal(amounts.OrderByDescending(a => a), amounts);

        var byDue = await ListAsync(users.MinistryJp, "?sort=due");
        var dues = byDue.Select(r => r.GetProperty("dueAt").ValueKind == JsonValueKind.Null ? DateTimeOffset.MaxValue : r.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dues.Order(), dues);

        using var city = await users.Shanghai.Client.GetAsync(new Uri("/api/pipeline", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, city.StatusCode);
    }

    internal static async Task<List<JsonElement>> ListAsync(WorkflowApi who, string query) =>
        [.. (await who.GetAsync("/api/pipeline" + query)).EnumerateArray()];

    internal static async Task<Dictionary<Guid, JsonElement>> RowsAsync(WorkflowApi who, string query) =>
        (await ListAsync(who, query)).ToDictionary(r => r.GetProperty("id").GetGuid());

    private static async Task<Guid> CreateAsync(WorkflowApi city, string title, decimal requested)
    {
        using var response = await city.Client.PostAsJsonAsync("/api/proposals", new
        {
            title,
            description = "Reduce PM2.5 with source apportionment",
            strand = "government-staff",
            level = "local",
            cooperationKind = "new",
            wishedItems = Wished,
            fiscalYear = 2015,
            requestedAmount = new { amount = requested, currency = "JPY" },
        });
        return (await WorkflowApi.JsonOf(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }
}
