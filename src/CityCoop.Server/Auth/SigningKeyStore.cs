using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CityCoop.Server.Auth;

/// <summary>
/// The token signing key: from configuration, or generated once into <c>&lt;data dir&gt;/signing-key</c> so
/// tokens survive a restart of the embedded default. Several servers sharing a database must configure one key.
/// </summary>
public static class SigningKeyStore
{
    /// <summary>Loads or creates the key.</summary>
    /// <exception cref="InvalidOperationException">A configured key is not base64 or shorter than 32 bytes.</exception>
    public static SymmetricSecurityKey Load(string? configured, string dataDirectory)
    {
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            try
            {
                bytes = Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("Auth:SigningKey is not base64.");
            }
        }
        else
        {
            var path = Path.Combine(dataDirectory, "signing-key");
            if (!File.Exists(path))
            {
                File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }

            bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64 of 32 random bytes).");
        }

        return new SymmetricSecurityKey(bytes);
    }
}
