namespace CityCoop.Domain.Cities;

/// <summary>The two countries of the programme (programme.md "Who takes part").</summary>
public enum Country
{
    /// <summary>Japan; time zone Asia/Tokyo.</summary>
    JP,

    /// <summary>China; time zone Asia/Shanghai.</summary>
    CN,
}
