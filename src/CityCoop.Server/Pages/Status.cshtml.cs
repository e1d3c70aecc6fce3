using CityCoop.Server.Pages.Support;

namespace CityCoop.Server.Pages;

/// <summary>The page shown for a 404 or other error status on a page (the API answers problem details instead).</summary>
/// <remarks>
/// The status-code pages re-execute the request with its method, so a refused form post arrives here as a POST: it is
/// answered like a GET (it said "HTTP 0" without a handler for it), without a second anti-forgery check.
/// </remarks>
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusModel : CityCoopPage
{
    /// <summary>The HTTP status code being explained.</summary>
    public int Code { get; private set; }

    /// <summary>Shows the page for <paramref name="code"/>; the response keeps the original status code.</summary>
    public void OnGet(int code) => Code = code;

    /// <summary>Shows the page for a re-executed form post, as <see cref="OnGet"/>.</summary>
    public void OnPost(int code) => Code = code;
}
