using CityCoop.Server.Pages.Support;

namespace CityCoop.Server.Pages;

/// <summary>The page shown for a 404 or other error status on a page (the API answers problem details instead).</summary>
public sealed class StatusModel : CityCoopPage
{
    /// <summary>The HTTP status code being explained.</summary>
    public int Code { get; private set; }

    /// <summary>Shows the page for <paramref name="code"/>; the response keeps the original status code.</summary>
    public void OnGet(int code) => Code = code;
}
