using System.Net;
using System.Net.Http.Json;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Reports;

/// <summary>
/// One fresh PostgreSQL database on <see cref="WorkflowClock"/> (Monday 2015-06-01 09:00 Tokyo, FY2015) with FY2015's
/// money recorded through the API, worked by hand in <see cref="FundsReportTests"/>:
/// envelope 10,000,000 JPY with lines "travel and per diem" 4,000,000 and "interpretation and translation" 1,000,000;
/// proposal A (Shanghai ↔ Kitakyushu) approved 2,500,000 with a training visit 2015-05-11 costing 300,000, a local
/// seminar 2015-09-10 costing 200,000, and expenses 200,000 travel paid 2015-05-20, 50,000 "venues and events" paid
/// 2015-05-30, 80,000 travel to be paid 2015-07-15; proposal B (Shanghai ↔ Kobe) approved 1,500,000 with a model
/// project from 2015-04-20 costing 500,000, joint research from 2015-07-01 costing 100,000, and expenses 1,234.56 CNY at
/// 20.5 (25,308 JPY) "Interpretation and translation" paid 2015-05-25 and 30,000 planned without a date.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes class fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class FundsReportFixture : IAsyncLifetime
{
    private CityCoopFactory? factory;

    /// <summary>The started factory.</summary>
    public CityCoopFactory Factory => factory ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("funds_report")) { Time = WorkflowClock.New() };
        using var users = await DemoUsers.SignInAsync(factory);
        using (var set = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new
        {
            envelope = 10_000_000,
            reason = "FY2015 budget",
            lines = new[] { new { name = "travel and per diem", amount = 4_000_000 }, new { name = "interpretation and translation", amount = 1_000_000 } },
        }))
        {
            await WorkflowApi.JsonOf(set, HttpStatusCode.OK, "set the FY2015 budget");
        }

        var a = await users.WalkToAsync("fund-execution", approved: 2_500_000m);
        await users.PlatformJp.ActAsync(a, "record-activity", new { activity = WorkflowApi.TrainingVisit(300_000m, "2015-05-11", "2015-05-15") });
        await users.PlatformJp.ActAsync(a, "record-activity", new { activity = new { kind = "local-seminar", startDate = "2015-09-10", endDate = "2015-09-11", chineseCity = "shanghai", japaneseCities = new[] { "kitakyushu" }, topic = "VOC control", participants = 40, cost = 200_000m } });
        await ExpenseAsync(users.PlatformJp, a, new { budgetLine = "travel and per diem", amount = 200_000, currency = "JPY", paidOn = "2015-05-20", payee = "Kitakyushu Travel" });
        await ExpenseAsync(users.PlatformJp, a, new { budgetLine = "venues and events", amount = 50_000, currency = "JPY", paidOn = "2015-05-30", payee = "Shanghai hall" });
        await ExpenseAsync(users.PlatformJp, a, new { budgetLine = "travel and per diem", amount = 80_000, currency = "JPY", paidOn = "2015-07-15", payee = "Kitakyushu Travel" });

        var b = await users.Shanghai.CreateAsync("Water quality model project");
        await users.Shanghai.ActAsync(b, "submit");
        await users.PlatformJp.ActAsync(b, "set-partner", new { cityCodes = new[] { "kobe" } });
        await users.PlatformJp.ActAsync(b, "record-matches", new { items = new[] { new { wished = "PM2.5 source apportionment", offered = "Kobe monitoring" } } });
        await users.PlatformJp.ActAsync(b, "match");
        await users.PlatformCn.ActAsync(b, "match");
        await users.MinistryJp.ActAsync(b, "approve", new { amount = 1_500_000m });
        await users.PlatformJp.ActAsync(b, "record-activity", new { activity = new { kind = "model-project", startDate = "2015-04-20", endDate = "2015-05-31", title = "Wastewater treatment demonstration", site = "Minhang plant", enterprises = "Kobe Environmental Co.", cost = 500_000m } });
        await users.PlatformJp.ActAsync(b, "record-activity", new { activity = new { kind = "joint-research", startDate = "2015-07-01", endDate = "2015-12-31", topic = "Lake eutrophication", institutions = "Kobe University; Fudan University", cost = 100_000m } });
        await ExpenseAsync(users.PlatformCn, b, new { budgetLine = "Interpretation and translation", amount = 1234.56m, currency = "CNY", rate = 20.5m, paidOn = "2015-05-25", payee = "上海翻译社" });
        await ExpenseAsync(users.PlatformJp, b, new { budgetLine = "other direct costs", amount = 30_000, currency = "JPY", payee = "Courier" });
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    private static async Task ExpenseAsync(WorkflowApi who, Guid id, object body)
    {
        using var response = await who.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses", body);
        await WorkflowApi.JsonOf(response, HttpStatusCode.Created, "record expense");
    }
}
