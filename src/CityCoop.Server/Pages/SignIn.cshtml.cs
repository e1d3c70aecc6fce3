using CityCoop.Infrastructure.Identity;
using CityCoop.Server.Auth;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityCoop.Server.Pages;

/// <summary>
/// Cookie sign-in with the same accounts and the same password check as the API (<see cref="CredentialCheck"/>): five
/// failures lock the account for a while; too many attempts from one address or for one account answer 429 with a
/// page saying when to try again (<see cref="SignInRateLimits"/>).
/// </summary>
public sealed class SignInModel(CredentialCheck credentials, SignInManager<CityCoopUser> signIn, UiText text, TimeProvider time) : PageModel
{
    /// <summary>Where to go after signing in (local URLs only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The email typed (kept after a failure).</summary>
    public string? Email { get; private set; }

    /// <summary>The message after a failure.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>
    /// Checks the password; on success sets the language cookie to the user's language if none was chosen yet. Email
    /// and password come from the form only, the same field the per-account rate limit reads.
    /// </summary>
    public async Task<IActionResult> OnPostAsync([FromForm] string? email, [FromForm] string? password)
    {
        Email = email;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            Error = text["signin.required"];
            return Page();
        }

        switch (await credentials.CheckAsync(email, password))
        {
            case CredentialResult.Succeeded ok:
                await signIn.SignInAsync(ok.User, isPersistent: false);
                if (!Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName) && PagesRegistration.Cultures.Contains(ok.User.PreferredLanguage))
                {
                    PagesRegistration.RememberCulture(Response, ok.User.PreferredLanguage);
                }

                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case CredentialResult.Deactivated:
                Error = text["signin.inactive"];
                return Page();
            case CredentialResult.LockedOut locked:
                var zone = TimeZoneInfo.TryFindSystemTimeZoneById(locked.User.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
                var until = locked.Until ?? time.GetUtcNow();
                Error = text["signin.locked", $"{TimeZoneInfo.ConvertTime(until, zone):yyyy-MM-dd HH:mm} ({zone.Id})"];
                return Page();
            default:
                Error = text["signin.failed"];
                return Page();
        }
    }
}
