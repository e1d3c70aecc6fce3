using CityCoop.Workflows;
using System.Globalization;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;

namespace CityCoop.Domain.Memorandums;

/// <summary>
/// The memorandum the two platforms sign for a fiscal year on carrying out the inter-city cooperation project
/// (programme.md "Fiscal year and time": the FY2015 one was signed on 2015-03-06 and agreed by the two environment
/// ministers on 2015-04-29). It holds the plan the Japanese platform drafts and the dates of agreement, signature and
/// ministry confirmation; its progress (state, tasks, journal) lives in its workflow instance
/// (<c>workflows/fiscal-year-memorandum.json</c>).
/// </summary>
public sealed class FiscalYearMemorandum
{
    /// <summary>Most activities of one kind a plan may foresee.</summary>
    public const int MaxActivityCount = 999;

    /// <summary>Longest place of the ministers' agreement, in characters.</summary>
    public const int MaxPlaceLength = TextLimits.Title;

    private FiscalYearMemorandum()
    {
        CreatedBy = string.Empty;
        Summary = ConfirmedPlace = string.Empty;
    }

    /// <summary>Creates the memorandum of a fiscal year, without a plan yet.</summary>
    /// <param name="fiscalYear">The fiscal year the memorandum is for (2015 for FY2015).</param>
    /// <param name="createdBy">Who created it (user id).</param>
    /// <param name="now">When; stored as UTC.</param>
    /// <exception cref="DomainRuleException">The fiscal year is before FY2014 or after 2100 (code <c>fiscal-year-range</c>).</exception>
    public FiscalYearMemorandum(int fiscalYear, string createdBy, DateTimeOffset now)
        : this()
    {
        ProgrammeYears.Check(fiscalYear);

        Id = Guid.NewGuid();
        FiscalYear = fiscalYear;
        CreatedBy = createdBy;
        CreatedAt = now.ToUniversalTime();
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The fiscal year (e.g. 2015 for 2015-04-01 .. 2016-03-31).</summary>
    public int FiscalYear { get; private set; }

    /// <summary>Target city pairs, in the order drafted; empty until a plan is recorded.</summary>
    public List<MemorandumCityPair> Pairs { get; private set; } = [];

    /// <summary>Planned activities, one entry per kind.</summary>
    public List<PlannedActivity> Activities { get; private set; } = [];

    /// <summary>Planned visits to Chinese cities, by month.</summary>
    public List<PlannedVisit> Visits { get; private set; } = [];

    /// <summary>Free text about the plan; empty when none.</summary>
    public string Summary { get; private set; }

    /// <summary>True once a plan is recorded (what the workflow guard <c>plan-complete</c> asks).</summary>
    public bool HasPlan => Pairs.Count > 0 && Activities.Count > 0;

    /// <summary>The day the Chinese platform agreed to the plan (its local date); null until it does.</summary>
    public DateOnly? AgreedOn { get; private set; }

    /// <summary>The day the second platform signed, completing the signatures; null until both have.</summary>
    public DateOnly? SignedOn { get; private set; }

    /// <summary>The day the Japanese ministry confirmed the memorandum (for FY2015 the ministers' agreement); null until then.</summary>
    public DateOnly? ConfirmedOn { get; private set; }

    /// <summary>Where the confirmation was agreed (e.g. Shanghai); empty when not said.</summary>
    public string ConfirmedPlace { get; private set; }

    /// <summary>Incremented by every change of the memorandum's content; a concurrency token.</summary>
    public int Revision { get; private set; }

    /// <summary>Who created it (user id).</summary>
    public string CreatedBy { get; private set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The fiscal year as a value.</summary>
    public FiscalYear Year => new(FiscalYear);

    /// <summary>
    /// Replaces the plan, after checking every rule: 1 to <see cref="TextLimits.Items"/> pairs, each a known Japanese city
    /// with a known Chinese city, none twice; 1 activity kind or more, each once, with a count from 1 to
    /// <see cref="MaxActivityCount"/>; at most <see cref="TextLimits.Items"/> visits, each to a known Chinese city in a month
    /// of the fiscal year, none twice; a summary of at most <see cref="TextLimits.Description"/> characters. A refused plan
    /// changes nothing. The workflow records plans only while drafting, after <see cref="Reopen"/> cleared the dates of an
    /// earlier round; a changed plan changes <see cref="ApprovalFingerprint"/>, so signatures of the old one stop counting.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="cities">Known cities by code.</param>
    /// <exception cref="DomainRuleException">A rule is broken; the field and the code name it (its wording in zh, ja and en is the server's resource <c>msg.code</c>).</exception>
    public void RecordPlan(MemorandumPlan plan, IReadOnlyDictionary<string, City> cities)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(cities);
        var pairs = plan.Pairs.Select(p => new MemorandumCityPair(p.JapaneseCityCode.Trim(), p.ChineseCityCode.Trim())).ToList();
        var visits = plan.Visits.Select(v => v with { ChineseCityCode = v.ChineseCityCode.Trim() }).ToList();
        CheckPairs(pairs, cities);
        CheckActivities(plan.Activities);
        CheckVisits(visits, cities);
        TextLimits.Check("summary", plan.Summary.Trim(), TextLimits.Description, TextKind.MultiLine);

        Revision++;
        Pairs = pairs;
        Activities = [.. plan.Activities];
        Visits = visits;
        Summary = plan.Summary.Trim();
    }

    /// <summary>Records the Chinese platform's agreement to the plan on a day.</summary>
    /// <exception cref="DomainRuleException">No plan is recorded (code <c>memorandum-plan-required</c>).</exception>
    public void RecordAgreement(DateOnly on)
    {
        RequirePlan();
        Revision++;
        AgreedOn = on;
    }

    /// <summary>Records the day the signatures were completed (the second platform's signature).</summary>
    /// <exception cref="DomainRuleException">No plan or no agreement is recorded (codes <c>memorandum-plan-required</c>, <c>memorandum-not-agreed</c>).</exception>
    public void RecordSignature(DateOnly on)
    {
        RequirePlan();
        if (AgreedOn is null)
        {
            throw new DomainRuleException("signedOn", DomainText.Of("memorandum-not-agreed", "The Chinese platform has not agreed to the plan yet; it cannot be signed."));
        }

        Revision++;
        SignedOn = on;
    }

    /// <summary>Records the Japanese ministry's confirmation on a day, and where it was agreed.</summary>
    /// <param name="on">The day.</param>
    /// <param name="place">Where (e.g. Shanghai); empty or null when not said; one line of at most <see cref="MaxPlaceLength"/> characters.</param>
    /// <exception cref="DomainRuleException">Not signed yet (code <c>memorandum-not-signed</c>), the confirmation is dated before the signature (code <c>memorandum-confirmed-before-signed</c>), or the place is too long or holds a refused character.</exception>
    public void RecordConfirmation(DateOnly on, string? place)
    {
        if (SignedOn is not { } signed)
        {
            throw new DomainRuleException("confirmedOn", DomainText.Of("memorandum-not-signed", "Both platforms must sign the memorandum before the ministry confirms it."));
        }

        if (on < signed)
        {
            throw new DomainRuleException("confirmedOn", DomainText.Of(
                "memorandum-confirmed-before-signed",
                $"The confirmation date {Day(on)} is before the signature date {Day(signed)}.",
                ("date", Day(on)),
                ("signed", Day(signed))));
        }

        TextLimits.Check("place", place?.Trim(), MaxPlaceLength, TextKind.Title);
        Revision++;
        ConfirmedOn = on;
        ConfirmedPlace = place?.Trim() ?? string.Empty;
    }

    /// <summary>Clears the dates of agreement, signature and confirmation when the memorandum goes back to drafting.</summary>
    public void Reopen()
    {
        if (AgreedOn is null && SignedOn is null && ConfirmedOn is null)
        {
            return;
        }

        Revision++;
        ClearDates();
    }

    /// <summary>Whether the plan targets this pair (a proposal page asks it for the proposal's pairs).</summary>
    public bool Covers(MemorandumCityPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return Pairs.Contains(pair);
    }

    /// <summary>Whether the plan targets the pair of these two cities.</summary>
    public bool Covers(string japaneseCityCode, string chineseCityCode) => Covers(new MemorandumCityPair(japaneseCityCode, chineseCityCode));

    /// <summary>
    /// A digest (lower-case hex SHA-256) of what the signatures and the confirmation approve: the fiscal year, the pairs,
    /// the activities and the visits (each sorted, so order does not matter) and the summary. A changed plan changes it,
    /// so signatures given to the old plan no longer count.
    /// </summary>
    public string ApprovalFingerprint()
    {
        var content = new
        {
            fiscalYear = FiscalYear,
            pairs = Pairs.Select(p => p.ToString()).Order(StringComparer.Ordinal),
            activities = Activities.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Kind}:{a.Count}")).Order(StringComparer.Ordinal),
            visits = Visits.Select(v => v.ToString()).Order(StringComparer.Ordinal),
            summary = Summary,
        };
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(content);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(json));
    }

    private void RequirePlan()
    {
        if (!HasPlan)
        {
            throw new DomainRuleException("plan", PlanRequired);
        }
    }

    /// <summary>The refusal when no plan is recorded yet (code <c>memorandum-plan-required</c>).</summary>
    public static DomainText PlanRequired { get; } =
        DomainText.Of("memorandum-plan-required", "Record the plan first: at least one city pair and one planned activity.");

    private void ClearDates()
    {
        AgreedOn = SignedOn = ConfirmedOn = null;
        ConfirmedPlace = string.Empty;
    }

    private static void CheckPairs(List<MemorandumCityPair> pairs, IReadOnlyDictionary<string, City> cities)
    {
        if (pairs.Count == 0)
        {
            throw new DomainRuleException("pairs", DomainText.Of("memorandum-pair-required", "Name at least one Japanese–Chinese city pair."));
        }

        CheckCount("pairs", pairs.Count);
        foreach (var pair in pairs)
        {
            TextRules.Check("pairs", pair.JapaneseCityCode, TextKind.SingleLine);
            TextRules.Check("pairs", pair.ChineseCityCode, TextKind.SingleLine);
        }

        CheckKnown("pairs", pairs.SelectMany(p => new[] { p.JapaneseCityCode, p.ChineseCityCode }), cities);
        foreach (var pair in pairs)
        {
            if (cities[pair.JapaneseCityCode].Country != Country.JP || cities[pair.ChineseCityCode].Country != Country.CN)
            {
                throw new DomainRuleException("pairs", DomainText.Of(
                    "memorandum-pair-countries",
                    $"The pair {pair} must name a Japanese city first and a Chinese city second.",
                    ("japanese", pair.JapaneseCityCode),
                    ("chinese", pair.ChineseCityCode)));
            }
        }

        if (pairs.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainRuleException("pairs", DomainText.Of(
                "memorandum-pair-twice",
                $"The pair {twice.Key} is named twice.",
                ("japanese", twice.Key.JapaneseCityCode),
                ("chinese", twice.Key.ChineseCityCode)));
        }
    }

    private static void CheckActivities(IReadOnlyList<PlannedActivity> activities)
    {
        if (activities.Count == 0)
        {
            throw new DomainRuleException("activities", DomainText.Of("memorandum-activity-required", "Plan at least one activity."));
        }

        foreach (var activity in activities)
        {
            if (!Enum.IsDefined(activity.Kind))
            {
                throw new DomainRuleException("activities.kind", DomainText.Of("memorandum-activity-kind", $"'{activity.Kind}' is not an activity kind.", ("value", activity.Kind)));
            }

            TextLimits.AtLeast("activities.count", activity.Count, 1);
            if (activity.Count > MaxActivityCount)
            {
                throw new DomainRuleException("activities.count", DomainText.Of(
                    "memorandum-activity-count-max",
                    $"activities.count must be at most {MaxActivityCount}; it is {activity.Count}.",
                    ("field", "activities.count"),
                    ("max", MaxActivityCount),
                    ("value", activity.Count)));
            }
        }

        if (activities.GroupBy(a => a.Kind).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainRuleException("activities", DomainText.Of(
                "memorandum-activity-twice",
                $"The activity kind {twice.Key} is planned twice; give its number once.",
                ("kind", twice.Key)));
        }
    }

    private void CheckVisits(List<PlannedVisit> visits, IReadOnlyDictionary<string, City> cities)
    {
        CheckCount("visits", visits.Count);
        foreach (var visit in visits)
        {
            TextRules.Check("visits", visit.ChineseCityCode, TextKind.SingleLine);
        }

        CheckKnown("visits", visits.Select(v => v.ChineseCityCode), cities);
        var year = Year;
        foreach (var visit in visits)
        {
            if (cities[visit.ChineseCityCode].Country != Country.CN)
            {
                throw new DomainRuleException("visits", DomainText.Of(
                    "memorandum-visit-country",
                    $"{visit.ChineseCityCode} is not a Chinese city; the platform's visits go to Chinese cities.",
                    ("city", visit.ChineseCityCode)));
            }

            if (visit.Month is < 1 or > 12 || !year.Contains(new DateOnly(Math.Clamp(visit.Year, 1, 9999), visit.Month, 1)))
            {
                throw new DomainRuleException("visits.month", DomainText.Of(
                    "memorandum-visit-outside-fiscal-year",
                    $"The visit to {visit.ChineseCityCode} in {visit.MonthText} is outside {year} ({Day(year.Start)} to {Day(year.End)}).",
                    ("city", visit.ChineseCityCode),
                    ("month", visit.MonthText),
                    ("from", Day(year.Start)),
                    ("to", Day(year.End)),
                    ("fiscalYear", year.Year)));
            }
        }

        if (visits.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainRuleException("visits", DomainText.Of(
                "memorandum-visit-twice",
                $"The visit to {twice.Key.ChineseCityCode} in {twice.Key.MonthText} is named twice.",
                ("city", twice.Key.ChineseCityCode),
                ("month", twice.Key.MonthText)));
        }
    }

    private static void CheckCount(string field, int count)
    {
        if (count > TextLimits.Items)
        {
            throw new DomainRuleException(field, DomainText.Of("too-many-items", $"{field} has {count} items; at most {TextLimits.Items} are allowed.", ("field", field), ("count", count), ("max", TextLimits.Items)));
        }
    }

    private static void CheckKnown(string field, IEnumerable<string> codes, IReadOnlyDictionary<string, City> cities)
    {
        var unknown = codes.Where(c => !cities.ContainsKey(c)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainRuleException(field, DomainText.Of("unknown-cities", $"Unknown city code(s): {string.Join(", ", unknown)}.", ("codes", string.Join(",", unknown))));
        }
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
