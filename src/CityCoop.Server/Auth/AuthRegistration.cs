using System.Security.Claims;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace CityCoop.Server.Auth;

/// <summary>
/// Cookie sign-in for pages and bearer tokens for the API, chosen per request by the Authorization header. Either is
/// checked on every request against the account as it is now (<see cref="AccountRevalidation"/>): a deactivated account
/// or a rotated security stamp answers 401 (the API) or signs the cookie out (pages, which then ask to sign in).
/// </summary>
public static class AuthRegistration
{
    /// <summary>Name of the policy scheme that picks cookie or bearer.</summary>
    public const string Scheme = "CityCoop";

    /// <summary>Authorization policy: platform, ministry and admin users may read reports.</summary>
    public const string ReportReaders = "report-readers";

    /// <summary>Authorization policy: administrators only (the admin pages).</summary>
    public const string Admins = "admins";

    /// <summary>Registers authentication, the token issuer and the authorization policies.</summary>
    public static void AddCityCoopAuth(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);
        var options = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        options.Check();
        builder.Services.Configure<IdentityOptions>(o => o.Lockout.MaxFailedAccessAttempts = options.LockoutAfterFailures);
        var key = SigningKeyStore.Load(options.SigningKey, database.DataDirectory);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new TokenIssuer(key, options));
        builder.Services.Replace(ServiceDescriptor.Scoped<UserManager<CityCoopUser>, CityCoopUserManager>());
        builder.Services.AddScoped<CredentialCheck>();

        builder.Services
            .AddAuthentication(Scheme)
            // The API takes bearer tokens only: a browser's cookie never authenticates /api, so a cross-site
            // form post cannot act there (pages have their own antiforgery-protected forms).
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api")
                || ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Issuer,
                    IssuerSigningKey = key,
                    ClockSkew = TimeSpan.Zero,
                    NameClaimType = "name",
                    RoleClaimType = ClaimTypes.Role,
                };
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var current = context.HttpContext.RequestServices.GetRequiredService<CurrentActor>();
                        var fresh = await AccountRevalidation.RevalidateAsync(context.Principal!, TokenIssuer.StampClaim, digest: true, current);
                        if (fresh is null)
                        {
                            context.Fail(new AccountChangedException());
                            return;
                        }

                        context.Principal = fresh;
                    },
                    OnChallenge = async context =>
                    {
                        if (context.AuthenticateFailure is not AccountChangedException changed)
                        {
                            return;
                        }

                        // Say why, so a client knows that signing in again (not retrying) is the way out.
                        context.HandleResponse();
                        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"account changed\"";
                        await Results.Problem(
                            title: "Sign in again.",
                            detail: changed.Message,
                            statusCode: StatusCodes.Status401Unauthorized,
                            extensions: new Dictionary<string, object?> { ["code"] = "account-changed" })
                            .ExecuteAsync(context.HttpContext);
                    },
                };
            })
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/signin";

                // A signed-in reader refused by a policy gets 403 and the status page in their language; the default
                // redirect went to /Account/AccessDenied, which is no page of ours (a 404).
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };

                // Identity's SecurityStampValidator with a zero interval would do the stamp check, but it reloads the
                // user, then rebuilds the principal with several queries and reissues the cookie on every request; this
                // is the same check (stamp claim written by the claims factory) plus IsActive, in one query.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var current = context.HttpContext.RequestServices.GetRequiredService<CurrentActor>();
                    var stampClaim = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
                    var fresh = context.Principal is null ? null : await AccountRevalidation.RevalidateAsync(context.Principal, stampClaim, digest: false, current);
                    if (fresh is null)
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        return;
                    }

                    context.ReplacePrincipal(fresh);
                };
            });

        // Bearer validation reads the clock through TimeProvider so tests can move time. IdentityModel checks
        // nbf/exp against DateTime.UtcNow whatever JwtBearerOptions.TimeProvider says, so the lifetime check is ours.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((o, time) =>
            {
                o.TimeProvider = time;
                o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = time.GetUtcNow().UtcDateTime;
                    return expires is { } exp && exp.ToUniversalTime() > now - parameters.ClockSkew
                        && (notBefore is not { } nbf || nbf.ToUniversalTime() <= now + parameters.ClockSkew);
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReportReaders, p => p.RequireRole(Roles.Platform, Roles.Ministry, Roles.Admin))
            .AddPolicy(Admins, p => p.RequireRole(Roles.Admin));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResultHandler>();
    }
}
