using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>A loaded subject with its workflow instance, the definition version the instance is pinned to, and its module.</summary>
/// <param name="Module">The subject's module.</param>
/// <param name="SubjectId">The subject's id.</param>
/// <param name="Subject">The subject as loaded for the step.</param>
/// <param name="Instance">Its instance (tracked).</param>
/// <param name="Definition">The definition version the instance runs on.</param>
public sealed record WorkflowRecord(IWorkflowModule Module, Guid SubjectId, LoadedSubject Subject, WorkflowInstance Instance, WorkflowDefinition Definition)
{
    /// <summary>Entity tag: changes with every step and every edit of the subject. Quoted, as HTTP wants it.</summary>
    public string ETag => ETagOf(Instance, Subject.Revision);

    /// <summary>The entity tag of an instance revision and a subject revision, e.g. <c>"3-2"</c>.</summary>
    public static string ETagOf(WorkflowInstance instance, int subjectRevision)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return $"\"{instance.Revision}-{subjectRevision}\"";
    }
}
