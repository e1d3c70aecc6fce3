using System.Text.Json;
using System.Text.Json.Serialization;
using CityCoop.Domain.FiscalYears;

namespace CityCoop.Domain.Json;

/// <summary>
/// Reads a fiscal year member of a JSON body as query values and forms read one (<see cref="JapaneseFiscalYear.TryParse"/>):
/// a JSON number (<c>2026</c>) or a string (<c>"2026"</c>, <c>"FY2026"</c>, <c>"令和8年度"</c>, <c>"R8"</c>, full-width digits);
/// anything else is <c>fiscal-year-format</c> (arguments field, value). The value is the calendar year the fiscal year
/// starts in; its range is the reader's to check.
/// </summary>
public sealed class FiscalYearJsonConverter : JsonConverter<int>
{
    private static readonly IntegerJsonConverter Numbers = new();

    /// <inheritdoc/>
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A number is read as every whole number is (not-a-whole-number, number-out-of-range beyond 32 bits).
        if (reader.TokenType == JsonTokenType.Number)
        {
            return Numbers.Read(ref reader, typeToConvert, options);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a fiscal year, not {reader.TokenType}.");
        }

        var literal = JsonInput.Literal(ref reader);
        if (JapaneseFiscalYear.TryParse(literal, out var year))
        {
            return year;
        }

        throw new JsonRefusalException(field => JapaneseFiscalYear.NotAFiscalYear(field, literal));
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
