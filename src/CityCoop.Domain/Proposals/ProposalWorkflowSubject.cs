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
public sealed class ProposalWorkflowSubject(
    CooperationProposal proposal,
    IReadOnlyDictionary<string, City> cities,
    IReadOnlyList<FriendshipRelation> friendships,
    IReadOnlyList<Activity>? activities = null,
    CooperationHistory? history = null) : IOrganizationSubject
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
