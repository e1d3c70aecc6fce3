namespace CityCoop.Domain.Funding;

/// <summary>Currencies the programme's money is counted in.</summary>
public enum Currency
{
    /// <summary>Japanese yen; MoE funds are budgeted in yen.</summary>
    JPY,

    /// <summary>Chinese yuan.</summary>
    CNY,
}
