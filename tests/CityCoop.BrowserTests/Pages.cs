using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityCoop.BrowserTests;

/// <summary>What a user does on the pages, as small steps the tests read like a script.</summary>
public static partial class Pages
{
    /// <summary>
    /// The fiscal year (April to March, Tokyo) on the server's clock (<see cref="CityCoopSite.ServerClock"/>, some
    /// minutes on at most): a proposal for a past year would be refused by the form (and expired by its fiscal-year-end
    /// deadline).
    /// </summary>
    public static int CurrentFiscalYear
    {
        get
        {
            var tokyo = TimeZoneInfo.ConvertTime(CityCoopSite.ServerClock, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
            return tokyo.Month >= 4 ? tokyo.Year : tokyo.Year - 1;
        }
    }

    /// <summary>Fills and saves the draft form as a Chinese city; returns the new proposal's id.</summary>
    public static async Task<Guid> CreateDraftAsync(IPage page, string title, params string[] wished)
    {
        await page.GotoAsync("/proposals/new");
        await page.FillAsync("#title", title);
        await page.FillAsync("#description", "大气污染防治城市间协作 — PM2.5");
        await page.CheckAsync("input[name='Form.Strand'][value='GovernmentStaff']");
        await page.CheckAsync("input[name='Form.Kind'][value='New']");
        await page.CheckAsync("input[name='Form.Planned'][value='TrainingVisit']");
        for (var i = 0; i < wished.Length; i++)
        {
            if (i >= 2)
            {
                await page.ClickAsync("fieldset[data-list=Wished] .add-item");
            }

            await page.Locator("fieldset[data-list=Wished] input[name='Form.Wished']").Nth(i).FillAsync(wished[i]);
        }

        await page.FillAsync("#fy", CurrentFiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#amount", "3000000");
        await page.SelectOptionAsync("#currency", "JPY");
        await page.ClickAsync("[data-testid=save-draft]");
        await Expect(page).ToHaveURLAsync(ProposalUrl());
        return IdOf(page);
    }

    /// <summary>Opens an action's form, lets <paramref name="fill"/> fill it, and submits it.</summary>
    public static async Task ActAsync(IPage page, string action, Func<ILocator, Task>? fill = null)
    {
        var details = page.Locator($"details[data-action='{action}']");
        await details.Locator("summary").ClickAsync();
        if (fill is not null)
        {
            await fill(details);
        }

        await details.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Waits until the proposal page shows the state.</summary>
    public static async Task ExpectStateAsync(IPage page, string state)
    {
        try
        {
            await Expect(page.Locator("[data-testid=state]")).ToHaveAttributeAsync("data-state", state);
        }
        catch (PlaywrightException e)
        {
            // Say what the page said (a refusal, a stale notice) and keep a picture of it.
            var said = string.Join(" | ", await page.Locator("[data-testid=refused], [data-testid=stale], [data-testid=form-errors]").AllInnerTextsAsync());
            await CityCoopSite.ScreenshotAsync(page, "failure-" + state + "-" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            throw new InvalidOperationException($"Expected state '{state}'; the page says: {said}", e);
        }
    }

    /// <summary>The id in the current proposal URL.</summary>
    public static Guid IdOf(IPage page) => Guid.Parse(ProposalUrl().Match(page.Url).Groups[1].Value);

    [GeneratedRegex("/proposals/([0-9a-f-]{36})")]
    private static partial Regex ProposalUrl();
}
