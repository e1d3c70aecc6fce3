using CityCoop.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Infrastructure.Security;

/// <summary>
/// The one writer of the security audit log: appends a row and never changes or removes one. Each row is saved
/// through its own short-lived context, so it neither saves nor waits for whatever the caller's context holds (a
/// refused step's tracked changes must not be committed with it) and it stays when the caller's work rolls back.
/// </summary>
public sealed class SecurityAuditLog(IServiceScopeFactory scopes, IAuditOriginSource origin, TimeProvider time)
{
    private const int MaxUserAgent = 512;
    private const int MaxText = 1000;

    /// <summary>
    /// Appends one event (<see cref="SecurityEvents"/>) with the current origin; <paramref name="userId"/> and
    /// <paramref name="email"/> name the actor when the request has no signed-in user yet (a sign-in attempt).
    /// </summary>
    public async Task RecordAsync(string eventCode, string? target = null, string? details = null, string? userId = null, string? email = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventCode);
        var from = origin.Current;
        var entry = new SecurityAuditEntry
        {
            At = time.GetUtcNow(),
            Event = eventCode,
            Channel = from.Channel,
            UserId = userId ?? from.UserId,
            Email = Clip(email ?? from.Email, 256),
            RemoteAddress = from.RemoteAddress,
            UserAgent = Clip(from.UserAgent, MaxUserAgent),
            Target = Clip(target, 512),
            Details = Clip(details, MaxText),
        };

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
        db.SecurityAudit.Add(entry);
        // Not the request's token: a client that hangs up must not erase the trace of what it tried.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    // What a stranger typed is evidence: control characters (a NUL, which PostgreSQL text refuses, or a line break that
    // would forge a line) are kept visible as \uXXXX instead of failing the write or being dropped.
    private static string? Clip(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Any(char.IsControl))
        {
            text = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        }

        return text.Length > max ? text[..max] : text;
    }
}
