using System.Security.Claims;
using CityCoop.Domain.Workflows;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Auth;

/// <summary>
/// Turns the signed-in principal into a <see cref="WorkflowActor"/> read fresh from the database, so a
/// deactivated user or a changed role takes effect at once, whatever the token says.
/// </summary>
public sealed class CurrentActor(UserManager<CityCoopUser> users, CityCoopDbContext db)
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

        var user = await users.FindByIdAsync(id);
        if (user is null || !user.IsActive)
        {
            return null;
        }

        var roles = (await users.GetRolesAsync(user))
            .Select(r => Enum.TryParse<WorkflowRole>(r, ignoreCase: true, out var role) ? role : (WorkflowRole?)null)
            .OfType<WorkflowRole>()
            .ToHashSet();
        var organization = user.OrganizationCode is null ? null : await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == user.OrganizationCode);
        var kind = organization?.Kind switch
        {
            Domain.Organizations.OrganizationKind.City => OrganizationKind.City,
            Domain.Organizations.OrganizationKind.Platform => OrganizationKind.Platform,
            Domain.Organizations.OrganizationKind.Ministry => OrganizationKind.Ministry,
            _ => OrganizationKind.Admin,
        };
        return new WorkflowActor(user.Id, user.DisplayName, roles, user.OrganizationCode ?? string.Empty, kind, organization?.Country.ToString());
    }
}
