using CityCoop.Infrastructure.Security;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Security;
using Microsoft.AspNetCore.Mvc;

namespace CityCoop.Server.Pages.Admin;

/// <summary>
/// The security audit log for administrators (<c>/admin/audit</c>): newest first, 50 a page, filtered by event kind,
/// user or email, and a date range in the reader's time zone. Other users get the not-found page (the Admin folder's policy).
/// </summary>
public sealed class AuditModel(SecurityAuditSearch search) : CityCoopPage
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 50;

    /// <summary>Event code chosen, or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "event")]
    public string? Event { get; set; }

    /// <summary>Part of an email or a user id typed.</summary>
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserFilter { get; set; }

    /// <summary>First day (yyyy-MM-dd, reader's zone).</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Last day, included (yyyy-MM-dd, reader's zone).</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>Page number, from 1 (not <c>page</c>, which Razor Pages reserves for the page's route).</summary>
    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The rows shown, or null when a filter could not be read.</summary>
    public SecurityAuditPage? Result { get; private set; }

    /// <summary>The filter that could not be read (<c>event</c>, <c>from</c>, <c>to</c>), or null.</summary>
    public string? BadFilter { get; private set; }

    /// <summary>Number of pages of the result (at least 1).</summary>
    public int Pages => Result is null ? 1 : Math.Max(1, (Result.Total + PageSize - 1) / PageSize);

    /// <summary>Shows the log (404 for non-admins, also without the folder's policy).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Viewer.IsAdmin)
        {
            return NotFound();
        }

        var (filter, refused) = AuditFilterParser.Parse(Event, UserFilter, From, To, Viewer.Zone);
        if (filter is null)
        {
            BadFilter = refused?.Field;
            return Page();
        }

        Result = await search.FindAsync(filter, PageNumber, PageSize, ct);
        return Page();
    }

    /// <summary>The link to page <paramref name="number"/> with the same filters.</summary>
    public string PageLink(int number) =>
        $"/admin/audit?event={Uri.EscapeDataString(Event ?? string.Empty)}&user={Uri.EscapeDataString(UserFilter ?? string.Empty)}&from={Uri.EscapeDataString(From ?? string.Empty)}&to={Uri.EscapeDataString(To ?? string.Empty)}&pageNumber={number}";
}
