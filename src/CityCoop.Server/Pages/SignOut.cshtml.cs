using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityCoop.Server.Pages;

/// <summary>Signs out (a form post, so a link elsewhere cannot sign anyone out).</summary>
public sealed class SignOutModel : PageModel
{
    /// <summary>Going to the address just returns to the landing page.</summary>
    public IActionResult OnGet() => Redirect("/");

    /// <summary>Clears the cookie.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Redirect("/signin");
    }
}
