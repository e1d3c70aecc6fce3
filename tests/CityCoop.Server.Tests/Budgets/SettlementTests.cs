using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Notifications;
using CityCoop.Server.Tests.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tests.Budgets;

/// <summary>
/// Issue 12 part 2 on PostgreSQL: closing fund execution settles the approval in the step's transaction — released =
/// approved − spent (activity costs and expenses paid by the close date) goes back to the year's envelope, the journal says
/// the amounts, and the settlement is listed by the API and on the budget page. The class has its own database, so FY2015
/// holds only this test's money.
/// </summary>
public sealed class SettlementTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    private const string PlatformJpName = "佐藤 花子（日本側プラットフォーム）";

    [Fact]
    public async Task Closing_by_a_person_releases_approved_minus_spent_to_the_envelope_and_lists_it()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        await SetEnvelopeAsync(users, 5_000_000m);

        // Approved 300,000; spent 120,000 (an expense paid on 2015-05-20, before today 2015-06-01); an activity's planned
        // cost of 30,000 and a planned expense of 10,000 (no paid date) are not spent; so 180,000 is released.
        var id = await users.WalkToAsync("fund-execution", approved: 300_000m);
        Assert.Equal(4_700_000m, (await BudgetAsync(users)).GetProperty("remaining").GetDecimal());
        await RecordExpenseAsync(users, id, new { budgetLine = "travel and per diem", amount = 120_000, currency = "JPY", paidOn = "2015-05-20", payee = "Kitakyushu Travel" });
        await RecordExpenseAsync(users, id, new { budgetLine = "venues and events", amount = 10_000, currency = "JPY", payee = "Wuhan hall" });
        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(30_000m) });

        var closed = await users.PlatformJp.ActAsync(id, "close", new { comment = "All activities done." });
        Assert.Equal("closed", closed.GetProperty("state").GetString());

        // Remaining goes up by exactly the released 180,000: 5,000,000 − 300,000 + 180,000.
        var budget = await BudgetAsync(users);
        Assert.Equal(
            (5_000_000m, 300_000m, 180_000m, 4_880_000m),
            (budget.GetProperty("envelope").GetDecimal(), budget.GetProperty("committed").GetDecimal(), budget.GetProperty("released").GetDecimal(), budget.GetProperty("remaining").GetDecimal()));

        // The closing entry of the journal carries the amounts as a coded note.
        var entry = (await users.PlatformJp.JournalAsync(id))[^1];
        Assert.Equal("close", entry.GetProperty("action").GetString());
        var note = Assert.Single(entry.GetProperty("notes").EnumerateArray().ToList());
        Assert.Equal("commitment-released", note.GetProperty("code").GetString());
        Assert.Equal(("300000", "120000", "180000"), (Arg(note, "approved"), Arg(note, "spent"), Arg(note, "released")));
        Assert.Equal("settled: approved 300,000 JPY, spent 120,000 JPY, released 180,000 JPY to the FY2015 budget", entry.GetProperty("details").GetString());

        // The settlement API: the row and the totals, for the ministry and the platform alike; city staff are refused.
        var settlement = await users.MinistryJp.GetAsync("/api/budgets/2015/settlement");
        var item = Assert.Single(settlement.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(id, item.GetProperty("proposalId").GetGuid());
        Assert.Equal("PM2.5 monitoring", item.GetProperty("title").GetString());
        Assert.Equal(("shanghai", "kitakyushu"), (item.GetProperty("proposingCity").GetString(), Assert.Single(item.GetProperty("partnerCities").EnumerateArray().ToList()).GetString()));
        Assert.Equal((300_000m, 120_000m, 180_000m, "JPY"), (item.GetProperty("approved").GetDecimal(), item.GetProperty("spent").GetDecimal(), item.GetProperty("released").GetDecimal(), item.GetProperty("currency").GetString()));
        Assert.Equal((entry.GetProperty("actorUserId").GetString(), PlatformJpName, false, "close"), (item.GetProperty("closedBy").GetString(), item.GetProperty("closedByName").GetString(), item.GetProperty("bySystem").GetBoolean(), item.GetProperty("action").GetString()));
        Assert.Equal(entry.GetProperty("at").GetDateTimeOffset(), item.GetProperty("closedAt").GetDateTimeOffset());
        var totals = settlement.GetProperty("totals");
        Assert.Equal((300_000m, 120_000m, 180_000m), (totals.GetProperty("approved").GetDecimal(), totals.GetProperty("spent").GetDecimal(), totals.GetProperty("released").GetDecimal()));
        Assert.Equal(settlement.GetRawText(), (await users.PlatformCn.GetAsync("/api/budgets/2015/settlement")).GetRawText());
        using (var forbidden = await users.Shanghai.Client.GetAsync(new Uri("/api/budgets/2015/settlement", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        // A second proposal closed with nothing spent releases its whole approval; the totals add up.
        var second = await users.WalkToAsync("fund-execution", approved: 200_000m);
        await users.PlatformCn.ActAsync(second, "close");
        var both = await users.PlatformJp.GetAsync("/api/budgets/2015/settlement");
        Assert.Equal(2, both.GetProperty("items").GetArrayLength());
        Assert.Equal((500_000m, 120_000m, 380_000m), (both.GetProperty("totals").GetProperty("approved").GetDecimal(), both.GetProperty("totals").GetProperty("spent").GetDecimal(), both.GetProperty("totals").GetProperty("released").GetDecimal()));
        Assert.Equal(4_880_000m, (await BudgetAsync(users)).GetProperty("remaining").GetDecimal()); // 5,000,000 − 500,000 + 380,000

        // The budget page shows the table in Japanese, with the totals and the released amount in the position.
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");
        var html = WebUtility.HtmlDecode(await page.GetAsync("/budgets?year=2015"));
        Assert.Contains("<h2>精算</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<th>提案</th><th>都市</th><th>承認額</th><th>執行額</th><th>戻入額</th><th>完了日時</th><th>完了者</th>", html, StringComparison.Ordinal);
        Assert.Contains($"<td><a href=\"/proposals/{id}\">PM2.5 monitoring</a></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>上海市 – 北九州市</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">300,000 JPY</td>\n                    <td class=\"num\">120,000 JPY</td>\n                    <td class=\"num\">180,000 JPY</td>", html.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"<td>{PlatformJpName}</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th colspan=\"2\">合計（円）</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">380,000 JPY</td>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"released\">380,000 JPY</dd>", html, StringComparison.Ordinal);

        // The proposal's timeline says the settlement in Japanese.
        var timeline = WebUtility.HtmlDecode(await page.GetAsync($"/proposals/{id}"));
        Assert.Contains("精算：承認額 300,000円、執行額 120,000円、FY2015 の予算へ 180,000円 を戻入", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_the_fiscal_year_end_the_system_expires_fund_execution_and_settles_it()
    {
        // FY2015 ends 2016-03-31 24:00 in Tokyo.
        var fiscalYearEnd = DateTimeOffset.Parse("2016-03-31T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await JobsHost.StartAsync(fiscalYearEnd.AddDays(-30), smtpPort: null);
        using var city = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.ShanghaiCity);
        using var jp = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformJp);
        using var cn = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.PlatformCn);
        using var ministry = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.MinistryJp);
        var id = await WorkflowApi.WalkToAsync("fund-execution", city, jp, cn, ministry, approved: 400_000m);

        // Paid 2016-03-01 (spent by the year end) and one paid on the last day, 2016-03-31 (also spent): 90,000 + 10,000.
        await RecordExpenseAsync(jp, id, new { budgetLine = "travel and per diem", amount = 90_000, currency = "JPY", paidOn = "2016-03-01", payee = "Kitakyushu Travel" });
        await RecordExpenseAsync(jp, id, new { budgetLine = "venues and events", amount = 10_000, currency = "JPY", paidOn = "2016-03-31", payee = "Wuhan hall" });

        host.Time.SetUtcNow(fiscalYearEnd.AddSeconds(1));
        await host.SweepAsync();

        var (instance, settlement) = await host.WithDbAsync(async db => (
            await db.WorkflowInstances.Include(i => i.Journal).SingleAsync(i => EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == id),
            await db.Settlements.SingleAsync(s => s.ProposalId == id)));
        Assert.Equal("closed", instance.CurrentState);
        var entry = instance.Journal.OrderBy(e => e.Sequence).Last();
        Assert.Equal(("expire", "system"), (entry.Action, entry.ActorUserId));
        Assert.Equal("commitment-released", Assert.Single(entry.Notes).Code);
        Assert.Equal(
            (2015, 400_000m, 100_000m, 300_000m, "expire", "system", true, fiscalYearEnd.AddSeconds(1)),
            (settlement.FiscalYear, settlement.Approved, settlement.Spent, settlement.Released, settlement.Action, settlement.ClosedBy, settlement.BySystem, settlement.ClosedAt));

        using var reader = await WorkflowApi.SignInAsync(host.App, CityCoopFactory.MinistryJp); // a token of this hour
        var item = Assert.Single((await reader.GetAsync("/api/budgets/2015/settlement")).GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(("system", "CityCoop scheduler", true), (item.GetProperty("closedBy").GetString(), item.GetProperty("closedByName").GetString(), item.GetProperty("bySystem").GetBoolean()));
        Assert.Equal(300_000m, (await reader.GetAsync("/api/budgets/2015")).GetProperty("released").GetDecimal());
    }

    private static string? Arg(JsonElement note, string name) => note.GetProperty("arguments").GetProperty(name).GetString();

    private static Task<JsonElement> BudgetAsync(DemoUsers users) => users.MinistryJp.GetAsync("/api/budgets/2015");

    private static async Task RecordExpenseAsync(DemoUsers users, Guid id, object body) => await RecordExpenseAsync(users.PlatformJp, id, body);

    private static async Task RecordExpenseAsync(WorkflowApi platform, Guid id, object body)
    {
        using var response = await platform.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses", body);
        await WorkflowApi.JsonOf(response, HttpStatusCode.Created, "record expense");
    }

    private static async Task SetEnvelopeAsync(DemoUsers users, decimal envelope)
    {
        using var response = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new { envelope, reason = "FY2015 programme budget" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
