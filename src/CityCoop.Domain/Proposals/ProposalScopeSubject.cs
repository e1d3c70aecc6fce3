using CityCoop.Domain.WorkflowVocabulary;

namespace CityCoop.Domain.Proposals;

/// <summary>
/// A proposal as scopes see it (its own and its partner cities' organisations), for scope checks that need no reference
/// data (inbox, digest); it has no named dates, and its fingerprint is the proposal's.
/// </summary>
/// <param name="organizationCode">The proposing city's organisation code, e.g. <c>city:shanghai</c>.</param>
/// <param name="partnerCityCodes">The partner cities' codes, lead first.</param>
/// <param name="fingerprint">The proposal's approval fingerprint, or null when the caller never counts approvals.</param>
public sealed class ProposalScopeSubject(string organizationCode, IReadOnlyList<string> partnerCityCodes, Func<string>? fingerprint = null) : IOrganizationSubject
{
    /// <summary>The proposal as scopes see it.</summary>
    public ProposalScopeSubject(CooperationProposal proposal)
        : this(Required(proposal).OrganizationCode, proposal.PartnerCityCodes, proposal.ApprovalFingerprint)
    {
    }

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
    /// <exception cref="InvalidOperationException">Created without a fingerprint.</exception>
    public string ApprovalFingerprint() => fingerprint?.Invoke() ?? throw new InvalidOperationException("This scope-only view of a proposal counts no approvals.");

    private static CooperationProposal Required(CooperationProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return proposal;
    }
}
