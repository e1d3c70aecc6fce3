using System.Security.Claims;
using CityCoop.Domain;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity;

namespace CityCoop.Server.Accounts;

/// <summary><c>GET/PUT /api/me</c>: the caller's account and notification preferences.</summary>
public static class PreferenceEndpoints
{
    /// <summary>
    /// The caller's account as shown to them: language (zh-CN, ja-JP, en), IANA time zone, and whether notices
    /// come one by one or as one daily digest at 09:00 in that zone (issue 4, item 7).
    /// </summary>
    public sealed record MeDto(string Email, string DisplayName, string? OrganizationCode, IReadOnlyList<string> Roles, string Language, string TimeZone, bool DailyDigest);

    /// <summary>Changes to the caller's preferences; null leaves a value as it is.</summary>
    public sealed record PreferencesRequest(string? Language, string? TimeZone, bool? DailyDigest);

    /// <summary>Maps the endpoints for any signed-in user.</summary>
    public static void MapPreferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me").RequireAuthorization().WithTags("Account");

        api.MapGet("/", async (HttpContext http, UserManager<CityCoopUser> users) =>
            await UserOfAsync(users, http) is { IsActive: true } user
                ? Results.Ok(await MeAsync(users, user))
                : Results.Problem(title: "Sign in again.", statusCode: StatusCodes.Status401Unauthorized))
            .WithSummary("The caller's account and preferences.");

        api.MapPut("/", async (PreferencesRequest body, HttpContext http, UserManager<CityCoopUser> users, DigestWriter digests) =>
        {
            if (await UserOfAsync(users, http) is not { IsActive: true } user)
            {
                return Results.Problem(title: "Sign in again.", statusCode: StatusCodes.Status401Unauthorized);
            }

            if (body.Language is { } language && !CityCoopUser.Languages.Contains(language))
            {
                return Invalid("language", language, CityCoopUser.Languages);
            }

            if (body.TimeZone is { } zone && !CityCoopUser.TimeZones.Contains(zone))
            {
                return Invalid("timeZone", zone, CityCoopUser.TimeZones);
            }

            if (user.DailyDigest && body.DailyDigest == false)
            {
                // Saved with the account below, in one SaveChanges.
                await digests.FlushAsync(user);
            }

            user.PreferredLanguage = body.Language ?? user.PreferredLanguage;
            user.TimeZone = body.TimeZone ?? user.TimeZone;
            user.DailyDigest = body.DailyDigest ?? user.DailyDigest;
            var saved = await users.UpdateAsync(user);
            return saved.Succeeded
                ? Results.Ok(await MeAsync(users, user))
                : Results.Problem(title: "Preferences not saved.", detail: string.Join(" ", saved.Errors.Select(e => e.Description)), statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = "preferences-not-saved" });
        }).WithSummary("Change language, time zone, or daily digest (true) vs immediate emails (false).");
    }

    // Bearer tokens carry the id as "sub", cookies as NameIdentifier.
    private static async Task<CityCoopUser?> UserOfAsync(UserManager<CityCoopUser> users, HttpContext http) =>
        (http.User.FindFirstValue("sub") ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier)) is { } id ? await users.FindByIdAsync(id) : null;

    private static async Task<MeDto> MeAsync(UserManager<CityCoopUser> users, CityCoopUser user) =>
        new(user.Email ?? string.Empty, user.DisplayName, user.OrganizationCode, [.. await users.GetRolesAsync(user)], user.PreferredLanguage, user.TimeZone, user.DailyDigest);

    private static IResult Invalid(string field, string value, IEnumerable<string> choices)
    {
        var allowed = string.Join(", ", choices);
        return InputProblem.Of(field, DomainText.Of("unknown-choice", $"{field} must be one of {allowed}.", ("field", field), ("value", value), ("allowed", allowed)));
    }
}
