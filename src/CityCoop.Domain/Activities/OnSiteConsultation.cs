using CityCoop.Workflows;

namespace CityCoop.Domain.Activities;

/// <summary>
/// An on-site consultation (现场协商) between one Chinese city and one or more Japanese cities with counterpart
/// bodies such as the Foreign Affairs Office and the Environmental Protection Bureau.
/// </summary>
public sealed class OnSiteConsultation : Activity
{
    private OnSiteConsultation()
    {
        ChineseCityCode = CounterpartsZh = CounterpartsEn = string.Empty;
    }

    /// <summary>Creates a consultation.</summary>
    /// <exception cref="DomainRuleException">No Japanese city, counterparts over <see cref="TextLimits.ActivityText"/> characters, or the end date before the start date.</exception>
    public OnSiteConsultation(
        DateOnly startDate,
        DateOnly endDate,
        IReadOnlyList<string> japaneseCityCodes,
        string chineseCityCode,
        string counterpartsZh,
        string counterpartsEn,
        ConsultationLevel level,
        bool decidedToCooperate,
        int? number = null)
        : base(startDate, endDate, number)
    {
        ArgumentNullException.ThrowIfNull(japaneseCityCodes);
        if (japaneseCityCodes.Count == 0)
        {
            throw new DomainRuleException("japaneseCities", DomainText.Of("city-required", "A consultation names at least one Japanese city.", ("field", "japaneseCities")));
        }

        TextLimits.Check("counterpartsZh", counterpartsZh, TextLimits.ActivityText);
        TextLimits.Check("counterpartsEn", counterpartsEn, TextLimits.ActivityText);

        JapaneseCityCodes = [.. japaneseCityCodes];
        ChineseCityCode = chineseCityCode;
        CounterpartsZh = counterpartsZh;
        CounterpartsEn = counterpartsEn;
        Level = level;
        DecidedToCooperate = decidedToCooperate;
    }

    /// <inheritdoc/>
    public override ActivityKind Kind => ActivityKind.OnSiteConsultation;

    /// <summary>Japanese cities taking part, in the source's order.</summary>
    public List<string> JapaneseCityCodes { get; private set; } = [];

    /// <summary>The Chinese city visited.</summary>
    public string ChineseCityCode { get; private set; }

    /// <summary>Counterpart bodies in Chinese (协商对象机构).</summary>
    public string CounterpartsZh { get; private set; }

    /// <summary>Counterpart bodies in English.</summary>
    public string CounterpartsEn { get; private set; }

    /// <summary>Bureau-chief or division-chief level.</summary>
    public ConsultationLevel Level { get; private set; }

    /// <summary>Whether cooperation under the framework was in effect decided at this consultation.</summary>
    public bool DecidedToCooperate { get; private set; }

    /// <summary>
    /// The counterparts as a reader of <paramref name="language"/> (zh, ja, en) reads them: Chinese readers and Japanese
    /// readers get the Chinese name (kanji read across both languages, as in the FY report), English readers the English;
    /// when that one was not recorded, the other.
    /// </summary>
    public string CounterpartsIn(string language)
    {
        var preferred = language is "zh" or "ja" ? CounterpartsZh : CounterpartsEn;
        return string.IsNullOrWhiteSpace(preferred) ? (language is "zh" or "ja" ? CounterpartsEn : CounterpartsZh) : preferred;
    }

    /// <summary>Whether every recorded field equals another consultation's.</summary>
    public bool SameAs(OnSiteConsultation other) =>
        other is not null && StartDate == other.StartDate && EndDate == other.EndDate
        && JapaneseCityCodes.SequenceEqual(other.JapaneseCityCodes) && ChineseCityCode == other.ChineseCityCode
        && CounterpartsZh == other.CounterpartsZh && CounterpartsEn == other.CounterpartsEn
        && Level == other.Level && DecidedToCooperate == other.DecidedToCooperate;
}
