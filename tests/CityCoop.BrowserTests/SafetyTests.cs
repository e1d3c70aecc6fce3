using System.Text;
using Microsoft.Playwright;
using static CityCoop.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace CityCoop.BrowserTests;

/// <summary>Stale pages, cross-site posts, uploads, escaping and another city's URLs.</summary>
[Collection(SiteGroup.Name)]
public sealed class SafetyTests(CityCoopSite site)
{
    [Fact]
    public async Task StalePage_ActionShowsChangedSinceMessage_AndNothingIsDoneTwice()
    {
        var (context, first) = await site.SignInAsync("shanghai", "zh-CN", "Asia/Shanghai");
        var id = await CreateDraftAsync(first, "过期页面测试 " + Guid.NewGuid().ToString("N")[..6], "PM2.5 监测");

        // A second tab submits; the first, still showing the draft, then tries to submit too.
        var second = await context.NewPageAsync();
        await second.GotoAsync($"/proposals/{id}");
        await ActAsync(second, "submit");
        await ExpectStateAsync(second, "platform-matching");

        await ActAsync(first, "submit");
        await Expect(first.Locator("[data-testid=stale]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("您打开此页面后，该提案已被更改"));
        await ExpectStateAsync(first, "platform-matching");
        await CityCoopSite.ScreenshotAsync(first, "zh-06-stale-page");
        Assert.Equal(1, await first.Locator("[data-testid=timeline] li", new() { HasText = "提交" }).CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task CrossSitePost_IsRefused_AndChangesNothing()
    {
        var (context, page) = await site.SignInAsync("shanghai", "zh-CN", "Asia/Shanghai");
        var id = await CreateDraftAsync(page, "跨站请求测试 " + Guid.NewGuid().ToString("N")[..6], "PM2.5 监测");
        var etag = await page.Locator("details[data-action=submit] input[name=etag]").GetAttributeAsync("value");

        // With the user's cookies but without the antiforgery token (what a forged form sends): 400.
        var form = context.APIRequest.CreateFormData();
        form.Set("actionName", "submit");
        form.Set("etag", etag!);
        var response = await context.APIRequest.PostAsync($"{site.BaseUrl}/proposals/{id}?handler=Act", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(400, response.Status);

        // A real form on another site posting to CityCoop: refused too (no token, and the cookies stay home).
        var evil = await context.NewPageAsync();
        var otherSite = site.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await evil.GotoAsync(otherSite + "/signin");
        await evil.SetContentAsync($"""
            <form id="f" method="post" action="{site.BaseUrl}/proposals/{id}?handler=Act">
              <input name="actionName" value="submit"><input name="etag" value='{etag}'>
            </form>
            """);
        var navigation = evil.WaitForResponseAsync(r => r.Url.Contains("handler=Act", StringComparison.Ordinal));
        await evil.EvaluateAsync("document.getElementById('f').submit()");
        var posted = await navigation;
        Assert.True(posted.Status is 400 or 302, $"cross-site post answered {posted.Status}");

        await page.ReloadAsync();
        await ExpectStateAsync(page, "draft");
        Assert.Equal(0, await page.Locator("[data-testid=timeline] li", new() { HasText = "提交" }).CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task OversizedOrWrongTypeUpload_IsRefusedWithMessage_AndNothingSaved()
    {
        var (context, page) = await site.SignInAsync("shanghai", "zh-CN", "Asia/Shanghai");
        var title = "超大附件测试 " + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/proposals/new");
        await page.FillAsync("#title", title);
        await page.CheckAsync("input[name='Form.Strand'][value='GovernmentStaff']");
        await page.CheckAsync("input[name='Form.Kind'][value='New']");
        await page.Locator("input[name='Form.Wished']").First.FillAsync("PM2.5 监测");
        await page.FillAsync("#fy", CurrentFiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#amount", "1000000");
        // 21 MB, a real PDF header: refused for its size alone. A file on disk, as a user would pick it.
        var folder = Directory.CreateTempSubdirectory("citycoop-upload-");
        var bigPath = Path.Combine(folder.FullName, "plan.pdf");
        var big = new byte[(21 * 1024 * 1024) + 1];
        Encoding.ASCII.GetBytes("%PDF-1.4\n").CopyTo(big, 0);
        await File.WriteAllBytesAsync(bigPath, big);
        await page.SetInputFilesAsync("#files", bigPath, new() { Timeout = 60_000 });
        await page.ClickAsync("[data-testid=save-draft]");
        await Expect(page.Locator("[data-testid=file-error]")).ToContainTextAsync("“plan.pdf”超过 20 MB");
        await CityCoopSite.ScreenshotAsync(page, "zh-07-upload-refused");

        await page.SetInputFilesAsync("#files", new FilePayload { Name = "tool.exe", MimeType = "application/octet-stream", Buffer = Encoding.ASCII.GetBytes("MZ not a document") });
        await page.ClickAsync("[data-testid=save-draft]");
        await Expect(page.Locator("[data-testid=file-error]")).ToContainTextAsync("“tool.exe”不是 PDF");

        await page.GotoAsync("/proposals?q=" + Uri.EscapeDataString(title));
        await Expect(page.Locator("main")).ToContainTextAsync("没有符合条件的提案。");

        // A small PDF is accepted and listed; another city cannot fetch it or see the proposal (404).
        await page.GotoAsync("/proposals/new");
        await page.FillAsync("#title", title);
        await page.CheckAsync("input[name='Form.Strand'][value='GovernmentStaff']");
        await page.CheckAsync("input[name='Form.Kind'][value='New']");
        await page.Locator("input[name='Form.Wished']").First.FillAsync("PM2.5 监测");
        await page.FillAsync("#fy", CurrentFiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#amount", "1000000");
        await page.SetInputFilesAsync("#files", new FilePayload { Name = "计划.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n") });
        await page.ClickAsync("[data-testid=save-draft]");
        await Expect(page.Locator("[data-testid=attachments]")).ToContainTextAsync("计划.pdf");
        var href = await page.Locator("[data-testid=attachments] a").First.GetAttributeAsync("href");
        var id = IdOf(page);
        var own = await context.APIRequest.GetAsync(site.BaseUrl + href);
        Assert.Equal(200, own.Status);

        var (otherContext, other) = await site.SignInAsync("kitakyushu", "ja-JP", "Asia/Tokyo");
        Assert.Equal(404, (await otherContext.APIRequest.GetAsync(site.BaseUrl + href)).Status);
        Assert.Equal(404, (await other.GotoAsync($"/proposals/{id}"))!.Status);
        await otherContext.CloseAsync();
        await context.CloseAsync();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task ScriptInTitle_IsShownEscaped_AndNeverRuns()
    {
        var (context, page) = await site.SignInAsync("shanghai", "zh-CN", "Asia/Shanghai");
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };
        var title = "<script>alert('xss')</script><img src=x onerror=alert(2)> " + Guid.NewGuid().ToString("N")[..6];
        await CreateDraftAsync(page, title, "<b>bold?</b>");
        await Expect(page.Locator("[data-testid=proposal-title]")).ToHaveTextAsync(title);
        await Expect(page.Locator("[data-testid=wished]")).ToContainTextAsync("<b>bold?</b>");
        await page.GotoAsync("/proposals");
        await Expect(page.Locator("[data-testid=proposals]")).ToContainTextAsync("<script>alert('xss')</script>");
        await page.GotoAsync("/");
        await page.WaitForTimeoutAsync(300);
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await page.Locator("main img[src=x]").CountAsync());
        await context.CloseAsync();
    }
}
