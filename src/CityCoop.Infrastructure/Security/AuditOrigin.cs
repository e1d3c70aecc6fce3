namespace CityCoop.Infrastructure.Security;

/// <summary>Who is acting and from where, as the current request (or the command line) shows it.</summary>
/// <param name="Channel"><c>api</c>, <c>page</c>, <c>dashboard</c> or <c>cli</c>.</param>
/// <param name="UserId">The signed-in user's id, or null.</param>
/// <param name="Email">The signed-in user's email, or null.</param>
/// <param name="RemoteAddress">The client's IP address, or null.</param>
/// <param name="UserAgent">The client's User-Agent, or a description of the command line.</param>
public sealed record AuditOrigin(string Channel, string? UserId, string? Email, string? RemoteAddress, string? UserAgent)
{
    /// <summary>The command line: no address; the OS user and machine stand for the user agent.</summary>
    public static AuditOrigin CommandLine { get; } = new("cli", null, null, null, $"citycoop cli ({Environment.UserName}@{Environment.MachineName})");
}

/// <summary>Tells <see cref="SecurityAuditLog"/> the origin of what it records; the server reads it from the HTTP request.</summary>
public interface IAuditOriginSource
{
    /// <summary>The origin now.</summary>
    AuditOrigin Current { get; }
}

/// <summary>The origin outside any HTTP request: the command line.</summary>
public sealed class CommandLineOrigin : IAuditOriginSource
{
    /// <inheritdoc/>
    public AuditOrigin Current => AuditOrigin.CommandLine;
}
