using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static CityCoop.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace CityCoop.BrowserTests;

/// <summary>
/// A wrongly recorded training visit voided on the proposal page by the Japanese platform, in Japanese: the row stays,
/// struck through with who, when and why, and the remaining amount is what it was before the mistake.
/// </summary>
[Collection(SiteGroup.Name)]
public sealed class VoidActivityTests(CityCoopSite site)
{
    private const string Reason = "同じ訪日研修を二重に記録したため";

    // CityCoopSite.ServerClock's, as the visits' dates below are.
    private const int FiscalYear = 2026;

    [Fact]
    public async Task JapanesePlatform_VoidsADoubleRecordedVisit_SeesItStruckThroughAndTheRemainingRestored()
    {
        // The path up to fund execution is covered by ProposalPathTests; here it is walked through the API. The proposal
        // is for the fiscal year of the server's clock, which has not ended (an ended one is expired at once).
        using var api = new Api(site.BaseUrl);
        var id = await api.InFundExecutionAsync("記録の取消し " + Guid.NewGuid().ToString("N")[..6], approved: 2_500_000m);
        await api.RecordVisitAsync(id, "2026-07-01", "2026-07-05", 1_000_000m);
        await api.RecordVisitAsync(id, "2026-07-01", "2026-07-05", 1_000_000m);

        var (context, page) = await site.SignInAsync("platform.jp", "ja-JP", "Asia/Tokyo");
        await page.GotoAsync($"/proposals/{id}");
        await Expect(page.Locator("[data-testid=planned-activity-costs]")).ToHaveTextAsync("2,000,000 JPY");
        await Expect(page.Locator("[data-testid=unplanned]")).ToHaveTextAsync("500,000 JPY");
        var rows = page.Locator("[data-testid=activities] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);

        // The void is a row action, not one of the proposal's action forms.
        await Expect(page.Locator("#actions details[data-action=void-activity]")).ToHaveCountAsync(0);
        var row = rows.Nth(1);
        var voidForm = row.Locator("details[data-action=void-activity]");
        await voidForm.Locator("summary").ClickAsync();
        await Expect(voidForm.Locator("summary")).ToHaveTextAsync("記録の取消し");
        await Expect(voidForm.Locator("label")).ToHaveTextAsync("取消しの理由");

        // An empty reason is not sent: the browser asks for it and nothing happens.
        await voidForm.Locator("button[type=submit]").ClickAsync();
        Assert.False(await voidForm.Locator("textarea").EvaluateAsync<bool>("t => t.validity.valid"));
        await Expect(page.Locator("tr[data-voided=true]")).ToHaveCountAsync(0);

        // A page rendered before another change is stale: nothing is voided.
        var stale = await context.NewPageAsync();
        await stale.GotoAsync($"/proposals/{id}");
        await api.RecordVisitAsync(id, "2026-08-03", "2026-08-04", 100_000m);
        var staleForm = stale.Locator("[data-testid=activities] tbody tr").Nth(1).Locator("details[data-action=void-activity]");
        await staleForm.Locator("summary").ClickAsync();
        await staleForm.Locator("textarea").FillAsync(Reason);
        await staleForm.Locator("button[type=submit]").ClickAsync();
        await Expect(stale.Locator("[data-testid=stale]")).ToBeVisibleAsync();
        await Expect(stale.Locator("tr[data-voided=true]")).ToHaveCountAsync(0);
        await Expect(stale.Locator("[data-testid=unplanned]")).ToHaveTextAsync("400,000 JPY");
        await stale.CloseAsync();

        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=unplanned]")).ToHaveTextAsync("400,000 JPY");
        row = page.Locator("[data-testid=activities] tbody tr").Nth(1);
        var voidedId = await row.GetAttributeAsync("data-activity-id");
        voidForm = row.Locator("details[data-action=void-activity]");
        await voidForm.Locator("summary").ClickAsync();
        await voidForm.Locator("textarea").FillAsync(Reason);
        await CityCoopSite.ScreenshotAsync(page, "ja-06-void-activity");
        await voidForm.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        await Expect(page.Locator("[data-testid=notice]")).ToHaveTextAsync("「記録の取消し」を実行しました。");
        await Expect(page.Locator("[data-testid=planned-activity-costs]")).ToHaveTextAsync("1,100,000 JPY");
        await Expect(page.Locator("[data-testid=unplanned]")).ToHaveTextAsync("1,400,000 JPY");
        var voided = page.Locator($"tr[data-activity-id='{voidedId}']");
        await Expect(voided).ToHaveAttributeAsync("data-voided", "true");
        await Expect(voided.Locator("del").First).ToHaveTextAsync("訪日研修");
        Assert.Equal("line-through", await voided.Locator("del").Last.EvaluateAsync<string>("e => getComputedStyle(e).textDecorationLine"));
        await Expect(voided.Locator("del").Last).ToHaveTextAsync("1,000,000 JPY");
        await Expect(voided.Locator("[data-testid=void-note]")).ToHaveTextAsync(
            new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d \(Asia/Tokyo\) に 佐藤 花子（日本側プラットフォーム） が取消し：" + Reason + "$"));
        await Expect(voided.Locator("details[data-action=void-activity]")).ToHaveCountAsync(0);
        await Expect(page.Locator("tr[data-voided=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=activities] tbody tr:not([data-voided]) details[data-action=void-activity]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=timeline] li").Last).ToContainTextAsync("記録を取消し：訪日研修 2026-07-01～2026-07-05、計画費用 1,000,000円 を戻し入れ（未計画 1,400,000円）");
        await Expect(page.Locator("[data-testid=timeline] li").Last).ToContainTextAsync(Reason);
        await CityCoopSite.ScreenshotAsync(page, "ja-07-activity-voided");
        await context.CloseAsync();
    }

    /// <summary>The demo accounts through the HTTP API, to bring a proposal to fund execution quickly.</summary>
    private sealed class Api(string baseUrl) : IDisposable
    {
        private static readonly string[] Wished = ["PM2.5 源解析"];
        private static readonly string[] Kitakyushu = ["kitakyushu"];
        private readonly HttpClient http = new() { BaseAddress = new Uri(baseUrl) };
        private readonly Dictionary<string, string> tokens = [];

        public async Task<Guid> InFundExecutionAsync(string title, decimal approved)
        {
            var created = await SendAsync("shanghai", "/api/proposals", new
            {
                title,
                description = "PM2.5",
                strand = "government-staff",
                level = "local",
                cooperationKind = "new",
                wishedItems = Wished,
                fiscalYear = FiscalYear,
                requestedAmount = new { amount = 3_000_000m, currency = "JPY" },
            });
            var id = created.GetProperty("id").GetGuid();
            await ActAsync("shanghai", id, "submit", new { });
            await ActAsync("platform.jp", id, "set-partner", new { cityCodes = Kitakyushu });
            await ActAsync("platform.jp", id, "record-matches", new { items = new[] { new { wished = "PM2.5 源解析", offered = "北九州市の大気モニタリング技術" } } });
            await ActAsync("platform.jp", id, "match", new { });
            await ActAsync("platform.cn", id, "match", new { });
            await ActAsync("ministry.jp", id, "approve", new { amount = approved });
            return id;
        }

        public Task<JsonElement> RecordVisitAsync(Guid id, string start, string end, decimal cost) => ActAsync("platform.jp", id, "record-activity", new
        {
            activity = new
            {
                kind = "training-visit",
                startDate = start,
                endDate = end,
                sendingCity = "shanghai",
                receivingCities = Kitakyushu,
                traineeCategory = "TechnicalStaff",
                trainees = 5,
                cost,
            },
        });

        public void Dispose() => http.Dispose();

        private Task<JsonElement> ActAsync(string account, Guid id, string action, object inputs) => SendAsync(account, $"/api/proposals/{id}/actions/{action}", inputs);

        private async Task<JsonElement> SendAsync(string account, string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(account));
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path} as {account}: {(int)response.StatusCode} {text}");
            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }

        private async Task<string> TokenAsync(string account)
        {
            if (!tokens.TryGetValue(account, out var token))
            {
                using var response = await http.PostAsJsonAsync("/api/auth/token", new { email = $"{account}@demo.citycoop.example", password = CityCoopSite.Password });
                response.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                token = tokens[account] = json.RootElement.GetProperty("access_token").GetString()!;
            }

            return token;
        }
    }
}
