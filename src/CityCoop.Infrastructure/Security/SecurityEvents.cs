namespace CityCoop.Infrastructure.Security;

/// <summary>The event codes of the security audit log (<see cref="SecurityAuditEntry.Event"/>), stable for filters and clients.</summary>
public static class SecurityEvents
{
    /// <summary>A password sign-in (token or page) succeeded.</summary>
    public const string SignInSucceeded = "sign-in-succeeded";

    /// <summary>A password sign-in failed; <see cref="SecurityAuditEntry.Details"/> says why (<see cref="SignInFailureReasons"/>).</summary>
    public const string SignInFailed = "sign-in-failed";

    /// <summary>This failed sign-in locked the account (Identity's lock-out: Auth:LockoutAfterFailures failures in a row, 15 minutes).</summary>
    public const string AccountLockedOut = "account-locked-out";

    /// <summary>An account was created (admin page, <c>users add</c> or the demo seed); details give its role and organisation.</summary>
    public const string UserCreated = "user-created";

    /// <summary>An account was deactivated (its security stamp rotated, so every token and cookie stops working).</summary>
    public const string UserDeactivated = "user-deactivated";

    /// <summary>A deactivated account was reactivated (stamp rotated again: old tokens stay invalid).</summary>
    public const string UserReactivated = "user-reactivated";

    /// <summary>An account's role (and organisation) changed.</summary>
    public const string RoleChanged = "role-changed";

    /// <summary>An administrator set a new password for an account.</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>A proposal the caller may not see was asked for and answered as not found (404).</summary>
    public const string ProposalHidden = "proposal-hidden";

    /// <summary>A workflow action (or a draft edit) was refused for role or organisation (403).</summary>
    public const string ActionForbidden = "action-forbidden";

    /// <summary>A signed-in user was refused an admin or report endpoint, page or the jobs dashboard.</summary>
    public const string AccessForbidden = "access-forbidden";

    /// <summary>Every event code, in the order the admin page lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SignInSucceeded, SignInFailed, AccountLockedOut, UserCreated, UserDeactivated, UserReactivated, RoleChanged, PasswordReset,
        ProposalHidden, ActionForbidden, AccessForbidden,
    ];
}

/// <summary>Why a sign-in failed (<see cref="SecurityAuditEntry.Details"/> of <see cref="SecurityEvents.SignInFailed"/>).</summary>
public static class SignInFailureReasons
{
    /// <summary>No account has this email.</summary>
    public const string UnknownAccount = "unknown-account";

    /// <summary>The account exists but the password is wrong.</summary>
    public const string WrongPassword = "wrong-password";

    /// <summary>The account is deactivated (the password was not checked).</summary>
    public const string Deactivated = "deactivated";

    /// <summary>The account is locked after too many failures.</summary>
    public const string LockedOut = "locked-out";
}
