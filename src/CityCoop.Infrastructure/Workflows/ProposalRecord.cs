using CityCoop.Domain.Proposals;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>A proposal with its workflow instance and the definition version the instance is pinned to.</summary>
public sealed record ProposalRecord(CooperationProposal Proposal, WorkflowInstance Instance, WorkflowDefinition Definition)
{
    /// <summary>Entity tag of the pair: changes with every step and every edit. Quoted, as HTTP wants it.</summary>
    public string ETag => ETagOf(Instance, Proposal);

    /// <summary>The entity tag of an instance and proposal.</summary>
    public static string ETagOf(WorkflowInstance instance, CooperationProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(proposal);
        return $"\"{instance.Revision}-{proposal.Revision}\"";
    }
}
