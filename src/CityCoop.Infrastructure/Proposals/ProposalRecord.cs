using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Proposals;

/// <summary>A proposal with its workflow instance and the definition version the instance is pinned to.</summary>
/// <param name="Workflow">The runtime's record of the proposal.</param>
public sealed record ProposalRecord(WorkflowRecord Workflow)
{
    /// <summary>The proposal (tracked).</summary>
    public CooperationProposal Proposal => Loaded.Proposal;

    /// <summary>The proposal as the engine sees it (cities, friendships, activities).</summary>
    public ProposalWorkflowSubject Subject => Loaded.Workflow;

    /// <summary>Its instance.</summary>
    public WorkflowInstance Instance => Workflow.Instance;

    /// <summary>The definition version the instance runs on.</summary>
    public WorkflowDefinition Definition => Workflow.Definition;

    /// <summary>Entity tag of the pair: changes with every step and every edit. Quoted, as HTTP wants it.</summary>
    public string ETag => Workflow.ETag;

    private ProposalSubject Loaded => (ProposalSubject)Workflow.Subject;

    /// <summary>The record of a runtime record that a proposal's module loaded, or null for another module's.</summary>
    public static ProposalRecord? Of(WorkflowRecord record) =>
        record?.Subject is ProposalSubject ? new ProposalRecord(record) : null;
}
