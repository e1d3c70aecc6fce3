using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// One kind of workflow subject (a proposal, a fiscal-year memorandum …) as <see cref="WorkflowRuntime"/> needs it: the
/// definition it runs, the hooks that definition names, and how to load and describe a subject by id. The runtime knows
/// nothing else of the subject; a new workflow is a definition file plus a module registered with
/// <see cref="WorkflowRegistration.AddWorkflowModule"/>.
/// </summary>
public interface IWorkflowModule
{
    /// <summary>
    /// The subject type stored on instances and outbox rows (with the subject's id, as Elsa's correlation id), e.g.
    /// <c>proposal</c>; lower-case kebab, unique among modules, never renamed once rows carry it.
    /// </summary>
    string SubjectType { get; }

    /// <summary>The id of the definition the module's subjects run on, e.g. <c>cooperation-proposal</c>.</summary>
    string DefinitionId { get; }

    /// <summary>The roles, scopes, input types, guards, effects and date sources the definition may name.</summary>
    WorkflowHooks Hooks { get; }

    /// <summary>The application-relative link of a subject's page, e.g. <c>/proposals/{id}</c>, used in emails and inboxes.</summary>
    string PathOf(Guid subjectId);

    /// <summary>
    /// Loads a subject for a step (tracked, so effects the step applies are saved with it), or null when it does not exist.
    /// </summary>
    /// <param name="db">The unit of work of the step.</param>
    /// <param name="subjectId">The subject's id.</param>
    /// <param name="guards">The guard names of the action about to be taken, so the module loads only what they need; empty for a plain load.</param>
    /// <param name="ct">Cancellation.</param>
    Task<LoadedSubject?> LoadAsync(CityCoopDbContext db, Guid subjectId, IReadOnlyCollection<string> guards, CancellationToken ct);

    /// <summary>Title, fiscal year and scope view of subjects (read-only) for inboxes and digests; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<Guid, WorkflowSubjectSummary>> SummariesAsync(CityCoopDbContext db, IReadOnlyCollection<Guid> subjectIds, CancellationToken ct);
}
