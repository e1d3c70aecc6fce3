using System.Text.Json.Serialization;

namespace CityCoop.Domain.Funding;

/// <summary>Currencies the programme's money is counted in; written as their ISO 4217 codes (JPY, CNY) in JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Currency>))]
public enum Currency
{
    /// <summary>Japanese yen; MoE funds are budgeted in yen.</summary>
    JPY,

    /// <summary>Chinese yuan.</summary>
    CNY,
}
