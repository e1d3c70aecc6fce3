using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Expenses;

/// <summary>
/// <c>POST /api/proposals/{id}/expenses/{expenseId}/paid</c> on PostgreSQL, clock on 2015-06-01 (Tokyo, FY2015): a planned
/// expense becomes paid within the fiscal year; what is paid stays within the approval; only the platforms mark it.
/// </summary>
public sealed class MarkPaidTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task A_planned_expense_marked_paid_within_the_year_counts_as_spent()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 1_000_000m);
        var expenseId = await PlannedAsync(users.PlatformJp, id, 200_000m);
        var (_, etagBefore) = await users.PlatformJp.GetProposalAsync(id);

        using var response = await users.PlatformCn.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses/{expenseId}/paid", new { paidOn = "2015-05-20" });
        var paid = await WorkflowApi.JsonOf(response, HttpStatusCode.OK);
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal("2015-05-20", paid.GetProperty("paidOn").GetString());

        var list = await users.MinistryJp.GetAsync($"/api/proposals/{id}/expenses");
        Assert.Equal(200_000m, list.GetProperty("expensesPaid").GetDecimal());
        Assert.Equal(0m, list.GetProperty("expensesPlanned").GetDecimal());
        Assert.Equal(200_000m, list.GetProperty("spent").GetDecimal());
        Assert.Equal(800_000m, list.GetProperty("remaining").GetDecimal());

        // The proposal's row was taken, so its ETag moved with its money.
        Assert.NotEqual(etagBefore, (await users.PlatformJp.GetProposalAsync(id)).ETag);

        // A second time is refused: it already has a paid date.
        using var again = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses/{expenseId}/paid", new { paidOn = "2015-05-21" });
        Assert.Equal("expense-already-paid", (await WorkflowApi.JsonOf(again, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_activitys_planned_cost_is_not_spent_so_paying_an_expense_beside_it_counts_only_the_expense()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 1_000_000m);
        var expenseId = await PlannedAsync(users.PlatformJp, id, 600_000m);

        // An activity planned at 500,000 is a plan, not spending (programme.md "Funds"): it neither counts as spent nor
        // takes room from the expenses, so the planned 600,000 is paid within the 1,000,000.
        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(500_000m) });
        var before = await users.PlatformJp.GetAsync($"/api/proposals/{id}");
        Assert.Equal((0m, 400_000m, 500_000m), (before.GetProperty("spentAmount").GetProperty("amount").GetDecimal(), before.GetProperty("remainingAmount").GetProperty("amount").GetDecimal(), before.GetProperty("plannedActivityCosts").GetProperty("amount").GetDecimal()));

        using var response = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses/{expenseId}/paid", new { paidOn = "2015-05-31" });
        Assert.Equal("paid", (await WorkflowApi.JsonOf(response, HttpStatusCode.OK)).GetProperty("status").GetString());

        var list = await users.PlatformJp.GetAsync($"/api/proposals/{id}/expenses");
        Assert.Equal((500_000m, 600_000m, 600_000m, 400_000m), (list.GetProperty("activityCosts").GetDecimal(), list.GetProperty("expensesPaid").GetDecimal(), list.GetProperty("spent").GetDecimal(), list.GetProperty("remaining").GetDecimal()));
        var after = await users.PlatformJp.GetAsync($"/api/proposals/{id}");
        Assert.Equal((600_000m, 400_000m), (after.GetProperty("spentAmount").GetProperty("amount").GetDecimal(), after.GetProperty("remainingAmount").GetProperty("amount").GetDecimal()));
    }

    [Theory]
    [InlineData("{\"paidOn\":\"2016-04-01\"}", "date-outside-fiscal-year")]
    [InlineData("{\"paidOn\":\"2015-03-31\"}", "date-outside-fiscal-year")]
    [InlineData("{\"paidOn\":\"20150401\"}", "date-format")]
    [InlineData("{}", "input-required")]
    public async Task A_day_outside_the_fiscal_year_or_unreadable_is_a_400_on_paidOn(string body, string code)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 500_000m);
        var expenseId = await PlannedAsync(users.PlatformJp, id, 1000m);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await users.PlatformJp.Client.PostAsync($"/api/proposals/{id}/expenses/{expenseId}/paid", content);
        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("paidOn", problem.GetProperty("field").GetString());
        Assert.Equal("planned", Assert.Single((await users.PlatformJp.GetAsync($"/api/proposals/{id}/expenses")).GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_the_platforms_mark_paid_and_an_unknown_expense_is_404()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 500_000m);
        var expenseId = await PlannedAsync(users.PlatformJp, id, 1000m);
        foreach (var who in new[] { users.Shanghai, users.MinistryJp, users.MinistryCn })
        {
            using var refused = await who.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses/{expenseId}/paid", new { paidOn = "2015-05-31" });
            Assert.Equal("platform-only", (await WorkflowApi.JsonOf(refused, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        }

        using (var unknown = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses/{Guid.NewGuid()}/paid", new { paidOn = "2015-05-31" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var other = await users.WalkToAsync("fund-execution", approved: 500_000m);
        using (var elsewhere = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{other}/expenses/{expenseId}/paid", new { paidOn = "2015-05-31" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        }

        await users.PlatformJp.ActAsync(id, "close");
        using (var closed = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses/{expenseId}/paid", new { paidOn = "2015-05-31" }))
        {
            Assert.Equal("expense-not-in-fund-execution", (await WorkflowApi.JsonOf(closed, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        Assert.Equal("planned", Assert.Single((await users.PlatformJp.GetAsync($"/api/proposals/{id}/expenses")).GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    private static async Task<Guid> PlannedAsync(WorkflowApi who, Guid id, decimal amount)
    {
        using var response = await who.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses", new { budgetLine = "travel and per diem", amount, currency = "JPY", payee = "Kitakyushu Travel" });
        var json = await WorkflowApi.JsonOf(response, HttpStatusCode.Created, "record planned expense");
        Assert.Equal("planned", json.GetProperty("status").GetString());
        return json.GetProperty("id").GetGuid();
    }
}
