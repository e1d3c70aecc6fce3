using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Budgets;

/// <summary>
/// <c>GET/PUT /api/budgets/{fiscalYear}</c> on PostgreSQL: the envelope set and changed by the Japanese ministry only,
/// committed and spent from real approvals and costs, the journal, and every refusal writing nothing. Each test uses
/// its own fiscal year, as the class shares one database.
/// </summary>
public sealed class BudgetApiTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task A_year_without_an_envelope_reads_as_not_set_with_zero_envelope()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var response = await users.PlatformCn.Client.GetAsync("/api/budgets/2019");
        var json = await WorkflowApi.JsonOf(response, HttpStatusCode.OK);
        Assert.Equal(2019, json.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("JPY", json.GetProperty("currency").GetString());
        Assert.False(json.GetProperty("set").GetBoolean());
        Assert.Equal(0m, json.GetProperty("envelope").GetDecimal());
        Assert.Equal(0m, json.GetProperty("committed").GetDecimal());
        Assert.Equal(0m, json.GetProperty("remaining").GetDecimal());
        Assert.Empty(json.GetProperty("lines").EnumerateArray());
        Assert.Empty(json.GetProperty("changes").EnumerateArray());
        Assert.Equal("\"budget-2019-r0\"", WorkflowApi.ETagOf(response));
    }

    [Fact]
    public async Task A_change_without_lines_keeps_the_current_lines_and_journals_them_on_both_sides()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using (var set = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2018", new { envelope = 5_000_000, reason = "first", lines = new[] { new { name = "travel and per diem", amount = 2_000_000 } } }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using var lowered = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2018", new { envelope = 4_000_000, reason = "supplementary cut" });
        var json = await WorkflowApi.JsonOf(lowered, HttpStatusCode.OK);
        Assert.Equal(4_000_000m, json.GetProperty("envelope").GetDecimal());
        var line = Assert.Single(json.GetProperty("lines").EnumerateArray());
        Assert.Equal(("travel and per diem", 2_000_000m), (line.GetProperty("name").GetString(), line.GetProperty("amount").GetDecimal()));
        var change = json.GetProperty("changes").EnumerateArray().Last();
        Assert.Equal("supplementary cut", change.GetProperty("reason").GetString());
        Assert.Single(change.GetProperty("oldLines").EnumerateArray());
        Assert.Single(change.GetProperty("newLines").EnumerateArray());
    }

    [Fact]
    public async Task Only_the_Japanese_ministry_sets_it_and_cities_do_not_read_it()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var body = new { envelope = 1_000_000, reason = "try" };
        foreach (var who in new[] { users.PlatformJp, users.PlatformCn, users.MinistryCn, users.Shanghai })
        {
            using var response = await who.Client.PutAsJsonAsync("/api/budgets/2020", body);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using (var refused = await users.MinistryCn.Client.PutAsJsonAsync("/api/budgets/2020", body))
        {
            var problem = await WorkflowApi.JsonOf(refused, HttpStatusCode.Forbidden);
            Assert.Equal("not-japanese-ministry", problem.GetProperty("code").GetString());
        }

        using (var city = await users.Kitakyushu.Client.GetAsync("/api/budgets/2020"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, city.StatusCode);
        }

        var after = await users.MinistryJp.GetAsync("/api/budgets/2020");
        Assert.False(after.GetProperty("set").GetBoolean());
        Assert.Empty(after.GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task Committed_and_spent_come_from_the_years_approvals_and_the_envelope_never_goes_below_committed()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);

        // FY2015 (the fixture's proposals): 2,500,000 + 1,200,000 approved; 400,000 spent on the first. Other tests of
        // the class approve FY2015 proposals too (one after another, never in parallel), so the figures are counted from here.
        var before = await users.MinistryJp.GetAsync("/api/budgets/2015");
        var first = await users.WalkToAsync("fund-execution", approved: 2_500_000m);
        await users.WalkToAsync("fund-execution", approved: 1_200_000m);
        await users.WalkToAsync("ministry-approval");
        await users.PlatformJp.ActAsync(first, "record-activity", new { activity = WorkflowApi.TrainingVisit(400_000m) });

        using (var set = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new
        {
            envelope = 50_000_000,
            lines = new[] { new { name = "travel and per diem", amount = 20_000_000 }, new { name = "interpretation and translation", amount = 5_000_000 } },
        }))
        {
            var json = await WorkflowApi.JsonOf(set, HttpStatusCode.OK);
            Assert.True(json.GetProperty("set").GetBoolean());
            Assert.Equal(50_000_000m, json.GetProperty("envelope").GetDecimal());
            Assert.Equal(50_000_000m - json.GetProperty("committed").GetDecimal(), json.GetProperty("remaining").GetDecimal());
            Assert.Equal(0m, json.GetProperty("released").GetDecimal());
            Assert.Equal(["travel and per diem:20000000", "interpretation and translation:5000000"], Lines(json));
            var change = Assert.Single(json.GetProperty("changes").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, change.GetProperty("oldEnvelope").ValueKind);
            Assert.Equal(50_000_000m, change.GetProperty("newEnvelope").GetDecimal());
            Assert.False(string.IsNullOrEmpty(change.GetProperty("byName").GetString()));
            Assert.Equal("\"budget-2015-r1\"", WorkflowApi.ETagOf(set));
        }

        var position = await users.MinistryJp.GetAsync("/api/budgets/2015");
        var committed = position.GetProperty("committed").GetDecimal();
        var spent = position.GetProperty("spent").GetDecimal();
        Assert.Equal(before.GetProperty("committed").GetDecimal() + 3_700_000m, committed);
        // The activity's 400,000 is a planned cost: only paid expenses count as spent.
        Assert.Equal(before.GetProperty("spent").GetDecimal(), spent);

        // Below committed: 409 with both amounts; nothing written.
        using (var below = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new { envelope = committed - 1, reason = "cut", lines = Array.Empty<object>() }))
        {
            var problem = await WorkflowApi.JsonOf(below, HttpStatusCode.Conflict);
            Assert.Equal("below-committed", problem.GetProperty("code").GetString());
            Assert.Equal(Plain(committed), problem.GetProperty("arguments").GetProperty("committed").GetString());
            Assert.Equal(Plain(committed - 1), problem.GetProperty("arguments").GetProperty("envelope").GetString());
        }

        // A change needs a reason; lines kept from before may not exceed the new envelope.
        using (var noReason = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new { envelope = 40_000_000 }))
        {
            Assert.Equal("budget-reason-required", (await WorkflowApi.JsonOf(noReason, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        }

        using (var overLines = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new { envelope = 24_000_000, reason = "supplementary cut" }))
        {
            var problem = await WorkflowApi.JsonOf(overLines, HttpStatusCode.BadRequest);
            Assert.Equal("budget-lines-over-envelope", problem.GetProperty("code").GetString());
            Assert.Equal("25000000", problem.GetProperty("arguments").GetProperty("lines").GetString());
        }

        var unchanged = await users.MinistryJp.GetAsync("/api/budgets/2015");
        Assert.Equal(50_000_000m, unchanged.GetProperty("envelope").GetDecimal());
        Assert.Single(unchanged.GetProperty("changes").EnumerateArray());

        // Lowered to what is committed while the lines stay (25,000,000): they no longer fit.
        using (var kept = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new { envelope = committed, reason = "Supplementary budget cut" }))
        {
            var json = await WorkflowApi.JsonOf(kept, HttpStatusCode.BadRequest);
            Assert.Equal("budget-lines-over-envelope", json.GetProperty("code").GetString());
        }

        // Lowered with new lines: journaled with the old and new envelope and lines.
        using (var lowered = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2015", new
        {
            envelope = 30_000_000,
            reason = "Supplementary budget cut",
            lines = new[] { new { name = "travel and per diem", amount = 12_000_000 } },
        }))
        {
            var json = await WorkflowApi.JsonOf(lowered, HttpStatusCode.OK);
            Assert.Equal(30_000_000m, json.GetProperty("envelope").GetDecimal());
            Assert.Equal(30_000_000m - committed, json.GetProperty("remaining").GetDecimal());
            Assert.Equal(spent, json.GetProperty("spent").GetDecimal());
            Assert.Equal(["travel and per diem:12000000"], Lines(json));
            var changes = json.GetProperty("changes").EnumerateArray().ToList();
            Assert.Equal(2, changes.Count);
            Assert.Equal(50_000_000m, changes[1].GetProperty("oldEnvelope").GetDecimal());
            Assert.Equal(30_000_000m, changes[1].GetProperty("newEnvelope").GetDecimal());
            Assert.Equal("Supplementary budget cut", changes[1].GetProperty("reason").GetString());
            Assert.Equal(2, changes[1].GetProperty("oldLines").GetArrayLength());
            Assert.Equal(1, changes[1].GetProperty("newLines").GetArrayLength());
        }
    }

    [Fact]
    public async Task Committed_counts_exactly_the_approved_amounts_of_the_year()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var before = (await users.MinistryJp.GetAsync("/api/budgets/2015")).GetProperty("committed").GetDecimal();
        var beforeSpent = (await users.MinistryJp.GetAsync("/api/budgets/2015")).GetProperty("spent").GetDecimal();
        var id = await users.WalkToAsync("fund-execution", approved: 700_000m);
        await users.WalkToAsync("ministry-approval");
        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(250_000m) });
        var after = await users.MinistryJp.GetAsync("/api/budgets/2015");

        // Tests of one class run one after another, so nothing else approved meanwhile.
        Assert.Equal(before + 700_000m, after.GetProperty("committed").GetDecimal());
        Assert.Equal(beforeSpent, after.GetProperty("spent").GetDecimal()); // the activity's 250,000 is planned, not spent
    }

    [Theory]
    [InlineData("{\"envelope\": -1, \"reason\": \"x\"}", "envelope", "amount-negative")]
    [InlineData("{\"envelope\": 1000.5}", "envelope", "too-many-decimals")]
    [InlineData("{\"reason\": \"x\"}", "envelope", "input-required")]
    [InlineData("{\"envelope\": 1000, \"lines\": [{\"name\": \"venues\", \"amount\": 10}, {\"name\": \"Venues\", \"amount\": 10}]}", "lines", "budget-line-twice")]
    [InlineData("{\"envelope\": 1000, \"lines\": [{\"name\": \" \", \"amount\": 10}]}", "lines", "budget-line-name-required")]
    [InlineData("{\"envelope\": 1000, \"lines\": [{\"name\": \"venues\"}]}", "lines[0].amount", "input-required")]
    [InlineData("{\"envelope\": 1000, \"lines\": [{\"name\": \"venues\", \"amount\": 1001}]}", "lines", "budget-lines-over-envelope")]
    [InlineData("{\"envelope\": \"ten\"}", "envelope", "not-a-number")]
    public async Task Bad_input_is_a_400_naming_the_field_and_writes_nothing(string body, string field, string code)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await users.MinistryJp.Client.PutAsync("/api/budgets/2021", content);
        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        var after = await users.MinistryJp.GetAsync("/api/budgets/2021");
        Assert.False(after.GetProperty("set").GetBoolean());
    }

    [Fact]
    public async Task A_year_outside_the_programme_is_refused()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var get = await users.MinistryJp.Client.GetAsync("/api/budgets/2013");
        Assert.Equal("number-out-of-range", (await WorkflowApi.JsonOf(get, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        using var put = await users.MinistryJp.Client.PutAsJsonAsync("/api/budgets/2013", new { envelope = 1 });
        Assert.Equal("number-out-of-range", (await WorkflowApi.JsonOf(put, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Ten_concurrent_first_settings_with_the_same_If_Match_save_exactly_one()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var clients = Enumerable.Range(0, 10).Select(_ => users.MinistryJp.NewClient()).ToList();
        try
        {
            var answers = await Task.WhenAll(clients.Select((c, i) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, "/api/budgets/2022") { Content = JsonContent.Create(new { envelope = 1_000_000 + i, reason = "first" }) };
                request.Headers.TryAddWithoutValidation("If-Match", "\"budget-2022-r0\"");
                return c.SendAsync(request);
            }));
            Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
            Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.PreconditionFailed));
            var after = await users.MinistryJp.GetAsync("/api/budgets/2022");
            Assert.Single(after.GetProperty("changes").EnumerateArray());
            foreach (var a in answers)
            {
                a.Dispose();
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static List<string> Lines(JsonElement budget) =>
        [.. budget.GetProperty("lines").EnumerateArray().Select(l => $"{l.GetProperty("name").GetString()}:{l.GetProperty("amount").GetDecimal():0}")];

    private static string Plain(decimal d) => d.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture);
}
