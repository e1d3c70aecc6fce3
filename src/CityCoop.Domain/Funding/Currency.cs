using System.Text.Json.Serialization;
using CityCoop.Domain.Json;

namespace CityCoop.Domain.Funding;

/// <summary>Currencies the programme's money is counted in; read and written as their ISO 4217 codes (JPY, CNY) in JSON, nothing else.</summary>
[JsonConverter(typeof(NamedEnumConverter<Currency>))]
public enum Currency
{
    /// <summary>Japanese yen; MoE funds are budgeted in yen.</summary>
    JPY,

    /// <summary>Chinese yuan.</summary>
    CNY,
}
