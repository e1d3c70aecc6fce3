using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Server.Pages.Proposals;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Localization;

/// <summary>
/// The proposal page's action forms for zh and ja readers, on PostgreSQL through the real pages: input errors in the
/// reader's language with the form's field labels, the numeric and length rules of the domain, what the user typed
/// kept after a refusal, and the notice after an action.
/// </summary>
public sealed class ProposalFormTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    private static readonly string[] Kitakyushu = ["kitakyushu"];

    private static readonly Dictionary<string, string> EndBeforeStart = new()
    {
        ["startDate"] = "2015-06-10",
        ["endDate"] = "2015-06-01",
        ["chineseCity"] = "shanghai",
        ["level"] = "division-chief",
        ["counterpartsZh"] = "上海市生态环境局",
        ["counterpartsEn"] = "Shanghai Bureau of Ecology and Environment",
        ["decided"] = "true",
    };

    [Fact]
    public async Task InputErrors_OnThePageInJapanese_AreJapaneseAndNameTheFormsLabels()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var matching = await users.WalkToAsync("platform-matching");
        var approval = await users.WalkToAsync("ministry-approval");
        var execution = await users.WalkToAsync("fund-execution");
        using var platform = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        using var ministry = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");

        var html = new List<string>
        {
            await platform.ActAsync(matching, "record-consultation", new(EndBeforeStart) { ["japaneseCities"] = "kitakyushu" }),
            await platform.ActAsync(matching, "record-consultation", new() { ["startDate"] = "2015/06/10", ["japaneseCities"] = "kitakyushu" }),
            await ministry.ActAsync(approval, "approve", new() { ["amount"] = "abc" }),
            await ministry.ActAsync(approval, "approve", new() { ["amount"] = "" }),
            await ministry.ActAsync(approval, "approve", new() { ["amount"] = "-5" }),
            await ministry.ActAsync(approval, "reject", new() { ["comment"] = " " }),
            await platform.ActAsync(execution, "record-activity", Visit(trainees: "")),
            await platform.ActAsync(execution, "record-activity", Visit(trainees: "5", cost: "两百万")),
            await platform.ActAsync(execution, "record-activity", Visit(trainees: "2.5")),
            await platform.ActAsync(execution, "record-activity", new() { ["kind"] = "joint-research", ["startDate"] = "2015-07-01", ["endDate"] = "2015-07-01", ["topic"] = "" }),
            await platform.ActAsync(execution, "record-activity", new() { ["kind"] = "balloon-race", ["startDate"] = "2015-07-01", ["endDate"] = "2015-07-01" }),
        };

        Assert.Equal(
            [
                "終了日 2015-06-01 が開始日 2015-06-10 より前です。",
                "開始日：日付（yyyy-mm-dd）を入力してください。",
                "承認額：「abc」は数値ではありません。",
                "承認額を入力してください。",
                "金額にマイナスは指定できません。",
                "コメントを入力してください。",
                "研修員数を入力してください。",
                "費用（直接経費）：「两百万」は数値ではありません。",
                "研修員数：「2.5」は整数ではありません。",
                "テーマを入力してください。",
                "活動の種類：「balloon-race」は選択肢にありません。一覧から選んでください。",
            ],
            html.Select(RefusalOf));
        Assert.All(html, h => Assert.DoesNotContain("Input '", h, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InputErrors_OnThePageInChinese_AreChinese()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var matching = await users.WalkToAsync("platform-matching");
        var execution = await users.WalkToAsync("fund-execution");
        using var platform = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformCn, "zh-CN");

        var html = new List<string>
        {
            await platform.ActAsync(matching, "record-consultation", new(EndBeforeStart) { ["japaneseCities"] = "kitakyushu" }),
            await platform.ActAsync(matching, "record-consultation", new(EndBeforeStart) { ["endDate"] = "2015-06-11" }),
            await platform.ActAsync(execution, "record-activity", Visit(trainees: "5", cost: "两百万")),
            await platform.ActAsync(execution, "record-activity", Visit(trainees: "")),
            await platform.ActAsync(execution, "record-activity", Visit(trainees: "0")),
            await platform.ActAsync(execution, "record-activity", new() { ["kind"] = "local-seminar", ["startDate"] = "2015-07-01", ["endDate"] = "2015-07-01", ["chineseCity"] = "shanghai", ["topic"] = "VOC", ["participants"] = "-1" }),
            await platform.ActAsync(execution, "record-activity", new() { ["kind"] = "model-project", ["startDate"] = "2015-07-01", ["endDate"] = "2015-07-01" }),
        };

        Assert.Equal(
            [
                "结束日期 2015-06-01 早于开始日期 2015-06-10。",
                "日方城市：请至少选择一个城市。",
                "费用（直接经费）：“两百万”不是数字。",
                "请填写研修人数。",
                "研修人数至少为 1（现为 0）。",
                "参加人数至少为 0（现为 -1）。",
                "请填写项目名称。",
            ],
            html.Select(RefusalOf));
    }

    [Fact]
    public async Task TrainingVisitWithZeroTrainees_IsRefusedOnThePageAndThroughTheApi_AndNothingIsSaved()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution");
        using var platform = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");

        var html = await platform.ActAsync(id, "record-activity", Visit(trainees: "0", cost: "100000"));
        using var response = await users.PlatformJp.PostActionAsync(id, "record-activity", new
        {
            activity = new { kind = "training-visit", startDate = "2015-07-01", endDate = "2015-07-05", sendingCity = "shanghai", receivingCities = Kitakyushu, traineeCategory = "TechnicalStaff", trainees = 0, cost = 100_000m },
        });

        Assert.Equal("研修員数は 1 以上にしてください（現在 0）。", RefusalOf(html));
        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("number-min", problem.GetProperty("code").GetString());
        Assert.Equal("trainees", problem.GetProperty("field").GetString());
        Assert.Equal("Input 'trainees' is invalid: trainees must be at least 1; it is 0.", problem.GetProperty("detail").GetString());
        Assert.Empty(await users.PlatformJp.ActivitiesAsync(id));
        var (proposal, _) = await users.PlatformJp.GetProposalAsync(id);
        Assert.Equal(0m, proposal.GetProperty("spentAmount").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task TooLongTexts_ThroughTheApi_Are400NamingTheFieldAndSaveNothing()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");
        var before = (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32();
        var journal = (await users.MinistryJp.JournalAsync(id)).Count;

        var problems = new List<JsonElement>
        {
            await Refused(users.Shanghai.Client.PostAsJsonAsync("/api/proposals", Draft(title: new string('长', 250)))),
            await Refused(users.Shanghai.Client.PostAsJsonAsync("/api/proposals", Draft(description: new string('x', 200_000)))),
            await Refused(users.Shanghai.Client.PostAsJsonAsync("/api/proposals", Draft(wished: [.. Enumerable.Range(1, 51).Select(i => $"item {i}")]))),
            await Refused(users.Shanghai.Client.PostAsJsonAsync("/api/proposals", Draft(wished: ["VOC control", new string('y', 501)]))),
            await Refused(users.MinistryJp.PostActionAsync(id, "reject", new { comment = new string('z', 100_000) })),
        };

        Assert.Equal(
            [
                ("title", "text-too-long", "250", "200"),
                ("description", "text-too-long", "200000", "8000"),
                ("wishedItems", "too-many-items", "51", "50"),
                ("wishedItems", "item-too-long", "501", "500"),
                ("comment", "text-too-long", "100000", "4000"),
            ],
            problems.Select(p =>
            {
                var arguments = p.GetProperty("arguments");
                var actual = arguments.TryGetProperty("length", out var length) ? length.GetString() : arguments.GetProperty("count").GetString();
                return (p.GetProperty("field").GetString(), p.GetProperty("code").GetString(), actual, arguments.GetProperty("max").GetString());
            }));
        Assert.Equal("title is 250 characters long; at most 200 are allowed.", problems[0].GetProperty("detail").GetString());
        Assert.Equal(before, (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32());
        Assert.Equal(journal, (await users.MinistryJp.JournalAsync(id)).Count);
    }

    [Fact]
    public async Task TooLongTexts_OnThePages_SayTheLimitAndTheLengthInTheReadersLanguage()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        using var ministry = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "zh-CN");

        var (status, draft) = await city.PostFormAsync("/proposals/new", new()
        {
            ["Form.Title"] = new string('題', 250),
            ["Form.Strand"] = "GovernmentStaff",
            ["Form.Kind"] = "New",
            ["Form.Wished"] = "VOC control",
            ["Form.FiscalYear"] = "2015",
            ["Form.Amount"] = "1000000",
            ["Form.Currency"] = "JPY",
        });
        var reject = await ministry.ActAsync(id, "reject", new() { ["comment"] = new string('备', 4001) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<span id=\"title-err\" class=\"field-error\">件名が 250 文字あります。200 文字以内にしてください。</span>", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("件名を入力してください。", draft, StringComparison.Ordinal);
        Assert.Contains("maxlength=\"200\"", draft, StringComparison.Ordinal);
        Assert.Contains("maxlength=\"8000\"", draft, StringComparison.Ordinal);
        Assert.Equal("备注长度为 4001 个字符，最多允许 4000 个字符。", RefusalOf(reject));
        Assert.Contains("maxlength=\"4000\"", PageClient.ActionOf(reject, "reject"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftEditForm_CarriesTheETagItWasRenderedWith_APostWithoutIt_SavesNothingAndSaysWhy()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.Shanghai.CreateAsync("Saved by a colleague");
        var (_, etag) = await users.Shanghai.GetProposalAsync(id);
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = "Overwritten unseen",
            ["Form.Strand"] = "GovernmentStaff",
            ["Form.Kind"] = "New",
            ["Form.Wished"] = "VOC control",
            ["Form.FiscalYear"] = "2015",
            ["Form.Amount"] = "1000000",
            ["Form.Currency"] = "JPY",
        };

        var form = await city.GetAsync($"/proposals/edit/{id}");
        Assert.Contains($"<input type=\"hidden\" name=\"ETag\" value=\"{WebUtility.HtmlEncode(etag)}\" />", form, StringComparison.Ordinal);
        var (status, html) = await city.PostFormAsync($"/proposals/edit/{id}", new(fields));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("このフォームには編集中の下書きの版が含まれていないため、保存していません", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Overwritten unseen\"", html, StringComparison.Ordinal);
        Assert.Equal(("Saved by a colleague", etag), ((await users.Shanghai.GetProposalAsync(id)).Proposal.GetProperty("title").GetString(), (await users.Shanghai.GetProposalAsync(id)).ETag));

        // With the version the form was rendered with, the same post saves.
        var (saved, _) = await city.PostFormAsync($"/proposals/edit/{id}", new(fields) { ["ETag"] = etag });
        Assert.Equal(HttpStatusCode.OK, saved);
        Assert.Equal("Overwritten unseen", (await users.Shanghai.GetProposalAsync(id)).Proposal.GetProperty("title").GetString());
    }

    [Fact]
    public async Task DraftEditForm_AfterAColleagueSavedMeanwhile_ShowsTheSavedVersion_SoSavingAgainLosesNothing()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.Shanghai.CreateAsync("First title");
        var (_, etag) = await users.Shanghai.GetProposalAsync(id);
        using var first = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "zh-CN");
        using var second = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "zh-CN");
        Dictionary<string, string> Fields(string title) => new()
        {
            ["Form.Title"] = title,
            ["Form.Strand"] = "GovernmentStaff",
            ["Form.Kind"] = "New",
            ["Form.Wished"] = "VOC control",
            ["Form.FiscalYear"] = "2015",
            ["Form.Amount"] = "1000000",
            ["Form.Currency"] = "JPY",
            ["ETag"] = etag,
        };

        var (saved, _) = await first.PostFormAsync($"/proposals/edit/{id}", Fields("Saved by the first"));
        var (status, html) = await second.PostFormAsync($"/proposals/edit/{id}", Fields("Typed by the second"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (saved, status));
        Assert.Contains("您打开此页面后，该提案已被更改，本次操作未执行。下面是最新状态，请确认后重试。", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Saved by the first\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Typed by the second\"", html, StringComparison.Ordinal);
        var (current, currentETag) = await users.Shanghai.GetProposalAsync(id);
        Assert.Equal("Saved by the first", current.GetProperty("title").GetString());
        Assert.Contains($"name=\"ETag\" value=\"{currentETag}\"", html, StringComparison.Ordinal); // the page text comes decoded
    }

    [Fact]
    public async Task DraftForm_PastFiscalYear_IsRefusedNamingTheYearsAllowed_AndNothingIsSaved()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var before = (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32();
        var current = CityCoop.Domain.FiscalYears.FiscalYear.Of(fixture.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow()).Year;
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");

        var (status, html) = await city.PostFormAsync("/proposals/new", new()
        {
            ["Form.Title"] = "Past year",
            ["Form.Strand"] = "GovernmentStaff",
            ["Form.Kind"] = "New",
            ["Form.Wished"] = "VOC control",
            ["Form.FiscalYear"] = (current - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Amount"] = "1000000",
            ["Form.Currency"] = "JPY",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("年度は今年度の FY2015（平成27年度） から FY2020（令和2年度） までで指定してください。", html, StringComparison.Ordinal);
        Assert.Equal(2015, current);
        Assert.Equal(before, (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task RefusedConsultation_RendersTheFormOpenWithEverythingAsTyped()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("platform-matching");
        using var platform = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");

        var (status, html) = await platform.PostActionAsync(id, "record-consultation", [
            .. EndBeforeStart,
            KeyValuePair.Create("japaneseCities", "kitakyushu"),
            KeyValuePair.Create("japaneseCities", "kobe"),
            KeyValuePair.Create("comment", "事前協議のメモ"),
        ]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var form = PageClient.ActionOf(html, "record-consultation");
        Assert.StartsWith("<details class=\"action\" data-action=\"record-consultation\" open=\"open\">", form, StringComparison.Ordinal);
        Assert.Contains("終了日 2015-06-01 が開始日 2015-06-10 より前です。", form, StringComparison.Ordinal);
        Assert.Contains("name=\"startDate\" type=\"date\" class=\"start\" required value=\"2015-06-10\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"endDate\" type=\"date\" class=\"end\" required value=\"2015-06-01\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"上海市生态环境局\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"Shanghai Bureau of Ecology and Environment\"", form, StringComparison.Ordinal);
        Assert.Contains("<option value=\"division-chief\" selected=\"selected\">", form, StringComparison.Ordinal);
        Assert.Contains("name=\"japaneseCities\" value=\"kobe\" checked=\"checked\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"japaneseCities\" value=\"kitakyushu\" checked=\"checked\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"decided\" value=\"true\" checked=\"checked\"", form, StringComparison.Ordinal);
        Assert.Contains(">事前協議のメモ</textarea>", form, StringComparison.Ordinal);

        // Only the refused form is open; the others start closed as on any visit.
        Assert.StartsWith("<details class=\"action\" data-action=\"set-partner\">", PageClient.ActionOf(html, "set-partner"), StringComparison.Ordinal);
        Assert.Single(html.Split("data-testid=\"refused\"").Skip(1));
    }

    [Fact]
    public async Task RefusedActivityAndApproval_KeepAmountsAndCities()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var approval = await users.WalkToAsync("ministry-approval");
        var execution = await users.WalkToAsync("fund-execution");
        using var ministry = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");
        using var platform = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");

        var fresh = PageClient.ActionOf(await ministry.GetAsync($"/proposals/{approval}"), "approve");
        var approve = PageClient.ActionOf(await ministry.ActAsync(approval, "approve", new() { ["amount"] = "3000001", ["comment"] = "上限超過" }), "approve");
        var (_, activityPage) = await platform.PostActionAsync(execution, "record-activity", [
            .. Visit(trainees: "0", cost: "1200000"),
            KeyValuePair.Create("otherHosts", "kobe"),
        ]);
        var activity = PageClient.ActionOf(activityPage, "record-activity");

        Assert.Contains("name=\"amount\" type=\"number\" min=\"1\" step=\"1\" inputmode=\"numeric\" value=\"3000000\"", fresh, StringComparison.Ordinal);
        Assert.Contains("value=\"3000001\"", approve, StringComparison.Ordinal);
        Assert.Contains(">上限超過</textarea>", approve, StringComparison.Ordinal);
        Assert.Contains("<option value=\"training-visit\" selected=\"selected\">", activity, StringComparison.Ordinal);
        Assert.Contains("name=\"trainees\" type=\"number\" min=\"1\" step=\"1\" inputmode=\"numeric\" value=\"0\"", activity, StringComparison.Ordinal);
        Assert.Contains("name=\"cost\" type=\"number\" min=\"0\" step=\"1\" inputmode=\"numeric\" value=\"1200000\"", activity, StringComparison.Ordinal);
        Assert.Contains("name=\"startDate\" type=\"date\" class=\"start\" required value=\"2015-07-01\"", activity, StringComparison.Ordinal);
        Assert.Contains("<option value=\"TechnicalStaff\" selected=\"selected\">", activity, StringComparison.Ordinal);
        Assert.Contains("name=\"otherHosts\" value=\"kobe\" checked=\"checked\"", activity, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja-JP", "「完了」を実行しました。")]
    [InlineData("zh-CN", "已执行“结束”。")]
    [InlineData("en", "Done: Close.")]
    public async Task Close_OnThePage_RedirectsAndSaysWhichActionWasDone(string language, string notice)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution");
        using var platform = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, language);

        var (status, html) = await platform.PostActionAsync(id, "close", new Dictionary<string, string> { ["comment"] = "done" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<div class=\"alert ok\" role=\"status\" data-testid=\"notice\">{notice}</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemsSection_ListsWishedAndOfferedApart_AndOnlyRecordedMatchesAsMatched()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var draft = await users.WalkToAsync("draft");
        var matched = await users.WalkToAsync("platform-matching");
        using var zh = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformCn, "zh-CN");
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");

        var before = await city.GetAsync($"/proposals/{draft}");
        var after = WebUtility.HtmlDecode(await zh.GetAsync($"/proposals/{matched}"));

        Assert.Contains("<h3>希望項目</h3>", before, StringComparison.Ordinal);
        Assert.Contains("<h3>提供可能項目</h3>", before, StringComparison.Ordinal);
        Assert.Contains("<p class=\"muted\" data-testid=\"no-matches\">マッチング済みの項目はまだありません。</p>", before, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"matches\"", before, StringComparison.Ordinal);
        Assert.Contains("<h3>希望项目</h3>", after, StringComparison.Ordinal);
        Assert.Contains("<h3>可提供项目</h3>", after, StringComparison.Ordinal);
        Assert.Contains("<tr><td>PM2.5 source apportionment</td><td>Kitakyushu air monitoring know-how</td></tr>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>VOC control</td>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsultationRow_InJapanese_ShowsTheChineseCounterpartName_AndTheDetailsColumnHasAHeader()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("platform-matching");
        await users.PlatformJp.ActAsync(id, "record-consultation", new
        {
            consultation = new { startDate = "2015-06-10", endDate = "2015-06-10", japaneseCities = Kitakyushu, chineseCity = "shanghai", level = "bureau-chief", counterpartsZh = "上海市生态环境局", counterpartsEn = "Shanghai Bureau of Ecology and Environment" },
        });
        using var ja = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        using var en = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "en");

        var jaHtml = WebUtility.HtmlDecode(await ja.GetAsync($"/proposals/{id}"));
        var enHtml = WebUtility.HtmlDecode(await en.GetAsync($"/proposals/{id}"));

        Assert.Contains("北九州市 – 上海市; 局長級; 上海市生态环境局", jaHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Shanghai Bureau of Ecology and Environment", jaHtml, StringComparison.Ordinal);
        Assert.Contains("<th>日数</th><th>詳細</th><th>費用（直接経費）</th>", jaHtml, StringComparison.Ordinal);
        Assert.Contains("Bureau-chief level; Shanghai Bureau of Ecology and Environment", enHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(512L, "512 B")]
    [InlineData(1023L, "1023 B")]
    [InlineData(1229L, "1.2 KB")]
    [InlineData(20_480L, "20 KB")]
    [InlineData(3_670_016L, "3.5 MB")]
    [InlineData(20L * 1024 * 1024, "20 MB")]
    public void AttachmentSize_ReadsAsBytesKilobytesOrMegabytes(long bytes, string expected) =>
        Assert.Equal(expected, DetailsModel.Size(bytes));

    private static Dictionary<string, string> Visit(string trainees, string cost = "") => new()
    {
        ["kind"] = "training-visit",
        ["startDate"] = "2015-07-01",
        ["endDate"] = "2015-07-05",
        ["sendingCity"] = "shanghai",
        ["mainHost"] = "kitakyushu",
        ["traineeCategory"] = "TechnicalStaff",
        ["trainees"] = trainees,
        ["cost"] = cost,
    };

    private static object Draft(string title = "Length limits", string description = "", string[]? wished = null) => new
    {
        title,
        description,
        strand = "government-staff",
        level = "local",
        cooperationKind = "new",
        wishedItems = wished ?? ["VOC control"],
        fiscalYear = 2015,
        requestedAmount = new { amount = 1_000_000m, currency = "JPY" },
    };

    private static async Task<JsonElement> Refused(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest);
    }

    // The refusal box's detail: the text after its localized heading.
    private static string RefusalOf(string html)
    {
        var start = html.IndexOf("data-testid=\"refused\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no refusal on the page");
        var detail = html.IndexOf("<br />", start, StringComparison.Ordinal) + "<br />".Length;
        return html[detail..html.IndexOf("</div>", detail, StringComparison.Ordinal)];
    }
}
