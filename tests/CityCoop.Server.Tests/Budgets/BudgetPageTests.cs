using System.Net;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Budgets;

/// <summary>The budget page (<c>/budgets</c>) in the reader's language: read by ministry and platform staff, set by the Japanese ministry only.</summary>
public sealed class BudgetPageTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task The_Japanese_ministry_sets_and_changes_the_envelope_in_Japanese_and_refusals_say_why()
    {
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");
        var empty = await page.GetAsync("/budgets?year=2023");
        Assert.Contains("事業予算 FY2023（令和5年度）", empty, StringComparison.Ordinal);
        Assert.Contains("この年度の予算総額は、環境省がまだ設定していません。", empty, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"budget-form\"", empty, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-budgets\"", empty, StringComparison.Ordinal);

        // Full-width digits and commas, as a Japanese input method gives them.
        var (status, saved) = await page.PostFormAsync("/budgets?year=2023", new Dictionary<string, string>
        {
            ["envelope"] = "５０，０００，０００",
            ["reason"] = string.Empty,
            ["lineName"] = "旅費・日当",
            ["lineAmount"] = "20000000",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("予算を保存しました。", saved, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"envelope\">50,000,000 JPY</dd>", saved, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"remaining\">50,000,000 JPY</dd>", saved, StringComparison.Ordinal);
        Assert.Contains("<td>旅費・日当</td><td class=\"num\">20,000,000 JPY</td>", saved, StringComparison.Ordinal);
        Assert.Contains("初回設定 → 50,000,000 JPY", saved, StringComparison.Ordinal);

        var (noReason, refused) = await page.PostFormAsync("/budgets?year=2023", new Dictionary<string, string> { ["envelope"] = "30000000", ["lineName"] = "旅費・日当", ["lineAmount"] = "20000000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason);
        Assert.Contains("予算を変更する理由を入力してください。", refused, StringComparison.Ordinal);

        // A refusal names the field by its label (it said "envelope").
        var (words, refusedWords) = await page.PostFormAsync("/budgets?year=2023", new Dictionary<string, string> { ["envelope"] = "abc", ["reason"] = "補正予算", ["lineName"] = "旅費・日当", ["lineAmount"] = "20000000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, words);
        Assert.Contains("予算総額：「abc」は数値ではありません。", refusedWords, StringComparison.Ordinal);

        var (overLines, refusedLines) = await page.PostFormAsync("/budgets?year=2023", new Dictionary<string, string> { ["envelope"] = "10000000", ["reason"] = "補正予算による減額", ["lineName"] = "旅費・日当", ["lineAmount"] = "20000000" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, overLines);
        Assert.Contains("費目の合計 20,000,000円が、予算総額 10,000,000円を超えています。", refusedLines, StringComparison.Ordinal);

        var (changed, after) = await page.PostFormAsync("/budgets?year=2023", new Dictionary<string, string> { ["envelope"] = "40000000", ["reason"] = "補正予算による減額", ["lineName"] = "旅費・日当", ["lineAmount"] = "20000000" });
        Assert.Equal(HttpStatusCode.OK, changed);
        Assert.Contains("<dd data-testid=\"envelope\">40,000,000 JPY</dd>", after, StringComparison.Ordinal);
        Assert.Contains("50,000,000 JPY → 40,000,000 JPY", after, StringComparison.Ordinal);
        Assert.Contains("<td>補正予算による減額</td>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Platform_staff_read_it_in_Chinese_without_the_form_and_cities_do_not_see_it()
    {
        using var platform = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformCn, "zh-CN");
        var html = await platform.GetAsync("/budgets?year=2024");
        Assert.Contains("项目预算 FY2024", html, StringComparison.Ordinal);
        Assert.Contains("日本环境省尚未设定本财年的预算总额。", html, StringComparison.Ordinal);
        Assert.Contains("只有日本环境省可以设定预算总额。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"budget-form\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"nav-budgets\"", html, StringComparison.Ordinal);

        // Refused with 403 and the status page in the reader's language (it redirected to /Account/AccessDenied, a 404).
        var (status, refused) = await platform.PostFormAsync("/budgets?year=2024", new Dictionary<string, string> { ["envelope"] = "1000" }, tokenFrom: "/");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<h1>无法完成此请求（HTTP 403）。</h1>", refused, StringComparison.Ordinal);
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        Assert.False((await users.PlatformCn.GetAsync("/api/budgets/2024")).GetProperty("set").GetBoolean());

        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "zh-CN");
        Assert.DoesNotContain("data-testid=\"nav-budgets\"", await city.GetAsync("/"), StringComparison.Ordinal);
        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => city.GetAsync("/budgets"));
        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }
}
