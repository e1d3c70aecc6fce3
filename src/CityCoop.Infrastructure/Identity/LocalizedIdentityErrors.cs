using System.Globalization;
using CityCoop.Infrastructure.Texts;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity;

namespace CityCoop.Infrastructure.Identity;

/// <summary>
/// ASP.NET Core Identity's account and password messages, plus the programme's membership rules, in the language of
/// the current UI culture (zh, ja, else English): the admin page shows them to a Chinese or Japanese admin as is, the
/// CLI (invariant culture) prints English. Codes stay Identity's, so callers can still branch on them.
/// </summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    /// <summary>The messages' resources (<see cref="IdentityStrings"/>), for the completeness test.</summary>
    public static TextCatalog Catalog { get; } = new(typeof(IdentityStrings));

    private static string Language => Domain.Languages.Code(CultureInfo.CurrentUICulture.Name);

    private static IdentityError Error(string code, params object?[] args) => Keyed(code, code, args);

    private static IdentityError Keyed(string code, string key, params object?[] args) =>
        new() { Code = code, Description = Catalog.Format(key, Language, args) };

    /// <inheritdoc />
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email);

    /// <inheritdoc />
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName);

    /// <inheritdoc />
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), email);

    /// <inheritdoc />
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);

    /// <inheritdoc />
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);

    /// <inheritdoc />
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));

    /// <inheritdoc />
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));

    /// <inheritdoc />
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));

    /// <summary>A field holds a character <see cref="TextRules"/> refuses (a control character, a broken one); nothing is looked up or saved.</summary>
    public static IdentityError TextRefused(string field) => Error("TextRefused", field);

    /// <summary>The role is not one of city, platform, ministry, admin.</summary>
    public static IdentityError UnknownRole(string role) =>
        Error("UnknownRole", string.Join(Catalog.Format("list", Language), Roles.All), role);

    /// <summary>The organisation code names no organisation.</summary>
    public static IdentityError UnknownOrganization(string code) => Error("UnknownOrganization", code);

    /// <summary>programme.md "Who takes part": a city/platform/ministry user belongs to an organisation of that kind.</summary>
    public static IdentityError WrongOrganizationKind(string role) =>
        Error("WrongOrganizationKind", Catalog.Find("kind." + role, Language) ?? role);

    /// <summary>A required field (<c>email</c> or <c>password</c>) was left empty.</summary>
    public static IdentityError Required(string field) => Keyed("Required", "Required." + field, field);
}
