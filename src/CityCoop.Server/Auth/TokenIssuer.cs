using System.Security.Claims;
using CityCoop.Infrastructure.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CityCoop.Server.Auth;

/// <summary>
/// Issues signed JWT access tokens (HMAC-SHA256) carrying the user's id, name, roles, organisation and a digest of the
/// security stamp (<see cref="StampClaim"/>), which every request checks against the account (<see cref="AccountRevalidation"/>).
/// </summary>
public sealed class TokenIssuer(SymmetricSecurityKey key, AuthOptions options)
{
    /// <summary>Claim type of the user's organisation code.</summary>
    public const string OrganizationClaim = "org";

    /// <summary>Claim type of the digest of the security stamp the token was issued with (<see cref="AccountRevalidation.Digest"/>).</summary>
    public const string StampClaim = "stamp";

    /// <summary>Lifetime of issued tokens.</summary>
    public TimeSpan Lifetime => options.TokenLifetime;

    /// <summary>Creates a token valid from <paramref name="now"/> for <see cref="Lifetime"/>.</summary>
    public string Issue(CityCoopUser user, IEnumerable<string> roles, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(JwtRegisteredClaimNames.Email, user.Email ?? string.Empty),
            new("name", user.DisplayName),
            new(StampClaim, AccountRevalidation.Digest(user.SecurityStamp)),
        };
        if (user.OrganizationCode is { } org)
        {
            claims.Add(new Claim(OrganizationClaim, org));
        }

        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Issuer,
            Audience = options.Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(options.TokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
