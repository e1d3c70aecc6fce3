namespace CityCoop.Server.Auth;

/// <summary>
/// Limits on password sign-in attempts (<c>RateLimits:*</c>), for the token endpoint and the sign-in page together.
/// The per-account limit stays below Identity's lock-out threshold (5 failures lock an account for 15 minutes), so a
/// burst of wrong passwords from a stranger is refused with 429 before it can lock the owner out.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "RateLimits";

    /// <summary>Per client address (IPv4 address, or IPv6 /64 network): a fixed window, default 10 attempts a minute.</summary>
    public RateLimitWindow PerAddress { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Per account (the normalised email typed, whether or not such an account exists): a sliding window of five
    /// segments, default 4 attempts in any 5 minutes.
    /// </summary>
    public RateLimitWindow PerAccount { get; set; } = new() { PermitLimit = 4, Window = TimeSpan.FromMinutes(5) };
}

/// <summary>At most <see cref="PermitLimit"/> attempts per <see cref="Window"/>.</summary>
public sealed class RateLimitWindow
{
    /// <summary>Attempts allowed per window; at least 1.</summary>
    public int PermitLimit { get; set; }

    /// <summary>Length of the window; more than zero (e.g. <c>00:01:00</c>).</summary>
    public TimeSpan Window { get; set; }
}
