using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Security;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Authorization;

namespace CityCoop.Server.Security;

/// <summary><c>GET /api/admin/audit</c>: the security audit log for administrators, newest first, filtered and paged.</summary>
public static class AuditEndpoints
{
    /// <summary>An audit row as the API shows it; times are UTC.</summary>
    /// <param name="Id">Row id (increasing).</param>
    /// <param name="AtUtc">When.</param>
    /// <param name="Event">Event code (<see cref="SecurityEvents"/>).</param>
    /// <param name="Channel"><c>api</c>, <c>page</c>, <c>dashboard</c> or <c>cli</c>.</param>
    /// <param name="UserId">Acting user's id, or null.</param>
    /// <param name="Email">Acting user's email, or the email typed in a sign-in.</param>
    /// <param name="RemoteAddress">Client IP address, or null.</param>
    /// <param name="UserAgent">Client User-Agent, or the command line.</param>
    /// <param name="Target">What it was about (<c>proposal:{id}</c>, <c>user:{email}</c>, <c>GET /path</c>), or null.</param>
    /// <param name="Details">More (a failure reason, the roles before and after), or null.</param>
    public sealed record AuditRowDto(long Id, DateTimeOffset AtUtc, string Event, string Channel, string? UserId, string? Email, string? RemoteAddress, string? UserAgent, string? Target, string? Details);

    /// <summary>One page of rows.</summary>
    /// <param name="Total">Rows matching the filters.</param>
    /// <param name="Page">Page number, from 1.</param>
    /// <param name="PageSize">Rows per page (1–200, default 50).</param>
    /// <param name="Items">The rows, newest first.</param>
    public sealed record AuditPageDto(int Total, int Page, int PageSize, IReadOnlyList<AuditRowDto> Items);

    /// <summary>
    /// Maps the endpoint (admins only: 401 anonymous, 403 other roles). Query: <c>event</c> (a code of
    /// <see cref="SecurityEvents.All"/>), <c>user</c> (part of an email or an id, acting or target), <c>from</c> and
    /// <c>to</c> (UTC dates, <c>to</c> including its day, or ISO 8601 instants), <c>page</c>, <c>pageSize</c>. A filter
    /// that cannot be read answers 400 with code <c>invalid-filter</c> on the <c>field</c> (arguments field, value; allowed for <c>event</c>).
    /// </summary>
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/audit", async (string? @event, string? user, string? from, string? to, int? page, int? pageSize, SecurityAuditSearch search, CancellationToken ct) =>
        {
            var (filter, refused) = AuditFilterParser.Parse(@event, user, from, to, TimeZoneInfo.Utc);
            if (filter is null)
            {
                var (field, why) = refused!.Value;
                return InputProblem.Of(field, why, "Invalid filter.");
            }

            var result = await search.FindAsync(filter, page ?? 1, pageSize ?? 50, ct);
            return Results.Ok(new AuditPageDto(result.Total, result.Page, result.PageSize, [.. result.Rows.Select(r =>
                new AuditRowDto(r.Id, r.At, r.Event, r.Channel, r.UserId, r.Email, r.RemoteAddress, r.UserAgent, r.Target, r.Details))]));
        })
        .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admin })
        .WithTags("Admin")
        .WithSummary("The security audit log, newest first: sign-ins, lock-outs, account changes and refused access.")
        .Produces<AuditPageDto>()
        .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
