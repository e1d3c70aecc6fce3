using CityCoop.Domain.Cities;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Domain.Memorandums;

/// <summary>
/// A fiscal-year memorandum as the workflow engine sees it, with the cities its plan is checked against. The owner is
/// the Japanese platform (it drafts the plan), the partner the Chinese platform; scopes resolve as for any subject.
/// </summary>
/// <param name="memorandum">The memorandum.</param>
/// <param name="cities">Known cities by code.</param>
public sealed class MemorandumWorkflowSubject(FiscalYearMemorandum memorandum, IReadOnlyDictionary<string, City> cities) : IOrganizationSubject
{
    /// <summary>Date source: the end of the memorandum's fiscal year (midnight after 31 March, Tokyo).</summary>
    public const string FiscalYearEnd = "fiscal-year-end";

    /// <summary>The memorandum.</summary>
    public FiscalYearMemorandum Memorandum => memorandum;

    /// <summary>Known cities by code.</summary>
    public IReadOnlyDictionary<string, City> Cities => cities;

    /// <summary>The Japanese platform, which drafts the plan.</summary>
    public string OrganizationCode => OrganizationCodes.PlatformJp;

    /// <summary>The Chinese platform, which agrees to it.</summary>
    public IReadOnlyList<string> PartnerOrganizationCodes { get; } = [OrganizationCodes.PlatformCn];

    /// <inheritdoc/>
    public DateTimeOffset? GetDate(string source) =>
        source == FiscalYearEnd ? memorandum.Year.EndInstant : null;

    /// <summary>
    /// The countries whose working days count a task's due date: JP for the Japanese platform and ministry, CN for the
    /// Chinese ones, both for a task open to either platform or to anyone.
    /// </summary>
    public IReadOnlyList<string> PlacesOf(WorkflowScope scope) =>
        scope == CityCoopScopes.PlatformJp || scope == CityCoopScopes.MinistryJp || scope == CityCoopScopes.ProposalCity ? ["JP"]
        : scope == CityCoopScopes.PlatformCn || scope == CityCoopScopes.MinistryCn || scope == CityCoopScopes.PartnerCity ? ["CN"]
        : ["CN", "JP"];

    /// <inheritdoc/>
    public string ApprovalFingerprint() => memorandum.ApprovalFingerprint();
}
