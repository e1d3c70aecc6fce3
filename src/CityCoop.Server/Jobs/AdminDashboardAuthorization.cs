using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Security;
using Hangfire.Dashboard;

namespace CityCoop.Server.Jobs;

/// <summary>
/// Lets only admins see the Hangfire dashboard. The user comes from the CityCoop policy scheme (cookie or bearer), which
/// authentication ran before the dashboard and checked against the account's current state, so a deactivated admin is
/// anonymous here; Hangfire answers 401 to an anonymous caller and 403 to a signed-in non-admin, whose attempt is written
/// to the security audit log.
/// </summary>
public sealed class AdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    /// <inheritdoc/>
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }

        await http.RequestServices.GetRequiredService<SecurityAuditLog>().RecordAsync(SecurityEvents.AccessForbidden, $"{http.Request.Method} {http.Request.PathBase}{http.Request.Path}");
        return false;
    }
}
