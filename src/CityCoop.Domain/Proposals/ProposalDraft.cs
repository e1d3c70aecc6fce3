using CityCoop.Domain.Activities;
using CityCoop.Domain.Funding;

namespace CityCoop.Domain.Proposals;

/// <summary>
/// The fields a city fills in when drafting a proposal (programme.md "The path of a proposal", step 1).
/// Partner cities may be empty: the platform then introduces a partner.
/// </summary>
public sealed record ProposalDraft(
    string Title,
    string Description,
    IReadOnlyList<string> PartnerCityCodes,
    CooperationStrand Strand,
    GovernmentLevel Level,
    CooperationKind CooperationKind,
    IReadOnlyList<string> WishedItems,
    IReadOnlyList<string> OfferedItems,
    IReadOnlyList<ActivityKind> PlannedActivities,
    int FiscalYear,
    Money RequestedAmount);
