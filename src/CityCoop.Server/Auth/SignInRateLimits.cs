using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.RateLimiting;
using CityCoop.Infrastructure.Identity;
using CityCoop.Server.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CityCoop.Server.Auth;

/// <summary>
/// Rate limits on password sign-in (the token endpoint and the sign-in page, marked with <see cref="Marker"/>) with
/// ASP.NET Core's rate limiter: per client address and per account, chained, so either refuses. A refusal answers 429
/// with <c>Retry-After</c> in seconds: problem details with code <c>too-many-sign-in-attempts</c> from the API, the
/// status page for 429 (<c>/status/429</c>, in the reader's language) for the page.
/// </summary>
public static class SignInRateLimits
{
    /// <summary>Endpoint metadata marking a password sign-in; only its POSTs count.</summary>
    public static object Marker { get; } = new SignInAttemptMarker();

    // Sign-in bodies are an email and a password; anything much larger is not a sign-in.
    private const int MaxBodyBytes = 16 * 1024;

    /// <summary>Binds and checks <see cref="RateLimitOptions"/> and registers the limiter.</summary>
    /// <exception cref="InvalidSettingException">A limit is below 1 or a window not positive.</exception>
    public static void AddCityCoopRateLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limits = builder.Configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        Check(limits.PerAddress, "PerAddress");
        Check(limits.PerAccount, "PerAccount");
        builder.Services.AddSingleton(limits);

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignInAttempt(http)
                    ? RateLimitPartition.GetFixedWindowLimiter(AddressKey(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PerAddress.PermitLimit,
                        Window = limits.PerAddress.Window,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignInAttempt(http) && http.Features.Get<SignInAccountKey>() is { } account
                    // A fixed window, like the address's: its refusal knows when the window ends, so Retry-After is the truth.
                    ? RateLimitPartition.GetFixedWindowLimiter(account.NormalizedEmail, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PerAccount.PermitLimit,
                        Window = limits.PerAccount.Window,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
            o.OnRejected = async (context, _) =>
            {
                var http = context.HttpContext;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.PerAccount.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await Results.Problem(
                        title: "Too many sign-in attempts.",
                        detail: $"Too many sign-in attempts from this address or for this account. Try again in {seconds} seconds.",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        extensions: new Dictionary<string, object?> { ["code"] = "too-many-sign-in-attempts", ["retryAfterSeconds"] = seconds })
                        .ExecuteAsync(http);
                }

                // A page request is left without a body: the status-code pages re-execute /status/429 for it.
            };
        });
    }

    /// <summary>
    /// Adds the limiter after routing (it reads the endpoint's <see cref="Marker"/>), preceded by reading the account
    /// of a sign-in attempt from its JSON body or form, which the account partition needs and a partition function
    /// cannot read (it is synchronous). Start-up warns when the per-account limit would let a burst reach the lock-out.
    /// </summary>
    public static void UseCityCoopRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.Services.GetRequiredService<RateLimitOptions>();
        var lockout = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Lockout.MaxFailedAccessAttempts;
        if (limits.PerAccount.PermitLimit >= lockout)
        {
            // When serving only: a command's output is for its reader, not for the server's warnings.
            app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogWarning(
                "RateLimits:PerAccount:PermitLimit is {Limit}, not below the lock-out after {Lockout} failures: a burst of wrong passwords can lock an account.",
                limits.PerAccount.PermitLimit,
                lockout));
        }

        app.Use(async (http, next) =>
        {
            if (IsSignInAttempt(http))
            {
                var (email, tooLarge) = await ReadEmailAsync(http);
                if (tooLarge)
                {
                    await Results.Problem(
                        title: "Request too large.",
                        detail: $"A sign-in request carries an email and a password; this one is over {MaxBodyBytes / 1024} KB.",
                        statusCode: StatusCodes.Status413PayloadTooLarge,
                        extensions: new Dictionary<string, object?> { ["code"] = "body-too-large" })
                        .ExecuteAsync(http);
                    return;
                }

                if (!string.IsNullOrWhiteSpace(email))
                {
                    var normalizer = http.RequestServices.GetRequiredService<ILookupNormalizer>();
                    http.Features.Set(new SignInAccountKey(normalizer.NormalizeEmail(email.Trim())));
                }
            }

            await next(http);
        });
        app.UseRateLimiter();
    }

    private static bool IsSignInAttempt(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<SignInAttemptMarker>() is not null;

    // One partition per IPv4 address; per /64 network for IPv6, since one client commonly holds a whole /64.
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    // The email exactly as the endpoint will bind it: the page's form field, or the token body read with the API's own
    // JSON options (so duplicate or oddly cased properties resolve the same way). The body is rewound for the endpoint.
    private static async Task<(string? Email, bool TooLarge)> ReadEmailAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            return (form["email"].FirstOrDefault(), false);
        }

        request.EnableBuffering();
        using var copy = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            copy.Write(chunk, 0, read);
            if (copy.Length > MaxBodyBytes)
            {
                return (null, true);
            }
        }

        request.Body.Position = 0;
        copy.Position = 0;
        try
        {
            var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return ((await JsonSerializer.DeserializeAsync<TokenEndpoints.TokenRequest>(copy, json, http.RequestAborted))?.Email, false);
        }
        catch (JsonException)
        {
            // Not a token request the endpoint can bind either: it answers 400 without checking any password.
            return (null, false);
        }
    }

    private static void Check(RateLimitWindow window, string name)
    {
        if (window.PermitLimit < 1)
        {
            throw new InvalidSettingException($"RateLimits:{name}:PermitLimit must be at least 1, not {window.PermitLimit}.");
        }

        if (window.Window <= TimeSpan.Zero)
        {
            throw new InvalidSettingException($"RateLimits:{name}:Window must be a positive time span such as 00:01:00, not {window.Window}.");
        }
    }

    private sealed class SignInAttemptMarker;

    private sealed record SignInAccountKey(string NormalizedEmail);
}
