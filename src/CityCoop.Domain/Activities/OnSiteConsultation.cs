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
    /// <param name="startDate">First day.</param>
    /// <param name="endDate">Last day.</param>
    /// <param name="japaneseCityCodes">Japanese cities taking part, in the source's order.</param>
    /// <param name="chineseCityCode">The Chinese city visited.</param>
    /// <param name="counterpartsZh">Counterpart bodies in Chinese.</param>
    /// <param name="counterpartsEn">Counterpart bodies in English.</param>
    /// <param name="level">Bureau-chief, division-chief or unspecified level.</param>
    /// <param name="decidedToCooperate">Whether cooperation was decided at it.</param>
    /// <param name="number">The row number in its source table, for imported rows.</param>
    /// <param name="andOtherBusiness">Whether the talks were "and other business" (the source's 协商等): the consultation covered more than the talks named.</param>
    /// <param name="printedCounterpartsZh">For a row of a source document: its Chinese counterparts cell exactly as printed, when the composed wording differs; null otherwise.</param>
    /// <exception cref="DomainRuleException">No Japanese city, counterparts (or the printed cell) over <see cref="TextLimits.ActivityText"/> characters, or the end date before the start date.</exception>
    public OnSiteConsultation(
        DateOnly startDate,
        DateOnly endDate,
        IReadOnlyList<string> japaneseCityCodes,
        string chineseCityCode,
        string counterpartsZh,
        string counterpartsEn,
        ConsultationLevel level,
        bool decidedToCooperate,
        int? number = null,
        bool andOtherBusiness = false,
        string? printedCounterpartsZh = null)
        : base(startDate, endDate, number)
    {
        ArgumentNullException.ThrowIfNull(japaneseCityCodes);
        if (japaneseCityCodes.Count == 0)
        {
            throw new DomainRuleException("japaneseCities", DomainText.Of("city-required", "A consultation names at least one Japanese city.", ("field", "japaneseCities")));
        }

        TextLimits.Check("counterpartsZh", counterpartsZh, TextLimits.ActivityText);
        TextLimits.Check("counterpartsEn", counterpartsEn, TextLimits.ActivityText);
        TextLimits.Check("printedCounterpartsZh", printedCounterpartsZh, TextLimits.ActivityText);

        JapaneseCityCodes = [.. japaneseCityCodes];
        ChineseCityCode = chineseCityCode;
        CounterpartsZh = counterpartsZh;
        CounterpartsEn = counterpartsEn;
        Level = level;
        DecidedToCooperate = decidedToCooperate;
        AndOtherBusiness = andOtherBusiness;
        PrintedCounterpartsZh = string.IsNullOrWhiteSpace(printedCounterpartsZh) ? null : printedCounterpartsZh.Trim();
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
    /// Whether the talks were "and other business": the source writes 协商等 (rows 2–9 and 11 of the FY2014
    /// consultations), the report appends 等 (ja 等, en "and other business") to the composed cell.
    /// </summary>
    public bool AndOtherBusiness { get; private set; }

    /// <summary>
    /// The Chinese counterparts cell exactly as a source document printed it, for imported rows whose printed wording the
    /// composition does not give (FY2014 row 10 writes 与环保厅的研究所处室长级协商, without the 的 before the level);
    /// the Chinese report shows it as it is. Null for every other row.
    /// </summary>
    public string? PrintedCounterpartsZh { get; private set; }

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
        && Level == other.Level && DecidedToCooperate == other.DecidedToCooperate
        && AndOtherBusiness == other.AndOtherBusiness && PrintedCounterpartsZh == other.PrintedCounterpartsZh;
}
