using CityCoop.Server.Resources;
using CityCoop.Workflows;

namespace CityCoop.Server.Pages.Support;

/// <summary>
/// What the shared workflow partials (<c>_WorkflowDiagram</c>, <c>_WorkflowTimeline</c>) show of a subject's instance:
/// the diagram of its definition version with the current state marked, and its journal in the reader's language.
/// </summary>
/// <param name="Definition">The definition version the instance runs on.</param>
/// <param name="Instance">The instance.</param>
/// <param name="Engine">Coded sentences (journal notes) in the reader's language.</param>
/// <param name="ActionName">An action's name as the page words it.</param>
public sealed record WorkflowHistoryView(WorkflowDefinition Definition, WorkflowInstance Instance, EngineText Engine, Func<string, string> ActionName)
{
    /// <summary>The Mermaid text of the diagram in the reader's language.</summary>
    public string Diagram => MermaidDiagram.Render(Definition, Instance.CurrentState, Viewer.Language);
}
