using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCoop.Domain.Json;

/// <summary>
/// Gives every enum without a converter of its own a <see cref="NamedEnumConverter{TEnum}"/> with kebab-case names
/// (README: enum values in JSON are kebab-case); an enum that declares one (<see cref="Funding.Currency"/>) keeps it.
/// </summary>
public sealed class KebabCaseEnumConverterFactory : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum && typeToConvert.GetCustomAttribute<JsonConverterAttribute>() is null;
    }

    /// <inheritdoc/>
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(NamedEnumConverter<>).MakeGenericType(typeToConvert), JsonNamingPolicy.KebabCaseLower)!;
}
