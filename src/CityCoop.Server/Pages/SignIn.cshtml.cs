using CityCoop.Infrastructure.Identity;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityCoop.Server.Pages;

/// <summary>Cookie sign-in with the same accounts as the API; five failures lock the account for a while.</summary>
public sealed class SignInModel(SignInManager<CityCoopUser> signIn, UserManager<CityCoopUser> users, UiText text, TimeProvider time) : PageModel
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

    /// <summary>Checks the password; on success sets the language cookie to the user's language if none was chosen yet.</summary>
    public async Task<IActionResult> OnPostAsync(string? email, string? password)
    {
        Email = email;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            Error = text["signin.required"];
            return Page();
        }

        // An address with a control character is no account's; PostgreSQL would refuse the lookup itself.
        var user = CityCoop.Domain.TextRules.WhyNot("email", email, CityCoop.Domain.TextKind.SingleLine) is null ? await users.FindByEmailAsync(email.Trim()) : null;
        if (user is null)
        {
            Error = text["signin.failed"];
            return Page();
        }

        if (!user.IsActive)
        {
            Error = text["signin.inactive"];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(user) ?? time.GetUtcNow();
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(user.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            Error = text["signin.locked", $"{TimeZoneInfo.ConvertTime(until, zone):yyyy-MM-dd HH:mm} ({zone.Id})"];
            return Page();
        }

        if (!result.Succeeded)
        {
            Error = text["signin.failed"];
            return Page();
        }

        if (!Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName) && PagesRegistration.Cultures.Contains(user.PreferredLanguage))
        {
            PagesRegistration.RememberCulture(Response, user.PreferredLanguage);
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
