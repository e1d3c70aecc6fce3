namespace CityCoop.Infrastructure.Security;

/// <summary>
/// One row of the append-only security audit log (table <c>security_audit</c>): who did what, when and from where.
/// Rows are only ever inserted, through <see cref="SecurityAuditLog"/>; nothing in the code updates or deletes them.
/// </summary>
public sealed class SecurityAuditEntry
{
    /// <summary>Increasing identifier; among rows of one instant, the later row has the larger id.</summary>
    public long Id { get; init; }

    /// <summary>When it happened, UTC, on the server's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>What happened: one of <see cref="SecurityEvents.All"/>, e.g. <c>sign-in-failed</c>.</summary>
    public required string Event { get; init; }

    /// <summary>Through which door: <c>api</c>, <c>page</c>, <c>dashboard</c> (Hangfire) or <c>cli</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The acting user's id, or null when unknown (a sign-in with an unknown email, the command line).</summary>
    public string? UserId { get; init; }

    /// <summary>The acting user's email, or the email typed in a sign-in attempt.</summary>
    public string? Email { get; init; }

    /// <summary>The client's IP address as the server saw it, or null (command line).</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>The client's User-Agent (at most 512 characters), or the command line and OS user.</summary>
    public string? UserAgent { get; init; }

    /// <summary>
    /// What it was about: <c>proposal:{id}</c>, <c>user:{email}</c>, or the method and path refused
    /// (<c>GET /api/admin/mail</c>); null when the event concerns only the actor (a sign-in).
    /// </summary>
    public string? Target { get; init; }

    /// <summary>More about it, e.g. the failure reason (<c>wrong-password</c>) or <c>roles city → platform</c>.</summary>
    public string? Details { get; init; }
}
