using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityCoop.Server.Pages;

/// <summary>
/// The page for a sign-in refused with 429 (<see cref="Auth.SignInRateLimits"/>), shown by the status-code pages in the
/// reader's language with the wait from <c>Retry-After</c>. It serves the re-executed sign-in POST too, so it takes no
/// antiforgery token: it changes nothing.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class TooManyAttemptsModel : PageModel
{
    /// <summary>Seconds until the next attempt may pass, from the response's <c>Retry-After</c> (60 when absent).</summary>
    public int RetryAfterSeconds { get; private set; } = 60;

    /// <summary>Shows the page (the response keeps status 429 and <c>Retry-After</c>).</summary>
    public void OnGet() => Read();

    /// <summary>Shows the page for a re-executed sign-in form post.</summary>
    public void OnPost() => Read();

    private void Read()
    {
        if (int.TryParse(Response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            RetryAfterSeconds = seconds;
        }
    }
}
