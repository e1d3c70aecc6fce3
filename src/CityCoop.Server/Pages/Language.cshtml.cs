using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityCoop.Server.Pages;

/// <summary>Remembers the chosen language in the culture cookie for a year and goes back to the page.</summary>
public sealed class LanguageModel : PageModel
{
    /// <summary>Sets the cookie; unknown cultures are ignored; only local return URLs are followed.</summary>
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        if (culture is not null && PagesRegistration.Cultures.Contains(culture))
        {
            PagesRegistration.RememberCulture(Response, culture);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
