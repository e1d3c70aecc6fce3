using CityCoop.Domain;
using CityCoop.Infrastructure.Identity;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity;

namespace CityCoop.Server.Auth;

/// <summary><c>POST /api/auth/token</c>: exchanges email and password for a bearer token.</summary>
public static class TokenEndpoints
{
    /// <summary>Body of a token request.</summary>
    public sealed record TokenRequest(string? Email, string? Password);

    /// <summary>A token response as in RFC 6749 §5.1 (<c>expires_in</c> in seconds).</summary>
    public sealed record TokenResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);

    /// <summary>
    /// Maps the endpoint. Wrong credentials and locked accounts answer 401 problem details; too many attempts from one
    /// address or for one account answer 429 with <c>Retry-After</c> (<see cref="SignInRateLimits"/>); passwords are never logged.
    /// </summary>
    public static void MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", async (TokenRequest request, CredentialCheck credentials, UserManager<CityCoopUser> users, TokenIssuer issuer, TimeProvider time) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            {
                var missing = string.IsNullOrWhiteSpace(request.Email) ? "email" : "password";
                return InputProblem.Of(missing, DomainText.Of("input-required", $"{missing} is required.", ("field", missing)));
            }

            // The address reaches the database's query; one with a control character is no address (and PostgreSQL refuses NUL).
            if (TextRules.WhyNot("email", request.Email, TextKind.SingleLine) is { } why)
            {
                return InputProblem.Of("email", why);
            }

            switch (await credentials.CheckAsync(request.Email, request.Password))
            {
                case CredentialResult.Succeeded ok:
                    var token = issuer.Issue(ok.User, await users.GetRolesAsync(ok.User), time.GetUtcNow());
                    return Results.Ok(new TokenResponse(token, "Bearer", (int)issuer.Lifetime.TotalSeconds));
                case CredentialResult.LockedOut locked:
                    return Results.Problem(
                        title: "Account locked.",
                        detail: $"Too many failed sign-ins. Try again after {locked.Until:yyyy-MM-dd HH:mm} UTC.",
                        statusCode: StatusCodes.Status401Unauthorized,
                        extensions: new Dictionary<string, object?> { ["code"] = "account-locked", ["lockedUntil"] = locked.Until });
                default:
                    // A deactivated account is answered like a wrong password: the API tells strangers nothing.
                    return WrongCredentials();
            }
        })
        .WithMetadata(SignInRateLimits.Marker)
        .AllowAnonymous()
        .WithTags("Auth")
        .WithSummary("Exchange email and password for a bearer token.")
        .Produces<TokenResponse>()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static IResult WrongCredentials() =>
        Results.Problem(
            title: "Wrong email or password.",
            statusCode: StatusCodes.Status401Unauthorized,
            extensions: new Dictionary<string, object?> { ["code"] = "wrong-credentials" });
}
