using System.Security.Claims;
using CityCoop.Domain.Cities;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Auth;

/// <summary>
/// The signed-in account read fresh from the database, once per request: authentication loads it to check the token's
/// or cookie's security stamp and to rebuild roles (<see cref="AccountRevalidation"/>), and every later use in the same
/// request (workflow actions, pages) reuses that row. Scoped, so nothing is kept from one request to the next.
/// </summary>
public sealed class CurrentActor(CityCoopDbContext db)
{
    // One round trip, compiled once: this runs on every authenticated request, so neither the expression tree nor the
    // query cache look-up is paid per request.
    private static readonly CompiledPerModel<Func<CityCoopDbContext, string, Task<Row?>>> AccountRow = new(() => EF.CompileAsyncQuery(
        (CityCoopDbContext db, string userId) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new Row(
                u.Id,
                u.Email,
                u.DisplayName,
                u.SecurityStamp,
                u.OrganizationCode,
                db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
                db.Organizations.Where(o => o.Code == u.OrganizationCode).Select(o => new Place(o.Kind, o.Country)).FirstOrDefault()))
            .FirstOrDefault()));

    private AccountState? loaded;

    /// <summary>The active account with this id as the database has it now, or null when unknown or deactivated.</summary>
    public async Task<AccountState?> AccountAsync(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (loaded?.UserId == userId)
        {
            return loaded;
        }

        var row = await AccountRow.For(db)(db, userId);
        if (row is null)
        {
            return null;
        }

        loaded = new AccountState(
            row.Id, row.Email, row.DisplayName, row.SecurityStamp, [.. row.Roles.OfType<string>()], row.OrganizationCode,
            row.Organization?.Kind, row.Organization?.Country);
        return loaded;
    }

    private sealed record Row(string Id, string? Email, string DisplayName, string? SecurityStamp, string? OrganizationCode, List<string?> Roles, Place? Organization);

    private sealed record Place(Domain.Organizations.OrganizationKind Kind, Country Country);

    /// <summary>The actor, or null when the principal is anonymous, unknown or deactivated.</summary>
    public async Task<WorkflowActor?> ResolveAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return id is null ? null : (await AccountAsync(id))?.ToActor();
    }
}
