using System.Text.Json;
using System.Text.Json.Serialization;
using CityCoop.Workflows;

namespace CityCoop.Domain.Json;

/// <summary>
/// Reads and writes an enum by its names only: exactly as a naming policy spells them (kebab-case for the API:
/// <c>government-staff</c>), or as declared without one (<c>JPY</c>). Numbers (<c>"strand": 1</c>), numeric strings, other
/// spellings and comma lists are refused with code <c>unknown-choice</c> (arguments field, value, allowed).
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public class NamedEnumConverter<TEnum> : JsonConverter<TEnum>, IEnumNames
    where TEnum : struct, Enum
{
    private readonly Dictionary<string, TEnum> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<TEnum, string> names = [];

    /// <summary>Names as declared (for <c>[JsonConverter]</c> on an enum such as <see cref="Funding.Currency"/>).</summary>
    public NamedEnumConverter()
        : this(null)
    {
    }

    /// <summary>Names as <paramref name="policy"/> spells them; as declared when null.</summary>
    public NamedEnumConverter(JsonNamingPolicy? policy)
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var name = policy?.ConvertName(value.ToString()) ?? value.ToString();
            byName[name] = value;
            names[value] = name;
        }
    }

    /// <summary>The accepted names, comma-separated, in declaration order.</summary>
    public string Allowed => string.Join(", ", names.Values);

    /// <inheritdoc/>
    public IReadOnlyList<string> Names => [.. names.Values];

    /// <inheritdoc/>
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected one of {Allowed}, not {reader.TokenType}.");
        }

        var literal = JsonInput.Literal(ref reader);
        return reader.TokenType == JsonTokenType.String && byName.TryGetValue(literal, out var value) ? value : throw Unknown(literal);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(NameOf(value));
    }

    /// <inheritdoc/>
    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var literal = JsonInput.Literal(ref reader);
        return byName.TryGetValue(literal, out var value) ? value : throw Unknown(literal);
    }

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(NameOf(value));
    }

    private string NameOf(TEnum value) =>
        names.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} is not a value of {typeof(TEnum).Name}.");

    private JsonRefusalException Unknown(string literal)
    {
        var allowed = Allowed;
        return new JsonRefusalException(field => DomainText.Of(
            "unknown-choice",
            $"{field} must be one of {allowed}; '{literal}' is not.",
            ("field", field),
            ("value", literal),
            ("allowed", allowed)));
    }
}
