using System.Net;
using System.Net.Http.Json;
using System.Text;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Input;

/// <summary>
/// What people type on the pages, on PostgreSQL with the server's clock in FY2026: full-width numbers read as the API
/// reads them, fiscal years as 令和8年度 / R8 / 2026 wherever one is asked and FY2026（令和8年度）wherever one is shown to a
/// Japanese reader, attachment names without paths or direction overrides, and an upload over the server's absolute
/// limit answered with the form and the 20 MB message.
/// </summary>
public sealed class PageInputTests(SeededPostgresFixture fixture) : IClassFixture<SeededPostgresFixture>
{
    private static readonly string[] VocControl = ["VOC control"];

    [Fact]
    public async Task FullWidthNumbers_OnTheDraftFormAndThroughTheApi_AreReadTheSameWay()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");

        var (status, html) = await city.PostFormAsync("/proposals/new", Draft("全角の申請額", amount: "１，０００，０００", fiscalYear: "２０２６"));
        using var api = await users.Shanghai.Client.PostAsJsonAsync("/api/proposals", new
        {
            title = "API, full-width",
            strand = "government-staff",
            cooperationKind = "new",
            wishedItems = VocControl,
            fiscalYear = "２０２６",
            requestedAmount = new { amount = "１，０００，０００", currency = "JPY" },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("data-testid=\"form-errors\"", html, StringComparison.Ordinal);
        var page = await ProposalTitledAsync(users.Shanghai, "全角の申請額");
        var created = await WorkflowApi.JsonOf(api, HttpStatusCode.Created);
        foreach (var proposal in new[] { page, created })
        {
            Assert.Equal(1_000_000m, proposal.GetProperty("requestedAmount").GetProperty("amount").GetDecimal());
            Assert.Equal(2026, proposal.GetProperty("fiscalYear").GetInt32());
        }
    }

    [Fact]
    public async Task FullWidthAmount_OnTheApproveFormAndThroughTheApi_IsTheSameNumber()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var onPage = await users.WalkToAsync("ministry-approval");
        var throughApi = await users.WalkToAsync("ministry-approval");
        using var ministry = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");

        var (status, _) = await ministry.PostActionAsync(onPage, "approve", new Dictionary<string, string> { ["amount"] = "２，５００，０００" });
        var approved = await users.MinistryJp.ActAsync(throughApi, "approve", new { amount = "２，５００，０００" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("fund-execution", approved.GetProperty("state").GetString());
        foreach (var id in new[] { onPage, throughApi })
        {
            var (proposal, _) = await users.MinistryJp.GetProposalAsync(id);
            Assert.Equal(2_500_000m, proposal.GetProperty("approvedAmount").GetProperty("amount").GetDecimal());
        }
    }

    [Theory]
    [InlineData("令和8年度")]
    [InlineData("R8")]
    [InlineData("Ｒ８")]
    [InlineData("令和８")]
    [InlineData("FY2026")]
    [InlineData("2026")]
    public async Task DraftForm_FiscalYearWrittenTheJapaneseWay_IsSavedAsFy2026(string typed)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        var title = "年度 " + typed;

        var (status, html) = await city.PostFormAsync("/proposals/new", Draft(title, fiscalYear: typed));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("data-testid=\"form-errors\"", html, StringComparison.Ordinal);
        Assert.Equal(2026, (await ProposalTitledAsync(users.Shanghai, title)).GetProperty("fiscalYear").GetInt32());
    }

    [Theory]
    [InlineData("平成38年度", "「平成38年度」は年度として読めません。2026、令和8年度、R8 のように入力してください。")]
    [InlineData("平成27年度", "年度は今年度の FY2026（令和8年度） から FY2031（令和13年度） までで指定してください。")]
    public async Task DraftForm_NoSuchOrPastFiscalYear_IsRefusedInJapaneseAndNothingIsSaved(string typed, string message)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        var before = (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32();

        var (_, html) = await city.PostFormAsync("/proposals/new", Draft("Refused year", fiscalYear: typed));

        Assert.Contains($"<span class=\"field-error\">{message}</span>", html, StringComparison.Ordinal);
        Assert.Equal(before, (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("Form.Strand", "1", "「1」は選択肢にありません。表示された選択肢から選んでください。")]
    [InlineData("Form.Level", "Bogus", "「Bogus」は選択肢にありません。表示された選択肢から選んでください。")]
    [InlineData("Form.Currency", "USD", "「USD」は選択肢にありません。表示された選択肢から選んでください。")]
    public async Task DraftForm_AChoiceByNumberOrUnknownName_IsRefusedOnItsFieldInJapanese_AndNothingIsSaved(string field, string value, string message)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        var before = (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32();
        var form = Draft("Refused choice " + field);
        form[field] = value;

        var (_, html) = await city.PostFormAsync("/proposals/new", form);

        Assert.Contains(message, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(before, (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task JapanesePages_ShowEveryFiscalYearWithItsEraName_OthersWithout()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.Shanghai.CreateAsync("Era names");
        using var ja = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        using var en = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "en");
        using var jaPlatform = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");

        var details = WebUtility.HtmlDecode(await ja.GetAsync($"/proposals/{id}"));
        var list = WebUtility.HtmlDecode(await ja.GetAsync("/proposals?fy=H27"));
        var inbox = WebUtility.HtmlDecode(await ja.GetAsync("/"));
        var report = WebUtility.HtmlDecode(await jaPlatform.GetAsync("/reports?year=H26"));
        var english = WebUtility.HtmlDecode(await en.GetAsync($"/proposals/{id}"));

        Assert.Contains("<dd>FY2015（平成27年度）</dd>", details, StringComparison.Ordinal);
        Assert.Contains("<td>FY2015（平成27年度）</td>", list, StringComparison.Ordinal);
        Assert.Contains($"/proposals/{id}", list, StringComparison.Ordinal);
        Assert.Contains("<td>FY2015（平成27年度）</td>", inbox, StringComparison.Ordinal);
        Assert.Contains(">FY2015（平成27年度）</option>", inbox, StringComparison.Ordinal);
        Assert.Contains("<h1>年度報告 FY2014（平成26年度）</h1>", report, StringComparison.Ordinal);
        Assert.Contains(">FY2026（令和8年度）</option>", report, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"year-problem\"", report, StringComparison.Ordinal);
        Assert.Contains("<dd>FY2015</dd>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposalList_ControlCharacterOrNoFiscalYearInTheFilter_SaysSoInTheReadersLanguage()
    {
        using var ja = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");

        var nul = WebUtility.HtmlDecode(await ja.GetAsync("/proposals?q=PM%00"));
        var year = WebUtility.HtmlDecode(await ja.GetAsync("/proposals?fy=%E5%B9%B3%E6%88%9038"));

        Assert.Contains("<div class=\"alert error\" role=\"alert\" data-testid=\"filter-error\">キーワード：3 文字目に使用できない制御文字（U+0000）があります。</div>", nul, StringComparison.Ordinal);
        Assert.Contains("<div class=\"alert error\" role=\"alert\" data-testid=\"filter-error\">「平成38」は年度として読めません。2026、令和8年度、R8 のように入力してください。</div>", year, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftForm_AttachmentNames_LoseTheirPath_AndADirectionOverrideIsRefused()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        var before = (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32();

        var (_, refused) = await city.PostMultipartAsync("/proposals/new", Draft("Override"), ("Files", "invoice\u202Efdp.pdf", Pdf()));
        var (_, saved) = await city.PostMultipartAsync("/proposals/new", Draft("Windows path"), ("Files", "C:\\Users\\wang\\计划.pdf", Pdf()));

        Assert.Contains("<p data-testid=\"file-error\">「invoice\uFFFDfdp.pdf」はファイル名に制御文字または文字方向の制御文字が含まれるため受け付けられません。名前を変更してください。何も保存されていません。</p>", refused, StringComparison.Ordinal);
        Assert.Equal(before + 1, (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32());
        Assert.Contains(">计划.pdf</a>", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("Users", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftForm_UploadOverTheServersLimit_GetsTheFormWithThe20MbMessage_AndNothingIsSaved()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        var before = (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32();

        var (status, html) = await city.PostMultipartAsync(
            "/proposals/new",
            Draft("Too large"),
            ("Files", "plan.pdf", new LargeFileContent(Encoding.ASCII.GetBytes("%PDF-1.4\n"), AttachmentStore.MaxRequestBytes + (1024 * 1024))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<p data-testid=\"file-error\">「plan.pdf」は 20 MB を超えるため受け付けられません。何も保存されていません。</p>", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" enctype=\"multipart/form-data\"", html, StringComparison.Ordinal);
        Assert.Equal(before, (await users.Shanghai.GetAsync("/api/proposals?pageSize=200")).GetProperty("total").GetInt32());
    }

    private static Dictionary<string, string> Draft(string title, string amount = "1000000", string fiscalYear = "2026") => new()
    {
        ["Form.Title"] = title,
        ["Form.Strand"] = "GovernmentStaff",
        ["Form.Kind"] = "New",
        ["Form.Wished"] = "VOC control",
        ["Form.FiscalYear"] = fiscalYear,
        ["Form.Amount"] = amount,
        ["Form.Currency"] = "JPY",
    };

    private static ByteArrayContent Pdf() => new(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"));

    private static async Task<System.Text.Json.JsonElement> ProposalTitledAsync(WorkflowApi api, string title)
    {
        var list = await api.GetAsync("/api/proposals?pageSize=200&q=" + Uri.EscapeDataString(title));
        var id = Assert.Single(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("title").GetString() == title).GetProperty("id").GetGuid();
        return (await api.GetProposalAsync(id)).Proposal;
    }
}
