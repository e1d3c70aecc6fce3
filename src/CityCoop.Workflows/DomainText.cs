using System.Globalization;
using System.Text.Json;

namespace CityCoop.Workflows;

/// <summary>
/// A sentence for a user as a stable code with named arguments, plus its English wording. The English goes to
/// logs and API <c>detail</c>; pages and emails render the code and arguments in the reader's language.
/// </summary>
/// <param name="Code">Stable machine code, e.g. <c>amount-over-request</c>.</param>
/// <param name="English">The sentence in English.</param>
/// <param name="Arguments">Named arguments as invariant text (amounts as plain numbers, cities as codes).</param>
public sealed record DomainText(string Code, string English, IReadOnlyDictionary<string, string> Arguments)
{
    /// <summary>Code of text that has no translation (free text from elsewhere); readers see <see cref="English"/>.</summary>
    public const string PlainCode = "text";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Creates a text; argument values are formatted with the invariant culture, decimals without trailing zeros.</summary>
    public static DomainText Of(string code, string english, params (string Name, object? Value)[] arguments) =>
        new(code, english, arguments.ToDictionary(a => a.Name, a => Invariant(a.Value), StringComparer.Ordinal));

    /// <summary>
    /// The one wording of a value that is none of a closed list's: code <c>unknown-choice</c>, arguments field, value and
    /// allowed (the choices joined by ", ", as the client sends them).
    /// </summary>
    public static DomainText UnknownChoice(string field, string? value, IEnumerable<string> allowed)
    {
        var list = string.Join(", ", allowed);
        return Of("unknown-choice", $"{field} must be one of {list}; '{value}' is not.", ("field", field), ("value", value), ("allowed", list));
    }

    /// <summary>Free text without a code, shown as it is in every language.</summary>
    public static DomainText Plain(string english) => new(PlainCode, english, new Dictionary<string, string>(StringComparer.Ordinal));

    // Stored amounts carry the column's scale (3000000.00); the argument is the amount, not its storage.
    private static string Invariant(object? value) => value switch
    {
        decimal d => d.ToString("0.############", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>An argument's value, or null when absent.</summary>
    public string? Argument(string name) => Arguments.TryGetValue(name, out var value) ? value : null;

    /// <summary>The English wording.</summary>
    public override string ToString() => English;

    /// <summary>Serialises notes as a JSON array of <c>{"code", "args", "en"}</c> objects, or null when there are none.</summary>
    public static string? ToJson(IReadOnlyList<DomainText> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        return notes.Count == 0 ? null : JsonSerializer.Serialize(notes.Select(n => new StoredNote(n.Code, n.Arguments, n.English)), Json);
    }

    /// <summary>Reads notes written by <see cref="ToJson"/>; null or unreadable JSON gives an empty list.</summary>
    public static IReadOnlyList<DomainText> ListFromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<StoredNote>>(json, Json)?
                .Select(n => new DomainText(n.Code, n.En ?? string.Empty, new Dictionary<string, string>(n.Args ?? new Dictionary<string, string>(), StringComparer.Ordinal)))
                .ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record StoredNote(
        [property: System.Text.Json.Serialization.JsonPropertyName("code")] string Code,
        [property: System.Text.Json.Serialization.JsonPropertyName("args")] IReadOnlyDictionary<string, string>? Args,
        [property: System.Text.Json.Serialization.JsonPropertyName("en")] string? En);
}
