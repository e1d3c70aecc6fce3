using Microsoft.AspNetCore.Identity;

namespace CityCoop.Infrastructure.Identity;

/// <summary>
/// A person who signs in: city staff, platform reviewer, ministry officer or admin. Belongs to exactly one
/// organisation (admins may have none); roles are ASP.NET Core Identity roles (see <see cref="Roles"/>).
/// </summary>
public sealed class CityCoopUser : IdentityUser
{
    /// <summary>Languages a user may choose for pages and email (the programme's three: Chinese, Japanese, English).</summary>
    public static IReadOnlyList<string> Languages { get; } = Domain.Languages.CultureNames;

    /// <summary>Time zones a user may choose (programme.md "Fiscal year and time": Japan Asia/Tokyo, China Asia/Shanghai).</summary>
    public static IReadOnlyList<string> TimeZones { get; } = ["Asia/Tokyo", "Asia/Shanghai"];

    /// <summary>Name shown to other users, e.g. "王芳 (Shanghai)".</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Organisation code, e.g. <c>city:shanghai</c> or <c>platform:jp</c>; null for an admin without one.</summary>
    public string? OrganizationCode { get; set; }

    /// <summary>Preferred language for pages and email: <c>zh-CN</c>, <c>ja-JP</c> or <c>en</c>.</summary>
    public string PreferredLanguage { get; set; } = "en";

    /// <summary>IANA time zone used to show times to this user (Asia/Tokyo or Asia/Shanghai).</summary>
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>True when the user takes one digest a day at 09:00 in their zone instead of an email per new task or reminder.</summary>
    public bool DailyDigest { get; set; }

    /// <summary>A deactivated user cannot sign in and holds no tasks.</summary>
    public bool IsActive { get; set; } = true;
}
