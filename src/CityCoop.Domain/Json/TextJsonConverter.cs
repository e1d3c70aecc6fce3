using System.Text.Json;
using System.Text.Json.Serialization;
using CityCoop.Workflows;

namespace CityCoop.Domain.Json;

/// <summary>
/// Reads strings (and keys) so that text which is not well-formed UTF-16 (an escaped lone surrogate, invalid UTF-8) is
/// refused with code <c>text-malformed</c> instead of surfacing as a type error; another token is a <c>wrong-type</c>.
/// </summary>
public sealed class TextJsonConverter : JsonConverter<string>
{
    /// <inheritdoc/>
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Text(ref reader) : throw new JsonException($"Expected a string, not {reader.TokenType}.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    /// <inheritdoc/>
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Text(ref reader);

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }

    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new JsonRefusalException(TextRules.Malformed);
        }
    }
}
