using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Organizations;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Security;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OrganizationKind = CityCoop.Domain.Organizations.OrganizationKind;

namespace CityCoop.Infrastructure.Identity;

/// <summary>
/// Creates, lists and changes accounts. Enforces issue 2's membership rule: a <c>city</c> user belongs to exactly one
/// city organisation, a <c>platform</c> user to a platform, a <c>ministry</c> user to a ministry. Every change that
/// takes rights away or changes them (deactivation, reactivation, role change, password reset) rotates the account's
/// security stamp, so tokens and cookies issued before stop working on their next request, and is written to the
/// security audit log.
/// </summary>
public sealed class UserAdministration(UserManager<CityCoopUser> users, RoleManager<IdentityRole> roles, CityCoopDbContext db, SecurityAuditLog audit)
{
    /// <summary>
    /// Creates a user with one role; returns every problem at once (empty on success), in the current UI culture's
    /// language (<see cref="LocalizedIdentityErrors"/>), and creates nothing on failure. A control character in the email,
    /// organisation or name (<see cref="TextRules"/>) is refused before anything is looked up: PostgreSQL would fail on it.
    /// </summary>
    /// <remarks>
    /// <paramref name="passwordHash"/>, when given, is a hash of <paramref name="password"/> made by the same
    /// <see cref="IPasswordHasher{TUser}"/>, stored instead of hashing again: only for accounts that share a password
    /// everyone knows (the demo accounts: one hash takes about 0.1 s, seven of them most of a second of a first start).
    /// The password's rules are checked all the same.
    /// </remarks>
    public async Task<IReadOnlyList<string>> AddAsync(string email, string password, string role, string? organizationCode, string? displayName = null, string? language = null, string? passwordHash = null)
    {
        var refused = new (string Field, string? Value)[] { ("email", email), ("organization", organizationCode), ("name", displayName) }
            .Where(f => TextRules.WhyNot(f.Field, f.Value, TextKind.SingleLine) is not null)
            .Select(f => LocalizedIdentityErrors.TextRefused(f.Field).Description)
            .ToList();
        if (refused.Count > 0)
        {
            return refused;
        }

        var problems = new List<IdentityError>();
        if (string.IsNullOrWhiteSpace(email))
        {
            problems.Add(LocalizedIdentityErrors.Required("email"));
        }

        if (string.IsNullOrEmpty(password))
        {
            problems.Add(LocalizedIdentityErrors.Required("password"));
        }

        Organization? organization = null;
        if (!string.IsNullOrWhiteSpace(organizationCode))
        {
            organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == organizationCode);
            if (organization is null)
            {
                problems.Add(LocalizedIdentityErrors.UnknownOrganization(organizationCode));
            }
        }

        if (!Roles.All.Contains(role))
        {
            problems.Add(LocalizedIdentityErrors.UnknownRole(role));
        }
        else if (ExpectedKind(role) is { } expected && organization?.Kind != expected && (organization is not null || string.IsNullOrWhiteSpace(organizationCode)))
        {
            problems.Add(LocalizedIdentityErrors.WrongOrganizationKind(role));
        }

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

        // Identity stops at the first failing validator group; the admin should see the email and password problems together.
        if (!string.IsNullOrWhiteSpace(email))
        {
            foreach (var validator in users.UserValidators)
            {
                problems.AddRange((await validator.ValidateAsync(users, user)).Errors);
            }
        }

        if (!string.IsNullOrEmpty(password))
        {
            foreach (var validator in users.PasswordValidators)
            {
                problems.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
            }
        }

        // The email is also the sign-in name, so a taken email is reported once, not again as a taken user name.
        if (problems.Any(p => p.Code == nameof(IdentityErrorDescriber.DuplicateEmail)))
        {
            problems.RemoveAll(p => p.Code == nameof(IdentityErrorDescriber.DuplicateUserName));
        }

        if (problems.Count > 0)
        {
            return [.. problems.Select(p => p.Description).Distinct()];
        }

        await EnsureRolesAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        user.PasswordHash = passwordHash;
        var created = passwordHash is null ? await users.CreateAsync(user, password) : await users.CreateAsync(user);
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
        await audit.RecordAsync(SecurityEvents.UserCreated, Target(user), $"role {role}, organisation {organizationCode ?? "none"}");
        return [];
    }

    /// <summary>
    /// Deactivates (false) or reactivates (true) an account and renews its security stamp in the same save, so a
    /// deactivated user's tokens and cookies stop working and a reactivated user must sign in again; their open tasks
    /// stay with role and organisation. Returns the user, or null when unknown.
    /// </summary>
    public async Task<CityCoopUser?> SetActiveAsync(string userId, bool active)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        user.IsActive = active;
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(active ? SecurityEvents.UserReactivated : SecurityEvents.UserDeactivated, Target(user));
        return user;
    }

    /// <summary>
    /// Gives an account exactly one role (and the organisation that role needs; none for admin) and rotates its
    /// security stamp. Returns every problem at once in the current UI culture's language (empty on success; nothing
    /// changes on failure), or null when the user is unknown.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ChangeRoleAsync(string userId, string role, string? organizationCode)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        var problems = new List<IdentityError>();
        Organization? organization = null;
        if (!string.IsNullOrWhiteSpace(organizationCode))
        {
            organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == organizationCode);
            if (organization is null)
            {
                problems.Add(LocalizedIdentityErrors.UnknownOrganization(organizationCode));
            }
        }

        if (!Roles.All.Contains(role))
        {
            problems.Add(LocalizedIdentityErrors.UnknownRole(role));
        }
        else if (ExpectedKind(role) is { } expected && organization?.Kind != expected && (organization is not null || string.IsNullOrWhiteSpace(organizationCode)))
        {
            problems.Add(LocalizedIdentityErrors.WrongOrganizationKind(role));
        }

        if (problems.Count > 0)
        {
            return [.. problems.Select(p => p.Description).Distinct()];
        }

        var before = await users.GetRolesAsync(user);
        var organizationBefore = user.OrganizationCode;
        await EnsureRolesAsync();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var removed = await users.RemoveFromRolesAsync(user, before);
            var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
            if (!added.Succeeded)
            {
                return [.. added.Errors.Select(e => e.Description)];
            }

            user.OrganizationCode = organization?.Code;
            await users.UpdateSecurityStampAsync(user);
            await tx.CommitAsync();
        }

        await audit.RecordAsync(
            SecurityEvents.RoleChanged,
            Target(user),
            $"roles {string.Join(",", before.Order(StringComparer.Ordinal))} → {role}; organisation {organizationBefore ?? "-"} → {user.OrganizationCode ?? "-"}");
        return [];
    }

    /// <summary>
    /// Sets a new password for an account (an administrator helping someone who forgot theirs), lifts a lock-out and
    /// rotates the security stamp (Identity's reset does). Returns the password rules broken, in the current UI
    /// culture's language (empty on success; nothing changes on failure), or null when the user is unknown.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ResetPasswordAsync(string userId, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            return [LocalizedIdentityErrors.Required("password").Description];
        }

        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), newPassword);
        if (!reset.Succeeded)
        {
            return [.. reset.Errors.Select(e => e.Description).Distinct()];
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(SecurityEvents.PasswordReset, Target(user));
        return [];
    }

    private static string Target(CityCoopUser user) => $"user:{user.Email}";

    private static OrganizationKind? ExpectedKind(string role) => role switch
    {
        Roles.City => OrganizationKind.City,
        Roles.Platform => OrganizationKind.Platform,
        Roles.Ministry => OrganizationKind.Ministry,
        _ => null,
    };

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
