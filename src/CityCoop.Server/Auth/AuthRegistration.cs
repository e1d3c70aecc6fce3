using System.Security.Claims;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace CityCoop.Server.Auth;

/// <summary>Cookie sign-in for pages and bearer tokens for the API, chosen per request by the Authorization header.</summary>
public static class AuthRegistration
{
    /// <summary>Name of the policy scheme that picks cookie or bearer.</summary>
    public const string Scheme = "CityCoop";

    /// <summary>Authorization policy: platform, ministry and admin users may read reports.</summary>
    public const string ReportReaders = "report-readers";

    /// <summary>Registers authentication, the token issuer and the authorization policies.</summary>
    public static void AddCityCoopAuth(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);
        var options = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        var key = SigningKeyStore.Load(options.SigningKey, database.DataDirectory);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new TokenIssuer(key, options));
        builder.Services.Replace(ServiceDescriptor.Scoped<UserManager<CityCoopUser>, CityCoopUserManager>());

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
            })
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/signin";
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
            .AddPolicy(ReportReaders, p => p.RequireRole(Roles.Platform, Roles.Ministry, Roles.Admin));
    }
}
