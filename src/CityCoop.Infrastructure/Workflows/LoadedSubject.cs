using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Notifications.Payloads;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// A subject as a module loaded it for one step: what the engine reads (guards, scopes, dates, fingerprint), its title for
/// notices, and its own revision for the entity tag. A module subclasses it to write its own rows after a step (e.g. the
/// activities a proposal's effects recorded) and to add what its notices say.
/// </summary>
/// <param name="subject">The subject as the engine and the scope rule see it; its organisation codes give the places whose calendars apply.</param>
/// <param name="title">The subject's title, shown in notices and inboxes.</param>
/// <param name="revision">Reads the subject's own revision (edits outside steps and effects change it), part of the entity tag.</param>
public class LoadedSubject(IOrganizationSubject subject, string title, Func<int> revision)
{
    /// <summary>A subject whose own revision never changes (0 for one that has none).</summary>
    public LoadedSubject(IOrganizationSubject subject, string title, int revision)
        : this(subject, title, () => revision)
    {
    }

    /// <summary>The subject as the engine sees it.</summary>
    public IOrganizationSubject Subject => subject;

    /// <summary>The subject's title.</summary>
    public string Title => title;

    /// <summary>The subject's own revision now (after the step's effects), 0 when it has none.</summary>
    public int Revision => revision();

    /// <summary>
    /// Adds the module's own rows of a committed step to <paramref name="db"/> (saved in the step's transaction); the
    /// default adds nothing.
    /// </summary>
    public virtual Task AfterStepAsync(CityCoopDbContext db, WorkflowInstance instance, WorkflowDefinition definition, WorkflowSuccess success, DateTimeOffset now, CancellationToken ct) =>
        Task.CompletedTask;

    /// <summary>
    /// A last check inside the step's transaction, after the instance's row is taken and before anything is saved: a reason
    /// refuses the step (the transaction rolls back, nothing is written) — for rules that read rows other steps write at
    /// the same time, such as a fiscal year's remaining budget under the lock of its budget row. The default refuses nothing.
    /// </summary>
    public virtual Task<DomainText?> BeforeCommitAsync(CityCoopDbContext db, WorkflowSuccess success, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult<DomainText?>(null);

    /// <summary>What a notice about <paramref name="task"/> says beyond title, task and due date (e.g. a decision's amounts); the default adds nothing.</summary>
    /// <param name="notice">The notice as the runtime built it.</param>
    /// <param name="instance">The instance after the step.</param>
    /// <param name="task">The task the notice is about.</param>
    /// <param name="closing">True for a notice of the task's closing (a decision).</param>
    public virtual TaskNoticePayload Describe(TaskNoticePayload notice, WorkflowInstance instance, WorkflowTask task, bool closing) => notice;
}
