using CityCoop.Domain;
using CityCoop.Infrastructure.Texts;
using Microsoft.Extensions.Localization;

namespace CityCoop.Server.Resources;

/// <summary>
/// The pages' labels (<see cref="Strings"/> resources) through <see cref="IStringLocalizer{T}"/>, in the request's UI
/// culture (set by request localization); a missing key shows itself in brackets so it is noticed, never crashes.
/// </summary>
/// <param name="localizer">The localizer of <see cref="Strings"/>.</param>
public sealed class UiText(IStringLocalizer<Strings> localizer)
{
    /// <summary>The same resources for a language named by code (zh, ja, en), for text not in the request's language.</summary>
    public static TextCatalog Catalog { get; } = new(typeof(Strings));

    /// <summary>The language of the current request: zh, ja or en.</summary>
    public static string Language => Languages.Current;

    /// <summary>The label for <paramref name="key"/> in the current UI language.</summary>
    public string this[string key] => localizer[key] is { ResourceNotFound: false } s ? s.Value : $"[{key}]";

    /// <summary>The label with <c>{0}</c>… filled in (the arguments are text; Razor escapes the result).</summary>
    public string this[string key, params object?[] args] => localizer[key, [.. args.Select(a => a ?? string.Empty)]] is { ResourceNotFound: false } s ? s.Value : $"[{key}]";

    /// <summary>The label for a key in a language (zh, ja, en), or null when the key is unknown.</summary>
    public static string? Find(string key, string language) => Catalog.Find(key, language);

    /// <summary>Whether a key exists (used for enum-valued labels that may be new).</summary>
    public static bool Has(string key) => Catalog.Has(key);
}
