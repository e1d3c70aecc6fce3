using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Organizations;
using CityCoop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Identity;

/// <summary>
/// Creates and lists accounts. Enforces issue 2's membership rule: a <c>city</c> user belongs to exactly one
/// city organisation, a <c>platform</c> user to a platform, a <c>ministry</c> user to a ministry.
/// </summary>
public sealed class UserAdministration(UserManager<CityCoopUser> users, RoleManager<IdentityRole> roles, CityCoopDbContext db)
{
    /// <summary>Creates a user with one role; returns the problems (empty on success) and creates nothing on failure.</summary>
    public async Task<IReadOnlyList<string>> AddAsync(string email, string password, string role, string? organizationCode, string? displayName = null, string? language = null)
    {
        var problems = new List<string>();
        if (!Roles.All.Contains(role))
        {
            problems.Add($"Role '{role}' is not one of {string.Join(", ", Roles.All)}.");
            return problems;
        }

        Organization? organization = null;
        if (!string.IsNullOrWhiteSpace(organizationCode))
        {
            organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == organizationCode);
            if (organization is null)
            {
                problems.Add($"Organisation '{organizationCode}' does not exist (e.g. city:shanghai, platform:jp, ministry:jp).");
                return problems;
            }
        }

        var expected = role switch
        {
            Roles.City => OrganizationKind.City,
            Roles.Platform => OrganizationKind.Platform,
            Roles.Ministry => OrganizationKind.Ministry,
            _ => (OrganizationKind?)null,
        };
        if (expected is not null && organization?.Kind != expected)
        {
            problems.Add($"A {role} user must belong to a {expected.ToString()!.ToLowerInvariant()} organisation.");
            return problems;
        }

        await EnsureRolesAsync();
        var country = organization?.Country;
        var user = new CityCoopUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName,
            OrganizationCode = organization?.Code,
            PreferredLanguage = language ?? (country == Domain.Cities.Country.CN ? "zh-CN" : country == Domain.Cities.Country.JP ? "ja-JP" : "en"),
            TimeZone = (country is { } c ? ProgrammeTimeZones.Of(c) : ProgrammeTimeZones.Tokyo).Id,
        };

        await using var tx = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return [.. created.Errors.Select(e => e.Description)];
        }

        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            return [.. added.Errors.Select(e => e.Description)];
        }

        await tx.CommitAsync();
        return problems;
    }

    /// <summary>Whether a user with this email exists.</summary>
    public async Task<bool> ExistsAsync(string email) => await users.FindByEmailAsync(email) is not null;

    /// <summary>Every user with its roles, ordered by email.</summary>
    public async Task<IReadOnlyList<(CityCoopUser User, IList<string> Roles)>> ListAsync()
    {
        var result = new List<(CityCoopUser, IList<string>)>();
        foreach (var user in await users.Users.OrderBy(u => u.Email).ToListAsync())
        {
            result.Add((user, await users.GetRolesAsync(user)));
        }

        return result;
    }

    /// <summary>Creates the four roles if missing.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
