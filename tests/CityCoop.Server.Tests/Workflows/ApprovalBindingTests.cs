using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// Platform approvals bind to what was approved, through the HTTP API and the pages on PostgreSQL: a change of partner
/// after one platform approved withdraws that approval, so the proposal never reaches the ministry "2 of 2" for a
/// pairing one platform never saw; and the cooperation kind must fit the pairing, correctable during matching.
/// </summary>
public sealed class ApprovalBindingTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    private const string JapaneseReviewer = "佐藤 花子（日本側プラットフォーム）";

    private static readonly string[] Wished = ["PM2.5 source apportionment"];
    private static readonly string[] Offered = ["Air monitoring know-how"];
    private static readonly object PartnerYokkaichi = new { cityCodes = new[] { "yokkaichi" } };
    private static readonly object PartnerKawasaki = new { cityCodes = new[] { "kawasaki" }, comment = "Kawasaki fits the VOC work better." };

    private static readonly object YokkaichiMatch = new { items = new[] { new { wished = "PM2.5 source apportionment", offered = "Yokkaichi air monitoring know-how" } } };

    [Fact]
    public async Task Match_AfterTheChinesePlatformChangedThePartnerFromYokkaichiToKawasaki_WaitsForJapanToApproveTheNewPairing()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.Shanghai.CreateAsync("PM2.5 source apportionment – Shanghai");
        await users.Shanghai.ActAsync(id, "submit");
        await users.PlatformJp.ActAsync(id, "set-partner", PartnerYokkaichi);
        await users.PlatformJp.ActAsync(id, "record-matches", YokkaichiMatch);
        var japan = await users.PlatformJp.ActAsync(id, "match");
        Assert.Equal("approval-recorded", japan.GetProperty("outcome").GetString());

        var changed = await users.PlatformCn.ActAsync(id, "set-partner", PartnerKawasaki);
        var china = await users.PlatformCn.ActAsync(id, "match");

        // Before approvals bound to their content, this was "transitioned" to ministry-approval, "2 of 2".
        Assert.Equal("platform-matching", china.GetProperty("state").GetString());
        Assert.Equal("approval-recorded", china.GetProperty("outcome").GetString());
        Assert.Equal(1, china.GetProperty("approvalsMissing").GetInt32());
        Assert.Equal("recorded", changed.GetProperty("outcome").GetString());
        var entry = changed.GetProperty("entry");
        Assert.Equal(
            $"partner changed from yokkaichi to kawasaki; kawasaki–shanghai: new pairing (no friendship relation); approval of {JapaneseReviewer} withdrawn",
            entry.GetProperty("details").GetString());
        Assert.Equal(["partner-changed", "pairing-new", "approval-withdrawn"], entry.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        var (proposal, _) = await users.PlatformCn.GetProposalAsync(id);
        Assert.Equal("platform-matching", proposal.GetProperty("state").GetString());
        Assert.Equal(["platform:cn"], proposal.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("organizationCode").GetString()));
        Assert.DoesNotContain(await users.MinistryJp.TasksAsync(), t => t.GetProperty("proposalId").GetGuid() == id);

        // The Japanese reviewer reads why in their language, and may approve the pairing as it is now.
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        var html = await page.GetAsync($"/proposals/{id}");
        Assert.Contains($"相手都市を四日市市から川崎市に変更；川崎市–上海市：新規ペア（友好都市関係なし）；{JapaneseReviewer} の承認を取り消し", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("match", (await users.PlatformJp.GetAsync($"/api/proposals/{id}/actions")).EnumerateArray().Select(a => a.GetProperty("name").GetString()));

        var again = await users.PlatformJp.ActAsync(id, "match");
        Assert.Equal("transitioned", again.GetProperty("outcome").GetString());
        Assert.Equal("ministry-approval", again.GetProperty("state").GetString());
        Assert.Contains("2 of 2", again.GetProperty("entry").GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_StrengthenedCooperationOfAPairWithNoTieAndNoEarlierCooperation_Returns409NamingThePair()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await ReadyToMatchAsync(users, "strengthened", "yokkaichi");

        using var response = await users.PlatformJp.PostActionAsync(id, "match");

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.Conflict);
        Assert.Equal("kind-needs-existing-cooperation", problem.GetProperty("code").GetString());
        Assert.Equal("kind-fits-pairing", problem.GetProperty("guard").GetString());
        Assert.Equal("yokkaichi–shanghai", problem.GetProperty("arguments").GetProperty("pairs").GetString());
        Assert.Equal("Strengthened", problem.GetProperty("arguments").GetProperty("cooperationKind").GetString());
        Assert.StartsWith("yokkaichi–shanghai has no friendship relation and no earlier cooperation in CityCoop, so it cannot be strengthened cooperation", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await users.PlatformJp.GetProposalAsync(id)).Proposal.GetProperty("approvals").GetArrayLength());

        using var ja = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        Assert.Contains("四日市市–上海市 には友好都市関係も CityCoop での協力実績もないため、「既存協力の強化」にはできません。", await ja.ActAsync(id, "match", new()), StringComparison.Ordinal);
        using var zh = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformCn, "zh-CN");
        Assert.Contains("四日市市–上海市既无友好城市关系，也未曾在 CityCoop 中开展过协作，因此不能作为“加强现有协作”", await zh.ActAsync(id, "match", new()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Match_ContinuingCooperation_IsAllowedForAPairWithAnImportedFy2014ActivityAndRefusedForOneWithout()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);

        // Neither pair has a friendship relation; Kitakyushu and Shanghai consulted in FY2014 (consultations no. 1 and 8),
        // Kobe and Shanghai never did.
        var withHistory = await ReadyToMatchAsync(users, "continuing", "kitakyushu");
        var without = await ReadyToMatchAsync(users, "continuing", "kobe");

        Assert.Equal("approval-recorded", (await users.PlatformJp.ActAsync(withHistory, "match")).GetProperty("outcome").GetString());
        using var refused = await users.PlatformJp.PostActionAsync(without, "match");
        Assert.Equal("kobe–shanghai", (await WorkflowApi.JsonOf(refused, HttpStatusCode.Conflict)).GetProperty("arguments").GetProperty("pairs").GetString());
    }

    [Fact]
    public async Task Match_StrengthenedCooperationOfAPair_IsAllowedOnceAnEarlierProposalOfThePairReachedFundExecution()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var later = await ReadyToMatchAsync(users, "strengthened", "tangshan", city: users.Kitakyushu);
        using (var refused = await users.PlatformJp.PostActionAsync(later, "match"))
        {
            Assert.Equal("kitakyushu–tangshan", (await WorkflowApi.JsonOf(refused, HttpStatusCode.Conflict)).GetProperty("arguments").GetProperty("pairs").GetString());
        }

        var earlier = await ReadyToMatchAsync(users, "new", "tangshan", city: users.Kitakyushu);
        await users.PlatformJp.ActAsync(earlier, "match");
        await users.PlatformCn.ActAsync(earlier, "match");
        await users.MinistryJp.ActAsync(earlier, "approve", new { amount = 1_000_000m });

        Assert.Equal("approval-recorded", (await users.PlatformJp.ActAsync(later, "match")).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task SetCooperationKind_DuringMatching_JournalsOldAndNewKindWithdrawsTheApprovalAndLetsTheMatchPass()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await ReadyToMatchAsync(users, "new", "yokkaichi");
        await users.PlatformJp.ActAsync(id, "match");

        var corrected = await users.PlatformCn.ActAsync(id, "set-cooperation-kind", new { cooperationKind = "continuing", comment = "The cities fund this themselves." });

        var entry = corrected.GetProperty("entry");
        Assert.Equal($"cooperation kind changed from new to continuing; approval of {JapaneseReviewer} withdrawn", entry.GetProperty("details").GetString());
        var note = entry.GetProperty("notes")[0];
        Assert.Equal("cooperation-kind-changed", note.GetProperty("code").GetString());
        Assert.Equal(("New", "Continuing"), (note.GetProperty("arguments").GetProperty("fromKind").GetString(), note.GetProperty("arguments").GetProperty("toKind").GetString()));
        Assert.Equal("continuing", (await users.PlatformCn.GetProposalAsync(id)).Proposal.GetProperty("cooperationKind").GetString());

        // Continuing cooperation does not fit a pair with nothing to continue; the platform corrects it back on the page.
        using (var refused = await users.PlatformJp.PostActionAsync(id, "match"))
        {
            Assert.Equal("kind-needs-existing-cooperation", (await WorkflowApi.JsonOf(refused, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        using var zh = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformCn, "zh-CN");
        var form = PageClient.ActionOf(await zh.GetAsync($"/proposals/{id}"), "set-cooperation-kind");
        Assert.Contains("<option value=\"continuing\" selected=\"selected\">", form, StringComparison.Ordinal);
        var (status, html) = await zh.PostActionAsync(id, "set-cooperation-kind", new Dictionary<string, string> { ["cooperationKind"] = "new" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("协作类别由“持续现有协作”改为“新协作”", html, StringComparison.Ordinal);
        Assert.Equal("new", (await users.PlatformCn.GetProposalAsync(id)).Proposal.GetProperty("cooperationKind").GetString());

        Assert.Equal("approval-recorded", (await users.PlatformJp.ActAsync(id, "match")).GetProperty("outcome").GetString());
        Assert.Equal("ministry-approval", (await users.PlatformCn.ActAsync(id, "match")).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("renewed", HttpStatusCode.BadRequest, "unknown-choice")]
    [InlineData("new", HttpStatusCode.BadRequest, "cooperation-kind-unchanged")]
    [InlineData("STRENGTHENED", HttpStatusCode.BadRequest, "unknown-choice")]
    [InlineData(" continuing ", HttpStatusCode.BadRequest, "unknown-choice")]
    [InlineData("New", HttpStatusCode.BadRequest, "unknown-choice")]
    public async Task SetCooperationKind_ToAnUnknownOrTheSameKind_IsRefusedNamingTheFieldAndChangesNothing(string kind, HttpStatusCode status, string code)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("platform-matching");
        var (_, etag) = await users.PlatformCn.GetProposalAsync(id);

        using var response = await users.PlatformCn.PostActionAsync(id, "set-cooperation-kind", new { cooperationKind = kind });

        var problem = await WorkflowApi.JsonOf(response, status);
        Assert.Equal((code, "cooperationKind"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Equal(etag, (await users.PlatformCn.GetProposalAsync(id)).ETag);
    }

    // A proposal of the city (Shanghai unless given) of that kind, submitted, with the partner set and one item matched.
    private static async Task<Guid> ReadyToMatchAsync(DemoUsers users, string kind, string partner, WorkflowApi? city = null)
    {
        city ??= users.Shanghai;
        using var created = await city.Client.PostAsJsonAsync("/api/proposals", new
        {
            title = $"{kind} cooperation with {partner}",
            strand = "government-staff",
            level = "local",
            cooperationKind = kind,
            wishedItems = Wished,
            offeredItems = Offered,
            fiscalYear = 2015,
            requestedAmount = new { amount = WorkflowApi.RequestedAmount, currency = "JPY" },
        });
        var id = (await WorkflowApi.JsonOf(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await city.ActAsync(id, "submit");
        await users.PlatformCn.ActAsync(id, "set-partner", new { cityCodes = new[] { partner } });
        await users.PlatformCn.ActAsync(id, "record-matches", new { items = new[] { new { wished = "PM2.5 source apportionment", offered = "Air monitoring know-how" } } });
        return id;
    }
}
