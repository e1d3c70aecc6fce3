using System.Globalization;
using CityCoop.Domain;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityCoop.Infrastructure.Texts;

/// <summary>
/// One set of <c>.resx</c> resources (neutral English, <c>.zh</c>, <c>.ja</c>; see <see cref="Languages"/>) read through
/// <see cref="IStringLocalizer"/> in a language named by code, for text that is not in the request's language (an email in
/// the recipient's, a report in the one asked for). Lookups use the neutral cultures zh and ja (the files' suffixes); a key
/// missing from a language's file would fall back to English, which the resource completeness tests refuse.
/// </summary>
public sealed class TextCatalog
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    private readonly IStringLocalizer localizer;
    private readonly HashSet<string> keys;

    /// <summary>The resources whose base name is <paramref name="resourceSource"/>'s full name, in its assembly.</summary>
    public TextCatalog(Type resourceSource)
    {
        localizer = Factory.Create(resourceSource);
        keys = [.. In(Languages.English, () => localizer.GetAllStrings(includeParentCultures: false).Select(s => s.Name))];
    }

    /// <summary>Every key of the neutral (English) resources.</summary>
    public IReadOnlyCollection<string> Keys => keys;

    /// <summary>Whether the key exists.</summary>
    public bool Has(string key) => keys.Contains(key);

    /// <summary>The text for a key in a language (zh, ja, en), or null when the key is unknown.</summary>
    public string? Find(string key, string language) =>
        Has(key) ? In(language, () => localizer[key] is { ResourceNotFound: false } s ? s.Value : null) : null;

    /// <summary>The text for a key in a language with <c>{0}</c>… filled in; <c>[key]</c> when the key is unknown.</summary>
    public string Format(string key, string language, params object?[] args) =>
        Find(key, language) is { } template ? string.Format(Languages.Culture(language), template, args) : $"[{key}]";

    /// <summary>The keys present in a language's own file (zh or ja; en is the neutral file), without fallback.</summary>
    public IReadOnlyCollection<string> KeysIn(string language) =>
        [.. In(language, () => localizer.GetAllStrings(includeParentCultures: false).Select(s => s.Name))];

    // IStringLocalizer reads the current UI culture; the language is set for the one call and restored.
    private static T In<T>(string language, Func<T> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        var code = Languages.Code(language);
        CultureInfo.CurrentUICulture = code == Languages.English ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(code);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
