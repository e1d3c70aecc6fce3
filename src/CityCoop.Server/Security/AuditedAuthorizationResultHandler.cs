using CityCoop.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CityCoop.Server.Security;

/// <summary>
/// Where every authorization policy refusal of a signed-in user ends (admin endpoints and pages, reports): writes it to
/// the security audit log, then answers the API with 403 problem details (code <c>forbidden</c>) and a page with the
/// not-found page, as the admin and report pages always have, so they do not show that they exist. Anonymous callers
/// are challenged as before (401, or the sign-in page).
/// </summary>
public sealed class AuditedAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    /// <inheritdoc/>
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden)
        {
            await standard.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        await context.RequestServices.GetRequiredService<SecurityAuditLog>().RecordAsync(SecurityEvents.AccessForbidden, $"{context.Request.Method} {context.Request.Path}");
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // No body: the status-code pages show the reader's not-found page.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await Results.Problem(
            title: "You may not open this.",
            detail: "Your role does not give access to this resource.",
            statusCode: StatusCodes.Status403Forbidden,
            extensions: new Dictionary<string, object?> { ["code"] = "forbidden" })
            .ExecuteAsync(context);
    }
}
