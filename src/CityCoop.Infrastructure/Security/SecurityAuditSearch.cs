using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Security;

/// <summary>What to look for in the security audit log; every part is optional.</summary>
/// <param name="Event">One event code of <see cref="SecurityEvents.All"/>.</param>
/// <param name="User">Part of the actor's email or id, or of the target (e.g. a deactivated user's email), any case.</param>
/// <param name="From">Rows at or after this instant.</param>
/// <param name="Until">Rows before this instant.</param>
public sealed record SecurityAuditFilter(string? Event = null, string? User = null, DateTimeOffset? From = null, DateTimeOffset? Until = null);

/// <summary>One page of the log, newest first.</summary>
/// <param name="Total">Rows matching the filter.</param>
/// <param name="Page">Page number, from 1.</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="Rows">The rows of this page.</param>
public sealed record SecurityAuditPage(int Total, int Page, int PageSize, IReadOnlyList<SecurityAuditEntry> Rows);

/// <summary>Reads the security audit log for administrators (API and admin page), newest first and paged.</summary>
public sealed class SecurityAuditSearch(CityCoopDbContext db)
{
    /// <summary>Largest page size a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The rows matching <paramref name="filter"/> on page <paramref name="page"/> (from 1) of <paramref name="pageSize"/> rows (1–200).</summary>
    public async Task<SecurityAuditPage> FindAsync(SecurityAuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var rows = db.SecurityAudit.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Event))
        {
            rows = rows.Where(r => r.Event == filter.Event);
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            // ToLower on both sides translates to SQL lower() on PostgreSQL and SQLite alike; culture overloads do not translate.
            var part = filter.User.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862
            rows = rows.Where(r => (r.Email != null && r.Email.ToLower().Contains(part))
                || (r.UserId != null && r.UserId.ToLower() == part)
                || (r.Target != null && r.Target.ToLower().Contains(part)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (filter.From is { } from)
        {
            rows = rows.Where(r => r.At >= from);
        }

        if (filter.Until is { } until)
        {
            rows = rows.Where(r => r.At < until);
        }

        var total = await rows.CountAsync(ct);

        // A page beyond the rows is empty; (page - 1) × pageSize in 32 bits wrapped round to page 1 for page=2147483647.
        var skip = (long)(page - 1) * pageSize;
        var list = skip >= total ? [] : await rows.OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Skip((int)skip).Take(pageSize)
            .ToListAsync(ct);
        return new SecurityAuditPage(total, page, pageSize, list);
    }
}
