using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace CityCoop.BrowserTests;

/// <summary>
/// The decision record of a proposal with an approval and a paid expense, printed to PDF on A4 by Chromium: one or two
/// pages, the approved amount in the PDF's text, and under print media no navigation, buttons or forms.
/// </summary>
[Collection(SiteGroup.Name)]
public sealed class DecisionRecordPrintTests(CityCoopSite site)
{
    // CityCoopSite.ServerClock's fiscal year, which has not ended.
    private const int FiscalYear = 2026;

    private static readonly string[] Wished = ["PM2.5 source apportionment"];
    private static readonly string[] Kitakyushu = ["kitakyushu"];

    [Fact]
    public async Task The_record_prints_on_one_or_two_A4_pages_with_the_approved_amount_and_without_navigation_or_buttons()
    {
        using var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        var tokens = new Dictionary<string, string>();
        async Task<JsonElement> SendAsync(string account, string path, object body)
        {
            if (!tokens.TryGetValue(account, out var token))
            {
                using var signIn = await http.PostAsJsonAsync("/api/auth/token", new { email = $"{account}@demo.citycoop.example", password = CityCoopSite.Password });
                signIn.EnsureSuccessStatusCode();
                using var tokenJson = JsonDocument.Parse(await signIn.Content.ReadAsStringAsync());
                token = tokens[account] = tokenJson.RootElement.GetProperty("access_token").GetString()!;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path} as {account}: {(int)response.StatusCode} {text}");
            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }

        var id = (await SendAsync("shanghai", "/api/proposals", new
        {
            title = "Printed record " + Guid.NewGuid().ToString("N")[..6],
            description = "PM2.5",
            strand = "government-staff",
            level = "local",
            cooperationKind = "new",
            wishedItems = Wished,
            fiscalYear = FiscalYear,
            requestedAmount = new { amount = 3_000_000m, currency = "JPY" },
        })).GetProperty("id").GetGuid();
        await SendAsync("shanghai", $"/api/proposals/{id}/actions/submit", new { });
        await SendAsync("platform.jp", $"/api/proposals/{id}/actions/set-partner", new { cityCodes = Kitakyushu });
        await SendAsync("platform.jp", $"/api/proposals/{id}/actions/record-matches", new { items = new[] { new { wished = "PM2.5 source apportionment", offered = "Kitakyushu air monitoring" } } });
        await SendAsync("platform.jp", $"/api/proposals/{id}/actions/match", new { comment = "Kitakyushu fits." });
        await SendAsync("platform.cn", $"/api/proposals/{id}/actions/match", new { });
        await SendAsync("ministry.jp", $"/api/proposals/{id}/actions/approve", new { amount = 2_345_000m, comment = "Approved within the FY budget." });
        var expense = await SendAsync("platform.jp", $"/api/proposals/{id}/expenses", new { budgetLine = "travel and per diem", amount = 1200m, currency = "CNY", rate = 20.5m, payee = "Wuhan guest house" });
        await SendAsync("platform.jp", $"/api/proposals/{id}/expenses/{expense.GetProperty("id").GetGuid()}/paid", new { paidOn = $"{FiscalYear}-04-10" });

        var (_, page) = await site.SignInAsync("ministry.jp", "en", "Asia/Tokyo");
        await page.GotoAsync($"/proposals/{id}/record");
        await Expect(page.Locator("[data-testid=record-approved]")).ToHaveTextAsync("2,345,000 JPY");
        await Expect(page.Locator("[data-testid=record-spent]")).ToHaveTextAsync("24,600 JPY");
        await Expect(page.Locator("[data-testid=record-decision]")).ToHaveCountAsync(3);

        // On screen the navigation and the print button show; printed, neither does, and no form or button at all.
        await Expect(page.Locator("nav.main-nav")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=print]")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("nav.main-nav")).ToBeHiddenAsync();
        await Expect(page.Locator("header.top")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=print]")).ToBeHiddenAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('button, form, nav, input, select')].filter(e => e.getClientRects().length > 0).length"));
        await Expect(page.Locator("[data-testid=record-approved]")).ToBeVisibleAsync();

        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = false });
        using var document = PdfDocument.Open(pdf);
        Assert.InRange(document.NumberOfPages, 1, 2);
        // PdfPig gives the glyphs as Chromium placed them; spacing between words is not reliable, so compare without it.
        var text = string.Concat(string.Concat(document.GetPages().Select(p => p.Text)).Where(c => !char.IsWhiteSpace(c)));
        Assert.True(text.Contains("2,345,000JPY", StringComparison.Ordinal), "PDF text: " + text);
        Assert.Contains("決定記録", text, StringComparison.Ordinal); // the demo account reads Japanese
        Assert.DoesNotContain("サインアウト", text, StringComparison.Ordinal);
        Assert.DoesNotContain("印刷", text, StringComparison.Ordinal);
    }
}
