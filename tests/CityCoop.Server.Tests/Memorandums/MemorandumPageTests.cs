using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Memorandums;

/// <summary>
/// The memorandum pages on PostgreSQL through the real pages: the list and the detail page in zh, ja and en (state,
/// cities and activity kinds in the reader's language), the plan form (refusals in the reader's language with the form
/// kept as typed, then the plan recorded), and the proposal page's line on its fiscal year's memorandum.
/// </summary>
public sealed partial class MemorandumPageTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    private static readonly string[] Yokkaichi = ["yokkaichi"];

    private static readonly string[] DustMonitoring = ["Dust monitoring"];

    [Fact]
    public async Task ListAndDetail_RenderInZhJaAndEn_WithTheStateCitiesAndKindsInThatLanguage()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.PlatformJp.CreateAsync(2016);
        await users.PlatformJp.ActOnMemorandumAsync(id, "record-plan", new
        {
            plan = new
            {
                pairs = new[] { new { japanese = "kitakyushu", chinese = "shanghai" } },
                activities = new[] { new { kind = "local-seminar", count = 2 } },
                visits = new[] { new { city = "wuhan", month = "2016-07" } },
            },
        });
        await users.PlatformJp.ActOnMemorandumAsync(id, "submit");

        var expected = new[]
        {
            (Culture: "zh-CN", Nav: "备忘录", Title: "FY2016 备忘录", State: "中方平台审核", Japanese: "北九州市", Chinese: "上海市", Kind: "当地研讨会", Visited: "武汉市", Agree: "同意"),
            (Culture: "ja-JP", Nav: "覚書", Title: "FY2016（平成28年度）の覚書", State: "中国側プラットフォームによる確認", Japanese: "北九州市", Chinese: "上海市", Kind: "現地セミナー", Visited: "武漢市", Agree: "同意"),
            (Culture: "en", Nav: "Memorandums", Title: "Memorandum FY2016", State: "Review by the Chinese platform", Japanese: "Kitakyushu", Chinese: "Shanghai", Kind: "Local seminar", Visited: "Wuhan", Agree: "Agree"),
        };
        foreach (var e in expected)
        {
            using var reader = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformCn, e.Culture);
            var list = WebUtility.HtmlDecode(await reader.GetAsync("/memorandums"));
            Assert.Contains($"<a href=\"/memorandums\">{e.Nav}</a>", list, StringComparison.Ordinal);
            var row = RowOf(list, 2016);
            Assert.Contains($"<a href=\"/memorandums/{id}\">{e.Title}</a>", row, StringComparison.Ordinal);
            Assert.Contains($"data-state=\"chinese-review\">{e.State}</span>", row, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"create-memorandum\"", list, StringComparison.Ordinal);

            var page = WebUtility.HtmlDecode(await reader.GetAsync($"/memorandums/{id}"));
            Assert.Contains($"<h1 data-testid=\"memorandum-title\">{e.Title}</h1>", page, StringComparison.Ordinal);
            Assert.Contains($"data-state=\"chinese-review\">{e.State}</strong>", page, StringComparison.Ordinal);
            Assert.Contains($"<tr><td>{e.Japanese}</td><td>{e.Chinese}</td></tr>", page, StringComparison.Ordinal);
            Assert.Contains($"<tr><td>{e.Kind}</td><td class=\"num\">2</td></tr>", page, StringComparison.Ordinal);
            Assert.Contains($"<tr><td>{e.Visited}</td><td>2016-07</td></tr>", page, StringComparison.Ordinal);
            Assert.Contains($"<summary class=\"button\">{e.Agree}</summary>", PageClient.ActionOf(page, "agree"), StringComparison.Ordinal);
            Assert.Contains("data-action=\"return\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("data-action=\"record-plan\"", page, StringComparison.Ordinal);
            Assert.Contains("<pre class=\"mermaid\" data-testid=\"diagram\">", page, StringComparison.Ordinal);
            Assert.Equal(3, TimelineEntries(page));
        }
    }

    [Fact]
    public async Task PlanForm_InJapanese_RefusesInJapaneseKeepingWhatWasTyped_ThenRecordsThePlan()
    {
        using var platform = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        var (created, page) = await platform.PostFormAsync("/memorandums", new() { ["FiscalYear"] = "平成29年度" });
        Assert.Equal(HttpStatusCode.OK, created);
        Assert.Contains("<h1 data-testid=\"memorandum-title\">FY2017（平成29年度）の覚書</h1>", page, StringComparison.Ordinal);
        Assert.Contains("data-state=\"drafting\">年度計画の作成中</strong>", page, StringComparison.Ordinal);
        var path = "/memorandums/" + FormAction().Match(page).Groups[1].Value;

        var (outside, refused) = await platform.PostActionAsync(path, "record-plan", Plan(visitMonth: "2016-07"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside);
        Assert.Equal("天津市 への訪問（2016-07）は 2017 年度（2017-04-01～2018-03-31）の範囲外です。", RefusalOf(refused));
        var form = PageClient.ActionOf(refused, "record-plan");
        Assert.Contains("<option value=\"tianjin\" selected=\"selected\">天津市</option>", form, StringComparison.Ordinal);
        Assert.Contains("value=\"2016-07\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"count-local-seminar\" type=\"text\" inputmode=\"numeric\" size=\"5\" value=\"２\"", form, StringComparison.Ordinal);
        Assert.Contains(">VOC の共同研究</textarea>", form, StringComparison.Ordinal);

        var halfPair = Plan(visitMonth: "2017-07").Where(f => f.Key != "pairChinese").Append(KeyValuePair.Create("pairChinese", string.Empty));
        var (missing, refusedPair) = await platform.PostActionAsync(path, "record-plan", halfPair);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Equal("ペアの中国側の都市を入力してください。", RefusalOf(refusedPair));

        var (recorded, done) = await platform.PostActionAsync(path, "record-plan", Plan(visitMonth: "2017-07"));
        Assert.Equal(HttpStatusCode.OK, recorded);
        Assert.Contains("data-testid=\"notice\">「計画を記録」を実行しました。</div>", done, StringComparison.Ordinal);
        Assert.Contains("<tr><td>北九州市</td><td>上海市</td></tr>", done, StringComparison.Ordinal);
        Assert.Contains("<tr><td>現地セミナー</td><td class=\"num\">2</td></tr>", done, StringComparison.Ordinal);
        Assert.Contains("<tr><td>天津市</td><td>2017-07</td></tr>", done, StringComparison.Ordinal);
        Assert.Contains("<p class=\"prewrap\" data-testid=\"summary\">VOC の共同研究</p>", done, StringComparison.Ordinal);

        var (again, twice) = await platform.PostFormAsync("/memorandums", new() { ["FiscalYear"] = "2017" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again);
        Assert.Contains("data-testid=\"refused\" id=\"create-error\">FY2017 の覚書はすでにあります。</div>", twice, StringComparison.Ordinal);
        Assert.Contains("value=\"2017\"", twice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposalPage_ShowsItsYearsMemorandum_AndWhetherItsPairIsInThePlan()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var memorandum = await users.PlatformJp.CreateAsync(2015);
        await users.PlatformJp.ActOnMemorandumAsync(memorandum, "record-plan", new
        {
            plan = new { pairs = new[] { new { japanese = "kitakyushu", chinese = "shanghai" } }, activities = new[] { new { kind = "training-visit", count = 3 } } },
        });
        var inPlan = await users.WalkToAsync("platform-matching");
        var notInPlan = await users.Shanghai.CreateAsync("VOC control");
        await users.Shanghai.ActAsync(notInPlan, "submit");
        await users.PlatformJp.ActAsync(notInPlan, "set-partner", new { cityCodes = Yokkaichi });
        using var response = await users.Shanghai.Client.PostAsJsonAsync("/api/proposals", new
        {
            title = "Dust control",
            strand = "government-staff",
            cooperationKind = "new",
            wishedItems = DustMonitoring,
            fiscalYear = 2019,
            requestedAmount = new { amount = 1_000_000m, currency = "JPY" },
        });
        var noMemorandum = (await WorkflowApi.JsonOf(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var english = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "en");
        var covered = MemorandumLineOf(await english.GetAsync($"/proposals/{inPlan}"));
        Assert.Contains($"<a href=\"/memorandums/{memorandum}\" data-testid=\"memorandum-link\">Memorandum FY2015</a>", covered, StringComparison.Ordinal);
        Assert.Contains("data-state=\"drafting\">Drafting the plan</span>", covered, StringComparison.Ordinal);
        Assert.Contains("<li data-covered=\"true\">Kitakyushu – Shanghai: in the FY2015 plan</li>", covered, StringComparison.Ordinal);
        Assert.Contains("<li data-covered=\"false\">Yokkaichi – Shanghai: not in the plan</li>", MemorandumLineOf(await english.GetAsync($"/proposals/{notInPlan}")), StringComparison.Ordinal);
        Assert.Contains("<span data-testid=\"memorandum-none\">No memorandum for FY2019</span>", MemorandumLineOf(await english.GetAsync($"/proposals/{noMemorandum}")), StringComparison.Ordinal);

        using var japanese = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        var ja = MemorandumLineOf(await japanese.GetAsync($"/proposals/{inPlan}"));
        Assert.Contains("data-state=\"drafting\">年度計画の作成中</span>", ja, StringComparison.Ordinal);
        Assert.Contains("<li data-covered=\"true\">北九州市 – 上海市: FY2015（平成27年度）の計画に含まれています</li>", ja, StringComparison.Ordinal);
        Assert.Contains("<span data-testid=\"memorandum-none\">FY2019（令和元年度）の覚書はありません</span>", MemorandumLineOf(await japanese.GetAsync($"/proposals/{noMemorandum}")), StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> Plan(string visitMonth) =>
    [
        KeyValuePair.Create("pairJapanese", "kitakyushu"),
        KeyValuePair.Create("pairChinese", "shanghai"),
        KeyValuePair.Create("pairJapanese", string.Empty),
        KeyValuePair.Create("pairChinese", string.Empty),
        KeyValuePair.Create("count-local-seminar", "２"),
        KeyValuePair.Create("count-training-visit", string.Empty),
        KeyValuePair.Create("visitCity", "tianjin"),
        KeyValuePair.Create("visitMonth", visitMonth),
        KeyValuePair.Create("summary", "VOC の共同研究"),
    ];

    private static string RowOf(string html, int fiscalYear)
    {
        var start = html.IndexOf($"data-fiscal-year=\"{fiscalYear}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for FY{fiscalYear}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string MemorandumLineOf(string html)
    {
        var decoded = WebUtility.HtmlDecode(html);
        var start = decoded.IndexOf("<dd data-testid=\"memorandum\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "no memorandum line on the proposal page");
        return decoded[start..decoded.IndexOf("</dd>", start, StringComparison.Ordinal)];
    }

    private static int TimelineEntries(string html)
    {
        var start = html.IndexOf("data-testid=\"timeline\"", StringComparison.Ordinal);
        var end = html.IndexOf("</ol>", start, StringComparison.Ordinal);
        return Regex.Count(html[start..end], "<li>");
    }

    private static string RefusalOf(string html)
    {
        var start = html.IndexOf("data-testid=\"refused\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no refusal on the page");
        var detail = html.IndexOf("<br />", start, StringComparison.Ordinal) + "<br />".Length;
        return html[detail..html.IndexOf("</div>", detail, StringComparison.Ordinal)];
    }

    [GeneratedRegex("action=\"/memorandums/([0-9a-f-]{36})\\?handler=Act\"")]
    private static partial Regex FormAction();
}
