using System.Net;
using System.Net.Http.Json;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Budgets;

/// <summary>
/// Issue 12 §2 on PostgreSQL: the ministry's approval commits against the fiscal year's envelope; an approval that would
/// exceed what remains is refused (409 <c>over-budget</c>, the remaining envelope in the arguments) and writes nothing,
/// also when ten are sent at once. The class has its own database, so FY2015 holds only these tests' money.
/// </summary>
public sealed class ApprovalBudgetTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task Approvals_commit_against_the_envelope_within_it_and_are_refused_over_it_also_ten_at_once()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        await SetEnvelopeAsync(users, 5_000_000m);

        // Within: 3,000,000 of 5,000,000 commits, and the budget says what remains.
        var first = await users.WalkToAsync("ministry-approval");
        await users.MinistryJp.ActAsync(first, "approve", new { amount = 3_000_000m });
        var budget = await users.MinistryJp.GetAsync("/api/budgets/2015");
        Assert.Equal((5_000_000m, 3_000_000m, 2_000_000m), (budget.GetProperty("envelope").GetDecimal(), budget.GetProperty("committed").GetDecimal(), budget.GetProperty("remaining").GetDecimal()));

        // Over: 2,500,000 more would exceed the 2,000,000 left; refused with the remaining amount, the proposal unmoved.
        var second = await users.WalkToAsync("ministry-approval");
        using (var refused = await users.MinistryJp.PostActionAsync(second, "approve", new { amount = 2_500_000m }))
        {
            var problem = await WorkflowApi.JsonOf(refused, HttpStatusCode.Conflict);
            Assert.Equal("over-budget", problem.GetProperty("code").GetString());
            Assert.Equal("2000000", problem.GetProperty("arguments").GetProperty("remaining").GetString());
        }

        var (unmoved, _) = await users.MinistryJp.GetProposalAsync(second);
        Assert.Equal("ministry-approval", unmoved.GetProperty("state").GetString());
        Assert.Equal(3_000_000m, (await users.MinistryJp.GetAsync("/api/budgets/2015")).GetProperty("committed").GetDecimal());

        // Ten at once, 500,000 each, against the 2,000,000 left: exactly four commit, the other six are over budget.
        var waiting = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            waiting.Add(await users.WalkToAsync("ministry-approval"));
        }

        var responses = await Task.WhenAll(waiting.Select(id => users.MinistryJp.PostActionAsync(id, "approve", new { amount = 500_000m })));
        try
        {
            Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                Assert.Equal("over-budget", (await WorkflowApi.JsonOf(response, HttpStatusCode.Conflict)).GetProperty("code").GetString());
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        var after = await users.MinistryJp.GetAsync("/api/budgets/2015");
        Assert.Equal((5_000_000m, 0m), (after.GetProperty("committed").GetDecimal(), after.GetProperty("remaining").GetDecimal()));

        // The approve form of a proposal still waiting shows the year's budget beside it, in Japanese for the ministry.
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");
        var html = await page.GetAsync($"/proposals/{second}");
        Assert.Contains("id=\"act-approve\"", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"budget-envelope\">5,000,000 JPY</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"budget-committed\">5,000,000 JPY</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"budget-remaining\">0 JPY</dd>", html, StringComparison.Ordinal);

        // City staff see no budget.
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "zh-CN");
        Assert.DoesNotContain("data-testid=\"budget-position\"", await city.GetAsync($"/proposals/{second}"), StringComparison.Ordinal);
    }

    private static async Task SetEnvelopeAsync(DemoUsers users, decimal envelope)
    {
        using var response = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new { envelope, reason = "FY2015 programme budget" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
