namespace CityCoop.Domain.Cities;

/// <summary>Administrative level of a local government; programme.md: "city" means any local government unit.</summary>
public enum CityLevel
{
    /// <summary>A city (市).</summary>
    City,

    /// <summary>A Japanese prefecture (都道府县).</summary>
    Prefecture,

    /// <summary>A Chinese province or autonomous region (省/自治区).</summary>
    Province,

    /// <summary>A Chinese centrally administered municipality (直辖市).</summary>
    Municipality,
}
