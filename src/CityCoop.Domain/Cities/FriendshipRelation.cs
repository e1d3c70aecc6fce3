namespace CityCoop.Domain.Cities;

/// <summary>
/// An existing friendship tie (友好城市) between a Japanese and a Chinese local government; programme.md rule 1:
/// cooperation builds on these, and a pair without one is a new pairing introduced by the platform.
/// </summary>
public sealed class FriendshipRelation
{
    private FriendshipRelation()
    {
        JapaneseCityCode = ChineseCityCode = Source = string.Empty;
    }

    /// <summary>Creates a tie between a Japanese and a Chinese city code.</summary>
    public FriendshipRelation(string japaneseCityCode, string chineseCityCode, PartialDate established, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(japaneseCityCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(chineseCityCode);
        JapaneseCityCode = japaneseCityCode;
        ChineseCityCode = chineseCityCode;
        Established = established;
        Source = source ?? string.Empty;
    }

    /// <summary>Code of the Japanese city or prefecture.</summary>
    public string JapaneseCityCode { get; private set; }

    /// <summary>Code of the Chinese city or province.</summary>
    public string ChineseCityCode { get; private set; }

    /// <summary>When the tie was established, at the precision the records give.</summary>
    public PartialDate Established { get; private set; }

    /// <summary>Where the tie is documented.</summary>
    public string Source { get; private set; }

    /// <summary>Copies date and source from a re-imported row.</summary>
    public void UpdateFrom(FriendshipRelation other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Established = other.Established;
        Source = other.Source;
    }
}
