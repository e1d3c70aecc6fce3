using CityCoop.Domain.Memorandums;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Memorandums;

/// <summary>A memorandum with its workflow instance and the definition version the instance is pinned to.</summary>
/// <param name="Workflow">The runtime's record of the memorandum.</param>
public sealed record MemorandumRecord(WorkflowRecord Workflow)
{
    /// <summary>The memorandum (tracked).</summary>
    public FiscalYearMemorandum Memorandum => Subject.Memorandum;

    /// <summary>The memorandum as the engine sees it (with the known cities).</summary>
    public MemorandumWorkflowSubject Subject => (MemorandumWorkflowSubject)Workflow.Subject.Subject;

    /// <summary>Its instance.</summary>
    public WorkflowInstance Instance => Workflow.Instance;

    /// <summary>The definition version the instance runs on.</summary>
    public WorkflowDefinition Definition => Workflow.Definition;

    /// <summary>Entity tag: changes with every step (the memorandum's revision as it is after the step). Quoted, as HTTP wants it.</summary>
    public string ETag => Workflow.ETag;
}
