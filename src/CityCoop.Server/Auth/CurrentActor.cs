using System.Security.Claims;
using CityCoop.Domain.Workflows;
using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Auth;

/// <summary>
/// Turns the signed-in principal into a <see cref="WorkflowActor"/> read fresh from the database, so a
/// deactivated user or a changed role takes effect at once, whatever the token says.
/// </summary>
public sealed class CurrentActor(CityCoopDbContext db)
{
    /// <summary>The actor, or null when the principal is anonymous, unknown or deactivated.</summary>
    public async Task<WorkflowActor?> ResolveAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null)
        {
            return null;
        }

        // One round trip: this runs on every request.
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == id && u.IsActive)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.OrganizationCode,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
                Organization = db.Organizations.Where(o => o.Code == u.OrganizationCode).Select(o => new { o.Kind, o.Country }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync();
        if (row is null)
        {
            return null;
        }

        var roles = row.Roles
            .Select(r => Enum.TryParse<WorkflowRole>(r, ignoreCase: true, out var role) ? role : (WorkflowRole?)null)
            .OfType<WorkflowRole>()
            .ToHashSet();
        var kind = row.Organization?.Kind switch
        {
            Domain.Organizations.OrganizationKind.City => OrganizationKind.City,
            Domain.Organizations.OrganizationKind.Platform => OrganizationKind.Platform,
            Domain.Organizations.OrganizationKind.Ministry => OrganizationKind.Ministry,
            _ => OrganizationKind.Admin,
        };
        return new WorkflowActor(row.Id, row.DisplayName, roles, row.OrganizationCode ?? string.Empty, kind, row.Organization?.Country.ToString());
    }
}
