using CityCoop.Domain.Proposals;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Server.Proposals;

/// <summary>
/// Who may see a proposal: platform, ministry and admin users see all; city staff see the proposals of their
/// own city and those naming their city as a partner (others answer 404, never 403, so ids leak nothing).
/// </summary>
public static class ProposalVisibility
{
    /// <summary>Whether the actor may see the proposal.</summary>
    public static bool CanSee(WorkflowActor actor, CooperationProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(proposal);
        if (actor.Roles.Contains(CityCoopRoles.Platform) || actor.Roles.Contains(CityCoopRoles.Ministry) || actor.Roles.Contains(CityCoopRoles.Admin))
        {
            return true;
        }

        return CityCodeOf(actor) is { } city && (proposal.ProposingCityCode == city || proposal.PartnerCityCodes.Contains(city));
    }

    /// <summary>The city code of a city user's organisation, or null.</summary>
    public static string? CityCodeOf(WorkflowActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        const string prefix = "city:";
        return actor.OrganizationCode.StartsWith(prefix, StringComparison.Ordinal) && actor.Roles.Contains(CityCoopRoles.City)
            ? actor.OrganizationCode[prefix.Length..]
            : null;
    }

    /// <summary>Whether the actor sees every proposal.</summary>
    public static bool SeesAll(WorkflowActor actor) =>
        actor is not null && (actor.Roles.Contains(CityCoopRoles.Platform) || actor.Roles.Contains(CityCoopRoles.Ministry) || actor.Roles.Contains(CityCoopRoles.Admin));
}
