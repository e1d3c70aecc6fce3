namespace CityCoop.Server.Auth;

/// <summary>
/// Why a bearer token was refused although its signature and lifetime are good: the account was deactivated, deleted or
/// changed (security stamp rotated) after the token was issued. Answered as 401 with problem code <c>account-changed</c>.
/// </summary>
public sealed class AccountChangedException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public AccountChangedException()
        : base("The account was deactivated or changed after this token was issued; sign in again.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AccountChangedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, wrapping another.</summary>
    public AccountChangedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
