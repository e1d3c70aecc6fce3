using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CityCoop.Server.Auth;

/// <summary>
/// Authenticates every request against the account's current state, not the claims frozen in a token or cookie: the
/// account must still exist and be active and its security stamp must be the one the token or cookie was issued with;
/// the principal's roles, organisation and name are then rebuilt from the database, so a role change counts at once.
/// One database round trip (<see cref="CurrentActor.AccountAsync"/>), reused by the rest of the request.
/// </summary>
public static class AccountRevalidation
{
    /// <summary>The principal rebuilt from the account, or null when the account is gone, deactivated or its stamp changed.</summary>
    /// <param name="principal">The principal the token or cookie carries.</param>
    /// <param name="stampClaimType">The claim holding the stamp as issued: <see cref="TokenIssuer.StampClaim"/> (a digest) or Identity's stamp claim.</param>
    /// <param name="digest">True when the claim holds <see cref="Digest"/> of the stamp (bearer tokens, readable by their holder), false for the stamp itself (the cookie is encrypted).</param>
    /// <param name="current">The request's account reader.</param>
    public static async Task<ClaimsPrincipal?> RevalidateAsync(ClaimsPrincipal principal, string stampClaimType, bool digest, CurrentActor current)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(current);
        var id = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var issued = principal.FindFirstValue(stampClaimType);
        if (id is null || issued is null || await current.AccountAsync(id) is not { } account)
        {
            return null;
        }

        var expected = digest ? Digest(account.SecurityStamp) : account.SecurityStamp ?? string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(issued), Encoding.UTF8.GetBytes(expected)))
        {
            return null;
        }

        return Rebuild(principal, account);
    }

    /// <summary>
    /// What a bearer token carries instead of the stamp (base64url SHA-256): enough to tell a rotated stamp, while the
    /// stamp itself, which Identity also keys one-time codes with, stays in the database.
    /// </summary>
    public static string Digest(string? securityStamp) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? string.Empty)));

    private static ClaimsPrincipal Rebuild(ClaimsPrincipal principal, AccountState account)
    {
        var old = (ClaimsIdentity)principal.Identity!;
        var identity = new ClaimsIdentity(old.AuthenticationType, old.NameClaimType, old.RoleClaimType);
        identity.AddClaims(old.Claims.Where(c => c.Type != old.RoleClaimType && c.Type != ClaimTypes.Role && c.Type != TokenIssuer.OrganizationClaim && c.Type != "name"));
        identity.AddClaim(new Claim("name", account.DisplayName));
        if (account.OrganizationCode is { } org)
        {
            identity.AddClaim(new Claim(TokenIssuer.OrganizationClaim, org));
        }

        identity.AddClaims(account.Roles.Select(r => new Claim(old.RoleClaimType, r)));
        return new ClaimsPrincipal(identity);
    }
}
