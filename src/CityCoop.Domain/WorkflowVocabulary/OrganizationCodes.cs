namespace CityCoop.Domain.WorkflowVocabulary;

/// <summary>The fixed organisation codes a CityCoop actor acts for; the scopes resolve to them (<see cref="CityCoopScopes"/>).</summary>
public static class OrganizationCodes
{
    /// <summary>The Japanese platform.</summary>
    public const string PlatformJp = Organizations.Organization.JapanesePlatform;

    /// <summary>The Chinese platform.</summary>
    public const string PlatformCn = Organizations.Organization.ChinesePlatform;

    /// <summary>The Japanese Ministry of the Environment.</summary>
    public const string MinistryJp = Organizations.Organization.JapaneseMinistry;

    /// <summary>The Chinese Ministry of Environmental Protection.</summary>
    public const string MinistryCn = Organizations.Organization.ChineseMinistry;

    /// <summary>Builds the organisation code of a city, e.g. <c>city:shanghai</c>.</summary>
    public static string City(string cityCode) => Organizations.Organization.CodeForCity(cityCode);
}
