using CityCoop.Domain.WorkflowVocabulary;

namespace CityCoop.Domain.Proposals;

/// <summary>
/// A proposal as scopes see it (its own and its partner cities' organisations), for scope checks that need no reference
/// data (inbox, digest, reminders); it has no named dates and counts no approvals (the engine's subject,
/// <see cref="ProposalWorkflowSubject"/>, does).
/// </summary>
/// <param name="organizationCode">The proposing city's organisation code, e.g. <c>city:shanghai</c>.</param>
/// <param name="partnerCityCodes">The partner cities' codes, lead first.</param>
public sealed class ProposalScopeSubject(string organizationCode, IReadOnlyList<string> partnerCityCodes) : IOrganizationSubject
{
    /// <inheritdoc />
    public string OrganizationCode => organizationCode;

    /// <summary>The proposing city's code, e.g. <c>shanghai</c>.</summary>
    public string CityCode => organizationCode.StartsWith("city:", StringComparison.Ordinal) ? organizationCode[5..] : organizationCode;

    /// <summary>The partner cities' codes, lead first.</summary>
    public IReadOnlyList<string> PartnerCityCodes => partnerCityCodes;

    /// <inheritdoc />
    public IReadOnlyList<string> PartnerOrganizationCodes => [.. partnerCityCodes.Select(OrganizationCodes.City)];

    /// <inheritdoc />
    public DateTimeOffset? GetDate(string source) => null;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Always: this scope-only view counts no approvals.</exception>
    public string ApprovalFingerprint() => throw new InvalidOperationException("This scope-only view of a proposal counts no approvals.");
}
