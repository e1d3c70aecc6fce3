using CityCoop.Domain;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Security;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity;

namespace CityCoop.Server.Auth;

/// <summary>The outcome of a password check (<see cref="CredentialCheck"/>).</summary>
public abstract record CredentialResult
{
    /// <summary>Email and password are right; the account is active and not locked.</summary>
    /// <param name="User">The account.</param>
    public sealed record Succeeded(CityCoopUser User) : CredentialResult;

    /// <summary>Unknown email or wrong password (the two are answered alike).</summary>
    public sealed record WrongCredentials : CredentialResult;

    /// <summary>The account is deactivated.</summary>
    public sealed record Deactivated : CredentialResult;

    /// <summary>The account is locked after too many failures.</summary>
    /// <param name="User">The account.</param>
    /// <param name="Until">When the lock ends (UTC, server clock), or null when Identity gives none.</param>
    public sealed record LockedOut(CityCoopUser User, DateTimeOffset? Until) : CredentialResult;
}

/// <summary>
/// The one password check of the token endpoint and the sign-in page: Identity's check with its lock-out (5 failures,
/// 15 minutes), and each attempt, success or failure, and each lock-out it causes written to the security audit log.
/// </summary>
public sealed class CredentialCheck(UserManager<CityCoopUser> users, SignInManager<CityCoopUser> signIn, SecurityAuditLog audit)
{
    /// <summary>Checks <paramref name="email"/> (trimmed) and <paramref name="password"/>; never logs the password.</summary>
    public async Task<CredentialResult> CheckAsync(string email, string password)
    {
        ArgumentNullException.ThrowIfNull(email);
        email = email.Trim();
        // An address with a control character is no account's, and PostgreSQL would refuse a NUL in the lookup itself.
        var user = TextRules.WhyNot("email", email, TextKind.SingleLine) is null ? await users.FindByEmailAsync(email) : null;
        if (user is null)
        {
            await audit.RecordAsync(SecurityEvents.SignInFailed, details: SignInFailureReasons.UnknownAccount, email: email);
            return new CredentialResult.WrongCredentials();
        }

        if (!user.IsActive)
        {
            await FailedAsync(user, SignInFailureReasons.Deactivated);
            return new CredentialResult.Deactivated();
        }

        var lockedBefore = await users.IsLockedOutAsync(user);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(user);
            if (lockedBefore)
            {
                await FailedAsync(user, SignInFailureReasons.LockedOut);
            }
            else
            {
                // This wrong password was the one that locked the account.
                await FailedAsync(user, SignInFailureReasons.WrongPassword);
                await audit.RecordAsync(SecurityEvents.AccountLockedOut, $"user:{user.Email}", $"until {until:O}", user.Id, user.Email);
            }

            return new CredentialResult.LockedOut(user, until);
        }

        if (!result.Succeeded)
        {
            await FailedAsync(user, SignInFailureReasons.WrongPassword);
            return new CredentialResult.WrongCredentials();
        }

        await audit.RecordAsync(SecurityEvents.SignInSucceeded, userId: user.Id, email: user.Email);
        return new CredentialResult.Succeeded(user);
    }

    private Task FailedAsync(CityCoopUser user, string reason) =>
        audit.RecordAsync(SecurityEvents.SignInFailed, details: reason, userId: user.Id, email: user.Email);
}
