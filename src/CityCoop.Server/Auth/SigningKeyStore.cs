using System.Security.Cryptography;
using CityCoop.Server.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CityCoop.Server.Auth;

/// <summary>
/// The token signing key: from configuration, or generated once into <c>&lt;data dir&gt;/signing-key</c> so
/// tokens survive a restart of the embedded default. Several servers sharing a database must configure one key.
/// </summary>
public static class SigningKeyStore
{
    /// <summary>Loads or creates the key.</summary>
    /// <exception cref="InvalidSettingException">A configured key is not base64 or shorter than 32 bytes; start-up stops with the message and exit code 1.</exception>
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
                throw new InvalidSettingException("Auth:SigningKey is not base64; give base64 of at least 32 random bytes.");
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
            throw new InvalidSettingException("Auth:SigningKey must be at least 32 bytes (base64 of 32 random bytes).");
        }

        return new SymmetricSecurityKey(bytes);
    }
}
