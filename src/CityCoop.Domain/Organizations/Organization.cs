using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Organizations;

/// <summary>
/// A body whose staff use CityCoop: each city, the Japanese and the Chinese platform, and the two ministries.
/// Identified by a code: <c>city:&lt;city code&gt;</c>, <c>platform:jp</c>, <c>platform:cn</c>, <c>ministry:jp</c>,
/// <c>ministry:cn</c>.
/// </summary>
public sealed class Organization
{
    /// <summary>Code of the Japanese platform.</summary>
    public const string JapanesePlatform = "platform:jp";

    /// <summary>Code of the Chinese platform.</summary>
    public const string ChinesePlatform = "platform:cn";

    /// <summary>Code of Japan's Ministry of the Environment (MoE), which signs off funding.</summary>
    public const string JapaneseMinistry = "ministry:jp";

    /// <summary>Code of China's Ministry of Environmental Protection (MEP).</summary>
    public const string ChineseMinistry = "ministry:cn";

    private Organization()
    {
        Code = NameZh = NameJa = NameEn = string.Empty;
    }

    /// <summary>Creates an organisation; a city organisation names its city.</summary>
    public Organization(string code, OrganizationKind kind, Country country, string nameZh, string nameJa, string nameEn, string? cityCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (kind == OrganizationKind.City && string.IsNullOrWhiteSpace(cityCode))
        {
            throw new ArgumentException("A city organisation names its city.", nameof(cityCode));
        }

        Code = code;
        Kind = kind;
        Country = country;
        NameZh = nameZh;
        NameJa = nameJa;
        NameEn = nameEn;
        CityCode = cityCode;
    }

    /// <summary>Stable code, e.g. <c>city:shanghai</c> or <c>platform:jp</c>.</summary>
    public string Code { get; private set; }

    /// <summary>City, platform or ministry.</summary>
    public OrganizationKind Kind { get; private set; }

    /// <summary>Country the organisation belongs to.</summary>
    public Country Country { get; private set; }

    /// <summary>Chinese name.</summary>
    public string NameZh { get; private set; }

    /// <summary>Japanese name.</summary>
    public string NameJa { get; private set; }

    /// <summary>English name.</summary>
    public string NameEn { get; private set; }

    /// <summary>The city code for a city organisation; null otherwise.</summary>
    public string? CityCode { get; private set; }

    /// <summary>The organisation code of a city: <c>city:&lt;code&gt;</c>.</summary>
    public static string CodeForCity(string cityCode) => "city:" + cityCode;

    /// <summary>
    /// The country of an organisation code: <c>platform:jp</c>, <c>ministry:jp</c> → JP; <c>platform:cn</c>, <c>ministry:cn</c> → CN;
    /// <c>city:&lt;code&gt;</c> → the city's country; null for anything else (no organisation, admin, unknown city).
    /// </summary>
    public static Country? CountryOf(string? code, IReadOnlyDictionary<string, City> cities)
    {
        ArgumentNullException.ThrowIfNull(cities);
        if (code is null)
        {
            return null;
        }

        if (code.EndsWith(":jp", StringComparison.Ordinal))
        {
            return Country.JP;
        }

        if (code.EndsWith(":cn", StringComparison.Ordinal))
        {
            return Country.CN;
        }

        return code.StartsWith("city:", StringComparison.Ordinal) && cities.TryGetValue(code[5..], out var city) ? city.Country : null;
    }

    /// <summary>The organisation of a city, named as the city is.</summary>
    public static Organization ForCity(City city)
    {
        ArgumentNullException.ThrowIfNull(city);
        return new Organization(CodeForCity(city.Code), OrganizationKind.City, city.Country, city.NameZh, city.NameJa, city.NameEn, city.Code);
    }

    /// <summary>The four national organisations: both platforms and both ministries.</summary>
    public static IReadOnlyList<Organization> National() =>
    [
        new(JapanesePlatform, OrganizationKind.Platform, Country.JP, "日方协作平台", "日本側協力プラットフォーム", "Japanese cooperation platform"),
        new(ChinesePlatform, OrganizationKind.Platform, Country.CN, "中方协作平台", "中国側協力プラットフォーム", "Chinese cooperation platform"),
        new(JapaneseMinistry, OrganizationKind.Ministry, Country.JP, "日本环境省", "環境省", "Ministry of the Environment, Japan"),
        new(ChineseMinistry, OrganizationKind.Ministry, Country.CN, "中国环境保护部", "中国環境保護部", "Ministry of Environmental Protection, China"),
    ];
}
