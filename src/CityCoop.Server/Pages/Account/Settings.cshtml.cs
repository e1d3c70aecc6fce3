using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Server.Pages.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CityCoop.Server.Pages.Account;

/// <summary>
/// The reader's own settings: language of pages and email, time zone of shown times and email, and immediate emails
/// vs one daily digest at 09:00 in that zone (issue 4, item 7). The same values as <c>PUT /api/me</c>.
/// </summary>
public sealed class SettingsModel(UserManager<CityCoopUser> users, DigestWriter digests) : CityCoopPage
{
    /// <summary>The chosen language: zh-CN, ja-JP or en.</summary>
    public string Language { get; private set; } = "en";

    /// <summary>The chosen IANA zone.</summary>
    public string TimeZone { get; private set; } = "Asia/Tokyo";

    /// <summary>True for one digest a day.</summary>
    public bool DailyDigest { get; private set; }

    /// <summary>Field errors by input name, in the reader's language.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Shown after a save.</summary>
    public bool Saved { get; private set; }

    /// <summary>Shows the current settings.</summary>
    public IActionResult OnGet(bool saved = false)
    {
        var user = Viewer.User!;
        (Language, TimeZone, DailyDigest, Saved) = (user.PreferredLanguage, user.TimeZone, user.DailyDigest, saved);
        return Page();
    }

    /// <summary>Saves the settings; an unknown language or zone is refused with nothing saved. The page language follows the choice.</summary>
    public async Task<IActionResult> OnPostAsync(string? language, string? timeZone, string? delivery)
    {
        var user = Viewer.User!;
        (Language, TimeZone, DailyDigest) = (language ?? string.Empty, timeZone ?? string.Empty, delivery == "digest");
        if (!CityCoopUser.Languages.Contains(Language))
        {
            Errors["language"] = T["settings.badLanguage"];
        }

        if (!CityCoopUser.TimeZones.Contains(TimeZone))
        {
            Errors["timeZone"] = T["settings.badTimeZone"];
        }

        if (delivery is not ("digest" or "immediate"))
        {
            Errors["delivery"] = T["settings.badDelivery"];
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        if (user.DailyDigest && !DailyDigest)
        {
            // Leaving the digest: one digest now covers the tasks opened since the last one; saved with the account below.
            await digests.FlushAsync(user);
        }

        (user.PreferredLanguage, user.TimeZone, user.DailyDigest) = (Language, TimeZone, DailyDigest);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            Errors["form"] = string.Join(" ", result.Errors.Select(e => e.Description));
            return Page();
        }

        PagesRegistration.RememberCulture(Response, Language);
        return RedirectToPage(new { saved = true });
    }
}
