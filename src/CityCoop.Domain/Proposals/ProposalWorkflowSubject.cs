using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Organizations;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Domain.Proposals;

/// <summary>
/// A proposal as the workflow engine sees it, with the reference data its guards and effects need (cities and
/// friendship relations), the activities already recorded under it (for voiding; changes to them are the caller's
/// to store) and the activities recorded during the current step, which the caller must add.
/// </summary>
/// <param name="proposal">The proposal.</param>
/// <param name="cities">Known cities by code.</param>
/// <param name="friendships">Friendship relations.</param>
/// <param name="activities">The activities recorded under the proposal before this step; null when the caller did not load them.</param>
/// <param name="history">The pairs of the proposing city that cooperated before (<see cref="CooperationHistory"/>); null when the caller did not load it.</param>
/// <param name="expenses">The proposal's expenses (for amending its approval); null when the caller did not load them.</param>
public sealed class ProposalWorkflowSubject(
    CooperationProposal proposal,
    IReadOnlyDictionary<string, City> cities,
    IReadOnlyList<FriendshipRelation> friendships,
    IReadOnlyList<Activity>? activities = null,
    CooperationHistory? history = null,
    IReadOnlyList<Expenses.Expense>? expenses = null) : IOrganizationSubject
{
    /// <summary>Date source: the end of the proposal's fiscal year (midnight after 31 March, Tokyo).</summary>
    public const string FiscalYearEnd = "fiscal-year-end";

    private readonly List<Activity> recordedActivities = [];

    /// <summary>The proposal.</summary>
    public CooperationProposal Proposal => proposal;

    /// <summary>Known cities by code.</summary>
    public IReadOnlyDictionary<string, City> Cities => cities;

    /// <summary>Activities created by the current step; the caller adds them to the database in the same transaction.</summary>
    public IReadOnlyList<Activity> RecordedActivities => recordedActivities;

    /// <summary>The proposal's activity with this id, or null when the proposal has none with it (ids of other proposals included).</summary>
    /// <exception cref="InvalidOperationException">The subject was created without the proposal's activities.</exception>
    public Activity? FindActivity(Guid id) =>
        (activities ?? throw new InvalidOperationException("The proposal's activities were not loaded for this step."))
            .FirstOrDefault(a => a.Id == id && a.ProposalId == proposal.Id);

    /// <summary>
    /// The proposal's expenses in yen on <paramref name="today"/>: paid (on or before that day, spent) and held (a later
    /// paid date, or none yet: planned).
    /// </summary>
    /// <exception cref="InvalidOperationException">The subject was created without the proposal's expenses.</exception>
    public (decimal Paid, decimal Held) ExpensesOn(DateOnly today)
    {
        var all = expenses ?? throw new InvalidOperationException("The proposal's expenses were not loaded for this step.");
        var paid = all.Where(e => e.IsSpentOn(today)).Sum(e => e.AmountJpy);
        return (paid, all.Sum(e => e.AmountJpy) - paid);
    }

    /// <inheritdoc/>
    public string OrganizationCode => proposal.OrganizationCode;

    /// <inheritdoc/>
    public IReadOnlyList<string> PartnerOrganizationCodes => [.. proposal.PartnerCityCodes.Select(Organization.CodeForCity)];

    /// <inheritdoc/>
    public string ApprovalFingerprint() => proposal.ApprovalFingerprint();

    /// <summary>
    /// Why the proposal's cooperation kind does not fit its pairing, or null when it fits: "strengthened" and
    /// "continuing" build on existing cooperation, so at least one of the proposal's pairs needs a friendship relation
    /// or earlier cooperation in CityCoop (<see cref="CooperationHistory"/>; programme.md rules 1 and 3). New cooperation,
    /// and a proposal without a partner yet, always fit.
    /// </summary>
    /// <exception cref="InvalidOperationException">The subject was created without the cooperation history.</exception>
    public DomainText? WhyKindDoesNotFitPairing()
    {
        var pairs = proposal.Pairs;
        if (proposal.CooperationKind == CooperationKind.New || pairs.Count == 0)
        {
            return null;
        }

        var known = history ?? throw new InvalidOperationException("The cooperation history was not loaded for this step.");
        // One tie is enough: strengthening a cooperation may bring in new partners beside the tied one, as Tianjin's FY2014
        // cooperation did (Kobe, a friendship city since 1973, with Yokkaichi and Kitakyushu as new partners).
        if (pairs.Any(p => known.Contains(p.Japanese, p.Chinese) || friendships.Any(f => f.JapaneseCityCode == p.Japanese && f.ChineseCityCode == p.Chinese)))
        {
            return null;
        }

        var named = string.Join(",", pairs.Select(p => $"{p.Japanese}–{p.Chinese}"));
        var kind = CooperationProposal.KindName(proposal.CooperationKind);
        return DomainText.Of(
            "kind-needs-existing-cooperation",
            $"{named.Replace(",", ", ", StringComparison.Ordinal)} has no friendship relation and no earlier cooperation in CityCoop, so it cannot be {kind} cooperation; set the cooperation kind to new or choose another partner.",
            ("pairs", named),
            ("cooperationKind", proposal.CooperationKind));
    }

    /// <summary>
    /// Why an activity's cities do not fit this proposal, or null when they fit: every Chinese city field (a consultation's
    /// or seminar's city, a training visit's sending city) names a Chinese city of the proposal (proposing or partner), and
    /// every Japanese city list (consultation, seminar, a visit's receiving cities) holds Japanese cities only; a seminar's or
    /// visit's list holds at least one of the proposal's own Japanese cities (further hosts may join; a consultation while
    /// matching may meet candidate partners). Codes <c>activity-city-wrong-country</c> and
    /// <c>activity-city-not-in-proposal</c> (arguments field, city, cities), so the fiscal-year report never lists a
    /// visit to Japan received by a Chinese city or a seminar of a city outside the cooperation.
    /// </summary>
    public (string Field, DomainText Reason)? WhyActivityCitiesDoNotFit(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (chineseField, chinese, japaneseField, japanese) = activity switch
        {
            OnSiteConsultation c => ("chineseCity", c.ChineseCityCode, "japaneseCities", (IReadOnlyList<string>)c.JapaneseCityCodes),
            LocalSeminar s => ("chineseCity", s.ChineseCityCode, "japaneseCities", s.JapaneseCityCodes),
            TrainingVisit v => ("sendingCity", v.SendingCityCode, "receivingCities", v.ReceivingCityCodes),
            _ => (string.Empty, string.Empty, string.Empty, (IReadOnlyList<string>)[]),
        };
        var own = new[] { proposal.ProposingCityCode }.Concat(proposal.PartnerCityCodes).ToList();
        if (chinese.Length > 0)
        {
            if (WrongCountry(chineseField, chinese, Country.CN) is { } wrong)
            {
                return wrong;
            }

            if (!own.Contains(chinese))
            {
                return NotInProposal(chineseField, chinese, own.Where(c => CityCountry(c) == Country.CN));
            }
        }

        foreach (var code in japanese)
        {
            if (WrongCountry(japaneseField, code, Country.JP) is { } wrong)
            {
                return wrong;
            }
        }

        // A consultation may be held with candidate partners while matching; what the funds pay for involves the partner.
        var ownJapanese = own.Where(c => CityCountry(c) == Country.JP).ToList();
        return activity is not OnSiteConsultation && japanese.Count > 0 && ownJapanese.Count > 0 && !japanese.Any(ownJapanese.Contains)
            ? NotInProposal(japaneseField, string.Join(", ", japanese), own.Where(c => CityCountry(c) == Country.JP))
            : null;
    }

    private (string, DomainText)? WrongCountry(string field, string code, Country expected) =>
        CityCountry(code) is { } actual && actual != expected
            ? (field, DomainText.Of(
                "activity-city-wrong-country",
                $"{field}: {code} is a {(actual == Country.JP ? "Japanese" : "Chinese")} city; this field takes {(expected == Country.JP ? "Japanese" : "Chinese")} cities.",
                ("field", field),
                ("city", code),
                ("country", expected)))
            : null;

    private Country? CityCountry(string code) => cities.TryGetValue(code, out var city) ? city.Country : null;

    private static (string, DomainText) NotInProposal(string field, string code, IEnumerable<string> allowed)
    {
        var cities = string.Join(", ", allowed);
        return (field, DomainText.Of(
            "activity-city-not-in-proposal",
            $"{field}: {code} is not a city of this proposal; use {cities}.",
            ("field", field),
            ("city", code),
            ("cities", cities)));
    }

    /// <inheritdoc/>
    public DateTimeOffset? GetDate(string source) =>
        source == FiscalYearEnd ? new FiscalYear(proposal.FiscalYear).EndInstant : null;

    /// <summary>
    /// The countries (<c>JP</c>, <c>CN</c>) of the organisations a scope resolves to, whose working days count a task's due
    /// date: both for either platform; the proposing city's country when the scope names nobody yet (no partner set).
    /// </summary>
    public IReadOnlyList<string> PlacesOf(WorkflowScope scope)
    {
        var codes = CityCoopScopes.Members(scope, this) ?? [OrganizationCodes.PlatformJp, OrganizationCodes.PlatformCn];
        var countries = codes.Select(CountryOf).OfType<Country>().Distinct().Order().ToList();
        if (countries.Count == 0 && cities.TryGetValue(proposal.ProposingCityCode, out var own))
        {
            countries.Add(own.Country);
        }

        return [.. countries.Select(c => c.ToString())];
    }

    /// <summary>
    /// The country of an organisation: <c>platform:jp</c>, <c>ministry:jp</c> → JP; <c>platform:cn</c>, <c>ministry:cn</c> → CN;
    /// <c>city:&lt;code&gt;</c> → the city's country; null for anything else (no organisation, admin, unknown city).
    /// </summary>
    public Country? CountryOf(string? organizationCode) => Organization.CountryOf(organizationCode, cities);

    /// <summary>
    /// "kitakyushu–shanghai: friendship relation since 1979-05-01" or "…: new pairing (no friendship relation)",
    /// so the journal records whether a pair builds on an existing tie (programme.md rule 1).
    /// </summary>
    public DomainText DescribePairing(string japaneseCityCode, string chineseCityCode)
    {
        var tie = friendships.FirstOrDefault(f => f.JapaneseCityCode == japaneseCityCode && f.ChineseCityCode == chineseCityCode);
        if (tie is null)
        {
            return DomainText.Of("pairing-new", $"{japaneseCityCode}–{chineseCityCode}: new pairing (no friendship relation)", ("japanese", japaneseCityCode), ("chinese", chineseCityCode));
        }

        var since = tie.Established.Precision == DatePrecision.Unknown ? null : tie.Established.ToString();
        return DomainText.Of(
            "pairing-friendship",
            $"{japaneseCityCode}–{chineseCityCode}: friendship relation since {since ?? "an unknown date"}",
            ("japanese", japaneseCityCode),
            ("chinese", chineseCityCode),
            ("since", since ?? "?"));
    }

    /// <summary>Adds an activity created by an effect.</summary>
    /// <exception cref="DomainRuleException">The activity names an unknown city.</exception>
    public void AddRecordedActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        IEnumerable<string> codes = activity switch
        {
            TrainingVisit v => [v.SendingCityCode, .. v.ReceivingCityCodes],
            OnSiteConsultation c => [c.ChineseCityCode, .. c.JapaneseCityCodes],
            LocalSeminar s => [s.ChineseCityCode, .. s.JapaneseCityCodes],
            _ => [],
        };
        var unknown = codes.Where(c => !cities.ContainsKey(c)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainRuleException("activity", DomainText.Of("unknown-cities", $"Unknown city code(s): {string.Join(", ", unknown)}.", ("codes", string.Join(",", unknown))));
        }

        recordedActivities.Add(activity);
    }
}
