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
}
