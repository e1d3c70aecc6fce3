using System.Text.Json;
using System.Text.Json.Serialization;
using CityCoop.Workflows;

namespace CityCoop.Domain.Json;

/// <summary>
/// Reads a decimal (every decimal CityCoop reads is an amount of money) from a JSON number or, read by
/// <see cref="NumberText"/>, a string (<c>"１，０００"</c> is 1000): a number too large for a decimal is
/// <c>amount-too-large</c>, a string that is no number <c>not-a-number</c>. The money rule itself
/// (<see cref="Funding.Money.WhyNotValid"/>) is the domain's, once the currency is known.
/// </summary>
public sealed class AmountJsonConverter : JsonConverter<decimal>
{
    /// <inheritdoc/>
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var literal = JsonInput.Literal(ref reader);
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDecimal(out var value)
                ? value
                : throw new JsonRefusalException(field => Funding.Money.TooLarge(field, literal));
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a number, not {reader.TokenType}.");
        }

        return NumberText.TryParse(literal, out var parsed)
            ? parsed
            : throw new JsonRefusalException(field => NumberText.NotANumber(field, literal));
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
