using System.Globalization;
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
    private static string Pick(string en, string zh, string ja) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "zh" => zh, "ja" => ja, _ => en };

    private static IdentityError Error(string code, string en, string zh, string ja) => new() { Code = code, Description = Pick(en, zh, ja) };

    /// <inheritdoc />
    public override IdentityError InvalidEmail(string? email) =>
        Error(nameof(InvalidEmail), $"Email '{email}' is not a valid address.", $"邮箱“{email}”不是有效地址。", $"メールアドレス「{email}」は正しくありません。");

    /// <inheritdoc />
    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), $"'{userName}' cannot be used as a sign-in name.", $"“{userName}”不能用作登录名。", $"「{userName}」はサインイン名に使えません。");

    /// <inheritdoc />
    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), $"An account with email '{email}' already exists.", $"邮箱“{email}”的账户已存在。", $"メールアドレス「{email}」のアカウントは既にあります。");

    /// <inheritdoc />
    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), $"An account named '{userName}' already exists.", $"登录名“{userName}”已存在。", $"サインイン名「{userName}」は既に使われています。");

    /// <inheritdoc />
    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), $"The password needs at least {length} characters.", $"密码至少需要 {length} 个字符。", $"パスワードは {length} 文字以上にしてください。");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"The password needs at least {uniqueChars} different characters.", $"密码至少需要 {uniqueChars} 个不同的字符。", $"パスワードには {uniqueChars} 種類以上の文字を使ってください。");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "The password needs a symbol (e.g. - or !).", "密码需要包含一个符号（如 - 或 !）。", "パスワードに記号（- や ! など）を入れてください。");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresDigit() =>
        Error(nameof(PasswordRequiresDigit), "The password needs a digit (0-9).", "密码需要包含一个数字（0-9）。", "パスワードに数字（0-9）を入れてください。");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresLower() =>
        Error(nameof(PasswordRequiresLower), "The password needs a lower-case letter (a-z).", "密码需要包含一个小写字母（a-z）。", "パスワードに英小文字（a-z）を入れてください。");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUpper() =>
        Error(nameof(PasswordRequiresUpper), "The password needs an upper-case letter (A-Z).", "密码需要包含一个大写字母（A-Z）。", "パスワードに英大文字（A-Z）を入れてください。");

    /// <summary>A field holds a character <see cref="TextRules"/> refuses (a control character, a broken one); nothing is looked up or saved.</summary>
    public static IdentityError TextRefused(string field) =>
        Error("TextRefused", $"The {field} contains a control character or a broken one; remove it.", $"{field}中含有控制字符或无法识别的字符，请删除。", $"{field}に制御文字または読み取れない文字が含まれています。削除してください。");

    /// <summary>The role is not one of city, platform, ministry, admin.</summary>
    public static IdentityError UnknownRole(string role) =>
        Error("UnknownRole", $"Choose a role: {string.Join(", ", Roles.All)} ('{role}' is none of them).", $"请选择角色：{string.Join("、", Roles.All)}（“{role}”不在其中）。", $"ロールを選んでください：{string.Join("、", Roles.All)}（「{role}」は該当しません）。");

    /// <summary>The organisation code names no organisation.</summary>
    public static IdentityError UnknownOrganization(string code) =>
        Error("UnknownOrganization", $"Organisation '{code}' does not exist (e.g. city:shanghai, platform:jp, ministry:jp).", $"组织“{code}”不存在（例如 city:shanghai、platform:jp、ministry:jp）。", $"組織「{code}」はありません（例：city:shanghai、platform:jp、ministry:jp）。");

    /// <summary>Issue 2's membership rule: a city/platform/ministry user belongs to an organisation of that kind.</summary>
    public static IdentityError WrongOrganizationKind(string role) =>
        Error("WrongOrganizationKind", $"A {role} user must belong to a {role} organisation.", $"{Kind(role, "zh")}用户必须属于{Kind(role, "zh")}组织。", $"{Kind(role, "ja")}のユーザーは{Kind(role, "ja")}の組織に所属する必要があります。");

    /// <summary>A required field was left empty.</summary>
    public static IdentityError Required(string field) =>
        Error("Required", $"Enter the {field}.", $"请填写{(field == "email" ? "邮箱" : "密码")}。", $"{(field == "email" ? "メールアドレス" : "パスワード")}を入力してください。");

    private static string Kind(string role, string language) => (role, language) switch
    {
        ("city", "zh") => "城市",
        ("platform", "zh") => "平台",
        ("ministry", "zh") => "部委",
        ("city", _) => "都市",
        ("platform", _) => "プラットフォーム",
        _ => "省庁",
    };
}
