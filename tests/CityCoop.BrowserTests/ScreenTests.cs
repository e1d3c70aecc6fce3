using System.Diagnostics;
using static Microsoft.Playwright.Assertions;

namespace CityCoop.BrowserTests;

/// <summary>Reports, admin, language switching, sign-in refusals and the CJK fonts the screenshots rely on.</summary>
[Collection(SiteGroup.Name)]
public sealed class ScreenTests(CityCoopSite site)
{
    [Fact]
    public void CjkFonts_AreInstalled_SoChineseAndJapaneseRenderAsText()
    {
        using var fc = Process.Start(new ProcessStartInfo("fc-list", ":lang=ja family") { RedirectStandardOutput = true })!;
        var families = fc.StandardOutput.ReadToEnd();
        fc.WaitForExit();
        Assert.Contains("Noto Sans CJK", families, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_ShowTablesTotalsChartAndCsv_InJapanese()
    {
        var (context, page) = await site.SignInAsync("platform.jp", "ja-JP", "Asia/Tokyo");
        await page.GotoAsync("/reports?year=2014");
        await Expect(page.Locator("h1")).ToContainTextAsync("年度報告");
        await Expect(page.Locator("[data-testid=consultations] tbody tr")).ToHaveCountAsync(13);
        await Expect(page.Locator("[data-testid=visits] tbody tr")).ToHaveCountAsync(8);
        await Expect(page.Locator("[data-testid=chart] rect")).Not.ToHaveCountAsync(0);
        await CityCoopSite.ScreenshotAsync(page, "ja-06-report-fy2014");
        var csv = await context.APIRequest.GetAsync(site.BaseUrl + "/reports?handler=Csv&year=2014");
        Assert.Equal(200, csv.Status);
        Assert.Contains("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);

        // A year that is not one is said so, not silently replaced.
        await page.GotoAsync("/reports?year=abc");
        await Expect(page.Locator("[data-testid=year-problem]")).ToContainTextAsync("年度「abc」の報告はありません。FY2014（平成26年度）～");
        Assert.Equal(400, (await context.APIRequest.GetAsync(site.BaseUrl + "/reports?handler=Csv&year=1999")).Status);
        await context.CloseAsync();
    }

    [Fact]
    public async Task Admin_ListsUsersAndWorkflowVersions_AndCanAddAUser()
    {
        var (context, page) = await site.SignInAsync("admin", "en-US", "Asia/Tokyo");
        await page.GotoAsync("/admin");
        await Expect(page.Locator("[data-testid=users]")).ToContainTextAsync("shanghai@demo.citycoop.example");
        var email = $"new.{Guid.NewGuid():N}@demo.citycoop.example"[..40];
        await page.FillAsync("#nu-email", email);
        await page.FillAsync("#nu-password", "CityCoop-2014-x");
        await page.FillAsync("#nu-name", "New Officer");
        await page.SelectOptionAsync("#nu-role", "platform");
        await page.SelectOptionAsync("#nu-org", "platform:jp");
        await page.ClickAsync("form[action*=Add] button[type=submit]");
        var row = page.Locator("[data-testid=users] tr", new() { HasText = email });
        await Expect(row).ToContainTextAsync("Platform reviewer");
        await Expect(row).ToContainTextAsync("Japanese platform");

        // Deactivation needs a second click, and can be undone.
        await row.Locator("details.confirm summary").ClickAsync();
        await row.Locator("button.danger").ClickAsync();
        row = page.Locator("[data-testid=users] tr", new() { HasText = email });
        await Expect(row).ToContainTextAsync("Deactivated");
        await row.Locator("button", new() { HasText = "Reactivate" }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("They can sign in again.");
        await Expect(page.Locator("[data-testid=users] tr", new() { HasText = email }).Locator("details.confirm")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=outbox]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=calendar-years]")).ToContainTextAsync("Japan: 2014–2027");
        await Expect(page.Locator("[data-testid=calendar-years]")).ToContainTextAsync("China: 2014–2026");
        await page.Locator("details summary", new() { HasText = "cooperation-proposal" }).First.ClickAsync();
        await Expect(page.Locator("details[open] pre.mermaid svg")).ToBeVisibleAsync();
        await CityCoopSite.ScreenshotAsync(page, "en-01-admin");

        // A city user is not an administrator.
        var (cityContext, city) = await site.SignInAsync("kitakyushu", "ja-JP", "Asia/Tokyo");
        Assert.Equal(404, (await city.GotoAsync("/admin"))!.Status);
        await cityContext.CloseAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task LanguageSwitch_IsRemembered_AndDefaultsFromTheBrowser()
    {
        var context = await site.Browser.NewContextAsync(new() { Locale = "ja-JP", BaseURL = site.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("サインイン");
        await page.ClickAsync("a[lang=zh-CN]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
        await page.GotoAsync("/signin");
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");

        await page.FillAsync("#email", "kitakyushu@demo.citycoop.example");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("邮箱或密码错误。");
        await CityCoopSite.ScreenshotAsync(page, "zh-00-signin-error");
        await context.CloseAsync();
    }
}
