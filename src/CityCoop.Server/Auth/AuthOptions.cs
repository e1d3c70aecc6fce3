namespace CityCoop.Server.Auth;

/// <summary>Bearer-token settings (<c>Auth:*</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>Base64 HMAC-SHA256 key, at least 32 bytes. When empty, a key is generated once and kept in the data folder.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of an access token; default one hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Issuer and audience written into tokens.</summary>
    public string Issuer { get; set; } = "citycoop";

    /// <summary>
    /// Consecutive wrong passwords after which an account is locked for 15 minutes; default 100, the most NIST SP 800-63B
    /// (5.2.2) allows. It is high on purpose: the per-account sign-in rate limit (<c>RateLimits:PerAccount</c>, 4 per 5
    /// minutes) is what stops guessing, and a low lock-out would let a stranger lock the owner out with a few wrong tries.
    /// </summary>
    public int LockoutAfterFailures { get; set; } = 100;

    /// <summary>Checks the values; <see cref="Hosting.InvalidSettingException"/> names the key of the first wrong one.</summary>
    public void Check()
    {
        if (TokenLifetime <= TimeSpan.Zero)
        {
            throw new Hosting.InvalidSettingException($"Auth:TokenLifetime must be a positive time span such as 01:00:00, not {TokenLifetime}.");
        }

        if (LockoutAfterFailures < 1)
        {
            throw new Hosting.InvalidSettingException($"Auth:LockoutAfterFailures must be at least 1, not {LockoutAfterFailures}.");
        }
    }
}
