using System.Text;

namespace CityCoop.Workflows;

/// <summary>Converts the engine's enums to and from the kebab-case names used in definitions (<c>platform-jp</c>, <c>k-of-n</c>).</summary>
public static class WorkflowNames
{
    /// <summary>Kebab-case name of an enum value, e.g. <c>PlatformJp</c> → <c>platform-jp</c>.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        var name = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0)
            {
                name.Append('-');
            }

            name.Append(char.ToLowerInvariant(text[i]));
        }

        return name.ToString();
    }

    /// <summary>Parses a definition name (kebab or camel case) to an enum value.</summary>
    /// <exception cref="FormatException">No value has that name.</exception>
    public static T Parse<T>(string name)
        where T : struct, Enum =>
        Enum.TryParse<T>(name.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new FormatException($"'{name}' is not a {typeof(T).Name}.");

    /// <summary>A display name for a language tag: exact (zh, ja, en), then its first two letters, then English, then the fallback.</summary>
    public static string Display(IReadOnlyDictionary<string, string> names, string? language, string fallback)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (language is not null)
        {
            if (names.TryGetValue(language, out var exact))
            {
                return exact;
            }

            if (language.Length > 2 && names.TryGetValue(language[..2], out var primary))
            {
                return primary;
            }
        }

        return names.TryGetValue("en", out var english) ? english : fallback;
    }
}
