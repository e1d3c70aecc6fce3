using CityCoop.Domain.Activities;

namespace CityCoop.Domain.Proposals;

/// <summary>
/// The Japanese–Chinese city pairs that already cooperated in CityCoop: a proposal of the pair that reached fund
/// execution (its funding was approved; it may be closed since), or an imported activity of the pair (the FY2014
/// tables). With a friendship relation, such a pair may call a new proposal "strengthened" or "continuing"
/// cooperation (programme.md rules 1 and 3).
/// </summary>
public sealed class CooperationHistory
{
    private readonly HashSet<(string Japanese, string Chinese)> pairs;

    /// <summary>A history of the given pairs (Japanese city code, Chinese city code); duplicates are ignored.</summary>
    public CooperationHistory(IEnumerable<(string Japanese, string Chinese)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        this.pairs = [.. pairs];
    }

    /// <summary>Whether the Japanese and the Chinese city cooperated before.</summary>
    public bool Contains(string japaneseCityCode, string chineseCityCode) => pairs.Contains((japaneseCityCode, chineseCityCode));

    /// <summary>
    /// The pairs an activity brings together: a consultation's or seminar's Japanese cities with its Chinese city, a
    /// training visit's receiving (Japanese) cities with its sending (Chinese) city; none for kinds without cities.
    /// </summary>
    public static IEnumerable<(string Japanese, string Chinese)> PairsOf(Activity activity) => activity switch
    {
        OnSiteConsultation c => c.JapaneseCityCodes.Select(j => (j, c.ChineseCityCode)),
        LocalSeminar s => s.JapaneseCityCodes.Select(j => (j, s.ChineseCityCode)),
        TrainingVisit v => v.ReceivingCityCodes.Select(j => (j, v.SendingCityCode)),
        _ => [],
    };
}
