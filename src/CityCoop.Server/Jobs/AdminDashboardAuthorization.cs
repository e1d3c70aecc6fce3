using CityCoop.Infrastructure.Identity;
using Hangfire.Dashboard;

namespace CityCoop.Server.Jobs;

/// <summary>
/// Lets only admins see the Hangfire dashboard. The user comes from the CityCoop policy scheme (cookie or bearer), which
/// authentication ran before the dashboard; Hangfire answers 401 to an anonymous caller and 403 to a signed-in non-admin.
/// </summary>
public sealed class AdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    /// <inheritdoc/>
    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        return Task.FromResult(user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin));
    }
}
