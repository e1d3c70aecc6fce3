using Microsoft.AspNetCore.Authentication;
using CityCoop.Server.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityCoop.Server.Pages.Support;

/// <summary>Base of the signed-in pages: loads the <see cref="Viewer"/> before every handler; an unknown or deactivated account is signed out.</summary>
public abstract class CityCoopPage : PageModel
{
    private Viewer? viewer;

    /// <summary>The reader.</summary>
    public Viewer Viewer => viewer ??= HttpContext.RequestServices.GetRequiredService<Viewer>();

    /// <summary>The labels.</summary>
    public UiText T => HttpContext.RequestServices.GetRequiredService<UiText>();

    /// <inheritdoc />
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!await Viewer.LoadAsync(User))
        {
            await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.Result = new RedirectToPageResult("/SignIn", new { returnUrl = Request.Path + Request.QueryString });
            return;
        }

        await Viewer.CitiesAsync();
        await next();
    }
}
