using System.Globalization;

namespace CityCoop.Domain;

/// <summary>
/// The one language scheme of CityCoop, used by pages, emails, reports and resources alike. A language is a code,
/// <c>zh</c>, <c>ja</c> or <c>en</c>: the suffix of the <c>.resx</c> files (<c>Strings.zh.resx</c>; English is the
/// neutral file) and the report's <c>?lang=</c>. Where .NET or a standard needs a culture (the culture cookie, a user's
/// stored preference, <c>html lang</c>, an email's <c>Content-Language</c>) the code stands for zh-CN, ja-JP or en.
/// Any other input (null, <c>fr</c>, <c>zh-TW</c> is still Chinese) reads as English or by its first two letters.
/// </summary>
public static class Languages
{
    /// <summary>Chinese (simplified, as the programme's Chinese side writes), culture zh-CN.</summary>
    public const string Chinese = "zh";

    /// <summary>Japanese, culture ja-JP.</summary>
    public const string Japanese = "ja";

    /// <summary>English, the neutral resources, culture en.</summary>
    public const string English = "en";

    /// <summary>The codes, in the order pages list them.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Chinese, Japanese, English];

    /// <summary>The culture names a user may prefer and a cookie may hold: zh-CN, ja-JP, en.</summary>
    public static IReadOnlyList<string> CultureNames { get; } = [.. Codes.Select(CultureName)];

    /// <summary>The code for a code or culture name: zh* → zh, ja* → ja, anything else (or null) → en.</summary>
    public static string Code(string? languageOrCulture) => languageOrCulture switch
    {
        not null when languageOrCulture.StartsWith(Chinese, StringComparison.OrdinalIgnoreCase) => Chinese,
        not null when languageOrCulture.StartsWith(Japanese, StringComparison.OrdinalIgnoreCase) => Japanese,
        _ => English,
    };

    /// <summary>The culture name for a code or culture name: zh-CN, ja-JP or en.</summary>
    public static string CultureName(string? languageOrCulture) => Code(languageOrCulture) switch
    {
        Chinese => "zh-CN",
        Japanese => "ja-JP",
        _ => "en",
    };

    /// <summary>The culture for a code or culture name (zh-CN, ja-JP or en).</summary>
    public static CultureInfo Culture(string? languageOrCulture) => CultureInfo.GetCultureInfo(CultureName(languageOrCulture));

    /// <summary>The code of the current UI culture (set per request by request localization).</summary>
    public static string Current => Code(CultureInfo.CurrentUICulture.Name);
}
