using System.Text.Json;
using System.Text.Json.Serialization;
using CityCoop.Workflows;

namespace CityCoop.Domain.Json;

/// <summary>
/// Reads a whole number from a JSON number or, read by <see cref="NumberText"/>, a string (<c>"２０１５"</c> is 2015):
/// otherwise <c>not-a-number</c>, <c>not-a-whole-number</c> (arguments field, value) or <c>number-out-of-range</c> beyond a
/// 32-bit integer (arguments field, value, min, max).
/// </summary>
public sealed class IntegerJsonConverter : JsonConverter<int>
{
    /// <inheritdoc/>
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var literal = JsonInput.Literal(ref reader);
        decimal value;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out var whole))
            {
                return whole;
            }

            if (!reader.TryGetDecimal(out value))
            {
                throw OutOfRange(literal);
            }
        }
        else if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a number, not {reader.TokenType}.");
        }
        else if (!NumberText.TryParse(literal, out value))
        {
            throw new JsonRefusalException(field => NumberText.NotANumber(field, literal));
        }

        if (value != decimal.Truncate(value))
        {
            throw new JsonRefusalException(field => DomainText.Of("not-a-whole-number", $"{field}: '{literal}' is not a whole number.", ("field", field), ("value", literal)));
        }

        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw OutOfRange(literal);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }

    private static JsonRefusalException OutOfRange(string literal) =>
        new(field => NumberText.OutOfRange(field, literal, int.MinValue, int.MaxValue));
}
