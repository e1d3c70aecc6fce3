namespace CityCoop.Domain.Cities;

/// <summary>
/// A Japanese or Chinese local government (city, prefecture, province or municipality) with its names in the
/// three languages of the programme; identified by a stable lower-case code such as <c>kitakyushu</c>.
/// </summary>
public sealed class City
{
    private City()
    {
        Code = NameZh = NameJa = NameEn = TimeZone = string.Empty;
    }

    /// <summary>Creates a city; every name is required and the time zone must be an IANA id known to this machine.</summary>
    /// <exception cref="ArgumentException">A name or the code is empty, or the time zone is unknown.</exception>
    public City(string code, Country country, CityLevel level, string nameZh, string nameJa, string nameEn, string? parentEn, string timeZone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameZh);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameJa);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameEn);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            throw new ArgumentException($"Unknown time zone '{timeZone}'.", nameof(timeZone));
        }

        Code = code;
        Country = country;
        Level = level;
        NameZh = nameZh;
        NameJa = nameJa;
        NameEn = nameEn;
        ParentEn = string.IsNullOrWhiteSpace(parentEn) ? null : parentEn;
        TimeZone = timeZone;
    }

    /// <summary>Stable code, e.g. <c>shanghai</c>.</summary>
    public string Code { get; private set; }

    /// <summary>Country the city belongs to.</summary>
    public Country Country { get; private set; }

    /// <summary>Administrative level.</summary>
    public CityLevel Level { get; private set; }

    /// <summary>Chinese name, e.g. 上海市.</summary>
    public string NameZh { get; private set; }

    /// <summary>Japanese name, e.g. 北九州市.</summary>
    public string NameJa { get; private set; }

    /// <summary>English name, e.g. Kitakyushu.</summary>
    public string NameEn { get; private set; }

    /// <summary>English name of the enclosing prefecture or province, if any.</summary>
    public string? ParentEn { get; private set; }

    /// <summary>IANA time zone id (Asia/Tokyo or Asia/Shanghai).</summary>
    public string TimeZone { get; private set; }

    /// <summary>Organisation code of this city's own organisation (see <see cref="Organizations.Organization"/>).</summary>
    public string OrganizationCode => Organizations.Organization.CodeForCity(Code);

    /// <summary>The name in the given language: "zh", "ja" or anything else for English.</summary>
    public string Name(string language) => language switch
    {
        "zh" => NameZh,
        "ja" => NameJa,
        _ => NameEn,
    };

    /// <summary>Copies every descriptive field from another city with the same code (re-import).</summary>
    public void UpdateFrom(City other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Country = other.Country;
        Level = other.Level;
        NameZh = other.NameZh;
        NameJa = other.NameJa;
        NameEn = other.NameEn;
        ParentEn = other.ParentEn;
        TimeZone = other.TimeZone;
    }
}
