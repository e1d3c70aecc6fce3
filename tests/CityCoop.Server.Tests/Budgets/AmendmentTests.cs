using System.Net;
using System.Net.Http.Json;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Budgets;

/// <summary>
/// Issue 12 part 4 on PostgreSQL: the Japanese ministry amends a proposal's approved amount in fund execution through the
/// workflow action <c>amend-approval</c> (amount and reason required): a raise commits against the envelope like approve
/// (409 <c>over-budget</c>), never below what is spent (409 <c>amendment-below-spent</c>), never above the request; a lower
/// amount gives room back to the envelope. The task is standing: it is not in the ministry's My tasks. The class has its own
/// database, so FY2015 holds only this test's money.
/// </summary>
public sealed class AmendmentTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task The_ministry_raises_within_the_envelope_is_refused_over_it_or_below_spent_and_a_lower_amount_frees_room()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using (var put = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new { envelope = 1_000_000m, reason = "FY2015 programme budget" }))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var id = await users.WalkToAsync("fund-execution", approved: 600_000m);
        Assert.Equal(400_000m, await RemainingAsync(users));

        // Offered to the Japanese ministry only, with its inputs; kept out of its task list.
        var offered = Assert.Single((await users.MinistryJp.GetAsync($"/api/proposals/{id}/actions")).EnumerateArray().ToList(), a => a.GetProperty("name").GetString() == "amend-approval");
        Assert.Equal(["amount", "comment"], offered.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList());
        Assert.DoesNotContain(await users.MinistryJp.TasksAsync(), t => t.GetRawText().Contains(id.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain((await users.PlatformJp.GetAsync($"/api/proposals/{id}/actions")).EnumerateArray(), a => a.GetProperty("name").GetString() == "amend-approval");
        using (var platform = await users.PlatformJp.PostActionAsync(id, "amend-approval", new { amount = 500_000m, comment = "x" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, platform.StatusCode);
        }

        using (var cn = await users.MinistryCn.PostActionAsync(id, "amend-approval", new { amount = 500_000m, comment = "x" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, cn.StatusCode);
        }

        // The reason is required.
        using (var noReason = await users.MinistryJp.PostActionAsync(id, "amend-approval", new { amount = 700_000m }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        // Raise within: +300,000 of the 400,000 left commits; the journal says from and to.
        await users.MinistryJp.ActAsync(id, "amend-approval", new { amount = 900_000m, comment = "Second training visit added." });
        Assert.Equal(100_000m, await RemainingAsync(users));
        var entry = (await users.MinistryJp.JournalAsync(id))[^1];
        Assert.Equal(("amend-approval", "fund-execution", "Second training visit added."), (entry.GetProperty("action").GetString(), entry.GetProperty("toState").GetString(), entry.GetProperty("comment").GetString()));
        var note = Assert.Single(entry.GetProperty("notes").EnumerateArray().ToList());
        Assert.Equal(("approval-amended", "600000", "900000"), (note.GetProperty("code").GetString(), note.GetProperty("arguments").GetProperty("fromAmount").GetString(), note.GetProperty("arguments").GetProperty("toAmount").GetString()));
        Assert.Equal(900_000m, (await users.MinistryJp.GetProposalAsync(id)).Proposal.GetProperty("approvedAmount").GetProperty("amount").GetDecimal());

        // Raise over: +200,000 against the 100,000 left is over budget; nothing changes.
        await RefusedAsync(users, id, 1_100_000m, "over-budget", ("remaining", "100000"), ("amount", "200000"));
        Assert.Equal(100_000m, await RemainingAsync(users));

        // Above the request (3,000,000): refused as for approve.
        await RefusedAsync(users, id, 3_000_001m, "amount-over-request", ("requested", "3000000"));

        // Below spent: 500,000 paid (2015-05-20) is spent; an activity's planned 100,000 is not; 450,000 is refused.
        using (var expense = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses", new { budgetLine = "travel and per diem", amount = 500_000, currency = "JPY", paidOn = "2015-05-20", payee = "Kitakyushu Travel" }))
        {
            await WorkflowApi.JsonOf(expense, HttpStatusCode.Created, "record expense");
        }

        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(100_000m) });
        await RefusedAsync(users, id, 450_000m, "amendment-below-spent", ("spent", "500000"), ("amount", "450000"), ("held", "0"));

        // A planned expense holds its part too: with 50,000 planned, 520,000 is below the 550,000 carried.
        using (var planned = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses", new { budgetLine = "venues and events", amount = 50_000, currency = "JPY", payee = "Wuhan hall" }))
        {
            await WorkflowApi.JsonOf(planned, HttpStatusCode.Created, "record expense");
        }

        await RefusedAsync(users, id, 520_000m, "amendment-below-spent", ("spent", "500000"), ("held", "50000"));

        // Lower: 550,000 (exactly what is carried) gives 350,000 back to the envelope.
        await users.MinistryJp.ActAsync(id, "amend-approval", new { amount = 550_000m, comment = "Second visit cancelled." });
        Assert.Equal(450_000m, await RemainingAsync(users));
        Assert.Equal(550_000m, (await users.MinistryJp.GetAsync("/api/budgets/2015")).GetProperty("committed").GetDecimal());

        // The same amount again is refused; after closing the action is gone (409, not allowed in this state).
        await RefusedAsync(users, id, 550_000m, "amendment-unchanged");
        await users.PlatformJp.ActAsync(id, "close");
        using (var closed = await users.MinistryJp.PostActionAsync(id, "amend-approval", new { amount = 700_000m, comment = "late" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        }

        // Settlement releases the planned 50,000 that was never paid: 550,000 − 500,000.
        var budget = await users.MinistryJp.GetAsync("/api/budgets/2015");
        Assert.Equal((550_000m, 50_000m, 500_000m), (budget.GetProperty("committed").GetDecimal(), budget.GetProperty("released").GetDecimal(), budget.GetProperty("remaining").GetDecimal()));

        // The route takes a fiscal year as every other input does (a route constraint answered FY2015 with a bare 404).
        foreach (var spelling in new[] { "FY2015", "%E5%B9%B3%E6%88%9027%E5%B9%B4%E5%BA%A6" })
        {
            Assert.Equal(budget.GetRawText(), (await users.MinistryJp.GetAsync($"/api/budgets/{spelling}")).GetRawText());
        }

        Assert.Equal(
            (await users.MinistryJp.GetAsync("/api/budgets/2015/settlement")).GetRawText(),
            (await users.MinistryJp.GetAsync("/api/budgets/FY2015/settlement")).GetRawText());
    }

    private static async Task<decimal> RemainingAsync(DemoUsers users) =>
        (await users.MinistryJp.GetAsync("/api/budgets/2015")).GetProperty("remaining").GetDecimal();

    private static async Task RefusedAsync(DemoUsers users, Guid id, decimal amount, string code, params (string Name, string Value)[] arguments)
    {
        var (_, etag) = await users.MinistryJp.GetProposalAsync(id);
        using var response = await users.MinistryJp.PostActionAsync(id, "amend-approval", new { amount, comment = "Amendment" });
        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.Conflict, code);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        foreach (var (name, value) in arguments)
        {
            Assert.Equal(value, problem.GetProperty("arguments").GetProperty(name).GetString());
        }

        Assert.Equal(etag, (await users.MinistryJp.GetProposalAsync(id)).ETag);
    }
}
