using System.Security.Claims;
using CityCoop.Infrastructure.Security;

namespace CityCoop.Server.Security;

/// <summary>
/// The origin of an audit row in the server: the current request's signed-in user, client address and User-Agent,
/// and which door it came through (<c>/api</c>, <c>/hangfire</c> or a page); outside a request, the command line.
/// </summary>
public sealed class HttpAuditOrigin(IHttpContextAccessor accessor) : IAuditOriginSource
{
    /// <inheritdoc/>
    public AuditOrigin Current
    {
        get
        {
            if (accessor.HttpContext is not { } http)
            {
                return AuditOrigin.CommandLine;
            }

            // Inside the Hangfire dashboard the request's PathBase holds /hangfire.
            var path = http.Request.PathBase.Add(http.Request.Path);
            var channel = path.StartsWithSegments("/api") ? "api" : path.StartsWithSegments("/hangfire") ? "dashboard" : "page";
            var user = http.User;
            return new AuditOrigin(
                channel,
                user.FindFirstValue("sub"),
                user.FindFirstValue("email") ?? user.FindFirstValue(ClaimTypes.Email),
                http.Connection.RemoteIpAddress?.ToString(),
                http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
        }
    }
}
