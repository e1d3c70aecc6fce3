using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityCoop.BrowserTests;

/// <summary>The settings page: language, time zone and daily digest chosen without the API (issue 4 item 7, issue 5).</summary>
[Collection(SiteGroup.Name)]
public sealed class SettingsTests(CityCoopSite site)
{
    [Fact]
    public async Task Settings_SwitchLanguageZoneAndDigest_SavedForPagesAndEmail()
    {
        // ministry.cn takes part in no other browser test, so changing its preferences disturbs nothing.
        var (context, page) = await site.SignInAsync("ministry.cn", "zh-CN", "Asia/Shanghai");
        await page.ClickAsync("[data-testid=settings-link]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("设置");
        await Expect(page.Locator("#language")).ToHaveValueAsync("zh-CN");
        await Expect(page.Locator("input[name=delivery][value=immediate]")).ToBeCheckedAsync();

        await page.SelectOptionAsync("#language", "ja-JP");
        await page.SelectOptionAsync("#timeZone", "Asia/Shanghai");
        await page.CheckAsync("input[name=delivery][value=digest]");
        await page.ClickAsync("button[type=submit].primary");

        await Expect(page.Locator("[data-testid=notice]")).ToHaveTextAsync("設定を保存しました。");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja-JP");
        await Expect(page.Locator(".who")).ToContainTextAsync("Asia/Shanghai");
        await Expect(page.Locator("input[name=delivery][value=digest]")).ToBeCheckedAsync();
        await CityCoopSite.ScreenshotAsync(page, "ja-09-settings");

        // The API sees the same account: the digest and language the page saved.
        var token = await context.APIRequest.PostAsync($"{site.BaseUrl}/api/auth/token", new()
        {
            DataObject = new { email = "ministry.cn@demo.citycoop.example", password = CityCoopSite.Password },
        });
        var access = JsonDocument.Parse(await token.TextAsync()).RootElement.GetProperty("access_token").GetString();
        var me = await context.APIRequest.GetAsync($"{site.BaseUrl}/api/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + access } });
        var body = JsonDocument.Parse(await me.TextAsync()).RootElement;
        Assert.Equal("ja-JP", body.GetProperty("language").GetString());
        Assert.Equal("Asia/Shanghai", body.GetProperty("timeZone").GetString());
        Assert.True(body.GetProperty("dailyDigest").GetBoolean());

        // A forged value is refused with a message in the reader's language and nothing saved.
        await page.EvaluateAsync("document.querySelector('#timeZone').add(new Option('Europe/Paris', 'Europe/Paris', true, true))");
        
        await page.CheckAsync("input[name=delivery][value=immediate]");
        await page.ClickAsync("button[type=submit].primary");
        await Expect(page.Locator("#timeZone-error")).ToHaveTextAsync("日本時間か中国時間を選んでください。");
        me = await context.APIRequest.GetAsync($"{site.BaseUrl}/api/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + access } });
        Assert.True(JsonDocument.Parse(await me.TextAsync()).RootElement.GetProperty("dailyDigest").GetBoolean());

        // Back to how the demo account started.
        await page.GotoAsync("/settings");
        await page.SelectOptionAsync("#language", "zh-CN");
        await page.CheckAsync("input[name=delivery][value=immediate]");
        await page.ClickAsync("button[type=submit].primary");
        await Expect(page.Locator("[data-testid=notice]")).ToHaveTextAsync("设置已保存。");
        await context.CloseAsync();
    }
}
