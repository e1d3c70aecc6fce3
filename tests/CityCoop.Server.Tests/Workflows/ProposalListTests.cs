using System.Net.Http.Json;
using System.Text.Json;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// The proposal list (<c>GET /api/proposals</c>) on PostgreSQL: its total counts every match whether or not a state filter
/// makes it join the workflow instances (without a state filter the total counts proposals alone), pages hold at most
/// <c>pageSize</c> rows, and city staff see only their own city's and their partner proposals. Each test tags its
/// proposals' titles and filters on the tag (<c>q</c>), so the fixture's other proposals do not count.
/// </summary>
public sealed class ProposalListTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task List_CountsEveryMatch_WithAndWithoutStateAndYearFilters()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var tag = "list-" + Guid.NewGuid().ToString("N")[..8];
        var draft = await users.Shanghai.CreateAsync($"{tag} stays a draft");
        var submitted = await users.Shanghai.CreateAsync($"{tag} is submitted");
        await users.Shanghai.ActAsync(submitted, "submit");
        var another = await users.Shanghai.CreateAsync($"{tag} another draft");

        var firstPage = await users.PlatformJp.GetAsync($"/api/proposals?q={tag}&pageSize=2");
        Assert.Equal(3, firstPage.GetProperty("total").GetInt32());
        Assert.Equal(2, firstPage.GetProperty("items").GetArrayLength());
        var secondPage = await users.PlatformJp.GetAsync($"/api/proposals?q={tag}&pageSize=2&page=2");
        Assert.Equal(3, secondPage.GetProperty("total").GetInt32());
        Assert.Equal(2, secondPage.GetProperty("page").GetInt32());
        Assert.Single(secondPage.GetProperty("items").EnumerateArray());

        var all = await users.PlatformJp.GetAsync($"/api/proposals?q={tag}");
        Assert.Equal(
            new Dictionary<Guid, string> { [draft] = "draft", [submitted] = "platform-matching", [another] = "draft" },
            States(all));

        var matching = await users.PlatformJp.GetAsync($"/api/proposals?q={tag}&state=platform-matching");
        Assert.Equal(1, matching.GetProperty("total").GetInt32());
        Assert.Equal(new Dictionary<Guid, string> { [submitted] = "platform-matching" }, States(matching));

        var drafts = await users.PlatformJp.GetAsync($"/api/proposals?q={tag}&state=draft&fiscalYear=2015");
        Assert.Equal(2, drafts.GetProperty("total").GetInt32());
        Assert.Equal(new Dictionary<Guid, string> { [draft] = "draft", [another] = "draft" }, States(drafts));

        // The year as the pages and the pipeline take it: FY2015, 平成27年度, full-width digits.
        foreach (var typed in new[] { "FY2015", "平成27年度", "２０１５年度" })
        {
            var same = await users.PlatformJp.GetAsync($"/api/proposals?q={tag}&state=draft&fiscalYear={Uri.EscapeDataString(typed)}");
            Assert.Equal(new Dictionary<Guid, string> { [draft] = "draft", [another] = "draft" }, States(same));
        }

        var otherYear = await users.PlatformJp.GetAsync($"/api/proposals?q={tag}&fiscalYear=2016");
        Assert.Equal(0, otherYear.GetProperty("total").GetInt32());
        Assert.Empty(otherYear.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_new_proposal_takes_its_fiscal_year_spelled_as_the_list_filter_takes_it()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var tag = "spelt-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var typed in new[] { "FY2015", "平成27年度", "２０１５年度", "2015" })
        {
            var body = new Dictionary<string, object?>
            {
                ["title"] = $"{tag} {typed}",
                ["strand"] = "government-staff",
                ["cooperationKind"] = "new",
                ["wishedItems"] = new[] { "VOC control" },
                ["fiscalYear"] = typed,
                ["requestedAmount"] = new { amount = 1_000_000m, currency = "JPY" },
            };
            using var response = await users.Shanghai.Client.PostAsJsonAsync("/api/proposals", body);
            var created = await WorkflowApi.JsonOf(response, System.Net.HttpStatusCode.Created);
            Assert.Equal(2015, created.GetProperty("fiscalYear").GetInt32());
        }

        Assert.Equal(4, (await users.Shanghai.GetAsync($"/api/proposals?q={tag}&fiscalYear=2015")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_ForAnotherCity_CountsOnlyWhatItMaySee()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var tag = "list-" + Guid.NewGuid().ToString("N")[..8];
        await users.Shanghai.CreateAsync($"{tag} Shanghai's own");

        Assert.Equal(1, (await users.Shanghai.GetAsync($"/api/proposals?q={tag}")).GetProperty("total").GetInt32());
        var kitakyushu = await users.Kitakyushu.GetAsync($"/api/proposals?q={tag}");
        Assert.Equal(0, kitakyushu.GetProperty("total").GetInt32());
        Assert.Empty(kitakyushu.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task List_OfACity_CountsItsOwnAndItsPartnerProposals_AndMatchesItsRows()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var tag = "list-" + Guid.NewGuid().ToString("N")[..8];
        var partnered = await users.Shanghai.CreateAsync($"{tag} with Kitakyushu");
        await users.Shanghai.ActAsync(partnered, "submit");
        await users.PlatformJp.ActAsync(partnered, "set-partner", WorkflowApi.PartnerKitakyushu);
        var own = await users.Shanghai.CreateAsync($"{tag} Shanghai alone");

        // Shanghai proposed both; Kitakyushu is the partner of one. The total is counted in two parts (proposed, partnered),
        // the rows in one query: both must agree, for a city's own list and for the city filter, alone or together.
        await AssertListAsync(users.Shanghai, $"/api/proposals?q={tag}", partnered, own);
        await AssertListAsync(users.Kitakyushu, $"/api/proposals?q={tag}", partnered);
        await AssertListAsync(users.PlatformJp, $"/api/proposals?q={tag}&city=kitakyushu", partnered);
        await AssertListAsync(users.PlatformJp, $"/api/proposals?q={tag}&city=shanghai", partnered, own);
        await AssertListAsync(users.Shanghai, $"/api/proposals?q={tag}&city=kitakyushu", partnered);
        await AssertListAsync(users.Kitakyushu, $"/api/proposals?q={tag}&city=shanghai", partnered);
        await AssertListAsync(users.PlatformJp, $"/api/proposals?q={tag}&city=tianjin");
        await AssertListAsync(users.Kitakyushu, $"/api/proposals?q={tag}&state=platform-matching", partnered);
    }

    private static async Task AssertListAsync(WorkflowApi user, string path, params Guid[] expected)
    {
        var page = await user.GetAsync(path);
        Assert.Equal(expected.Length, page.GetProperty("total").GetInt32());
        Assert.Equal(expected.Order(), page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).Order());
    }

    private static Dictionary<Guid, string> States(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetGuid(), p => p.GetProperty("state").GetString()!);
}
