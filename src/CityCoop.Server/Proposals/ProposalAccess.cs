using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Security;
using CityCoop.Workflows;

namespace CityCoop.Server.Proposals;

/// <summary>
/// The visibility check of every proposal read, edit, action and download (API and pages): <see cref="ProposalVisibility"/>'s
/// rule, and each refusal (answered as 404, so ids leak nothing) written to the security audit log.
/// </summary>
public sealed class ProposalAccess(SecurityAuditLog audit)
{
    /// <summary>Whether <paramref name="actor"/> may see <paramref name="proposal"/>; a refusal is audited as <see cref="SecurityEvents.ProposalHidden"/>.</summary>
    public async Task<bool> CanSeeAsync(WorkflowActor actor, CooperationProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(proposal);
        if (ProposalVisibility.CanSee(actor, proposal))
        {
            return true;
        }

        await audit.RecordAsync(SecurityEvents.ProposalHidden, $"proposal:{proposal.Id}", $"organisation {proposal.OrganizationCode}", actor.UserId);
        return false;
    }
}
