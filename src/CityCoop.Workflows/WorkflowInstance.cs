namespace CityCoop.Workflows;

/// <summary>One running workflow, pinned to the definition version it started on; changed only by <see cref="WorkflowEngine"/> and <see cref="WorkflowMigrationPlan"/>.</summary>
public sealed class WorkflowInstance
{
    private readonly List<WorkflowTask> _tasks = [];
    private readonly List<WorkflowApproval> _approvals = [];
    private readonly List<JournalEntry> _journal = [];

    private WorkflowInstance()
    {
        DefinitionId = string.Empty;
        CurrentState = string.Empty;
    }

    private WorkflowInstance(Guid id, WorkflowDefinition definition, DateTimeOffset now)
    {
        Id = id;
        DefinitionId = definition.Id;
        Version = definition.Version;
        CurrentState = definition.InitialState;
        StartedAt = now.ToUniversalTime();
    }

    /// <summary>Instance id.</summary>
    public Guid Id { get; private set; }

    /// <summary>Stable id of the definition, e.g. <c>cooperation-proposal</c>.</summary>
    public string DefinitionId { get; private set; }

    /// <summary>Definition version the instance runs on; changes only by migration.</summary>
    public int Version { get; private set; }

    /// <summary>Name of the current state.</summary>
    public string CurrentState { get; private set; }

    /// <summary>Concurrency token: 1 after start, incremented by every successful action and migration; the store uses it as ETag.</summary>
    public int Revision { get; private set; }

    /// <summary>When the instance started, UTC.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Every task the instance ever opened, open ones without <see cref="WorkflowTask.ClosedAt"/>.</summary>
    public IReadOnlyList<WorkflowTask> Tasks => _tasks;

    /// <summary>Tasks open now.</summary>
    public IEnumerable<WorkflowTask> OpenTasks => _tasks.Where(t => t.IsOpen);

    /// <summary>
    /// Approvals collected in the current visit of the current state; cleared when the state is left or the approved action
    /// completes, and withdrawn when a reset action changes what they approved (<see cref="ApprovalRule.ResetWhen"/>).
    /// </summary>
    public IReadOnlyList<WorkflowApproval> Approvals => _approvals;

    /// <summary>The append-only journal, in sequence order.</summary>
    public IReadOnlyList<JournalEntry> Journal => _journal;

    internal static WorkflowInstance Create(WorkflowDefinition definition, DateTimeOffset now) =>
        new(Guid.NewGuid(), definition, now);

    internal WorkflowTask OpenTask(TaskDefinition task, string? organizationCode, DateTimeOffset now, IReadOnlyList<TaskDueDate> dueDates)
    {
        var opened = new WorkflowTask(Guid.NewGuid(), task.Name, CurrentState, task.Role, task.Scope, organizationCode, now, dueDates) { IsStanding = task.IsStanding };
        _tasks.Add(opened);
        return opened;
    }

    internal List<WorkflowTask> CloseOpenTasks(string action, DateTimeOffset now)
    {
        var open = OpenTasks.ToList();
        foreach (var task in open)
        {
            task.Close(action, now);
        }

        return open;
    }

    internal void AddApproval(WorkflowApproval approval) => _approvals.Add(approval);

    internal void ClearApprovals(string? action = null) =>
        _approvals.RemoveAll(a => action is null || string.Equals(a.Action, action, StringComparison.Ordinal));

    internal List<WorkflowApproval> RemoveApprovals(Func<WorkflowApproval, bool> withdrawn)
    {
        var removed = _approvals.Where(withdrawn).ToList();
        _approvals.RemoveAll(removed.Contains);
        return removed;
    }

    internal void MoveTo(string state) => CurrentState = state;

    internal void MigrateTo(int version, string state)
    {
        Version = version;
        CurrentState = state;
    }

    // Revision and journal move together so the store can never write one without the other.
    internal JournalEntry Append(
        JournalEntryKind kind,
        WorkflowActor actor,
        string action,
        string fromState,
        string toState,
        DateTimeOffset at,
        string? comment,
        string inputsJson,
        string? details,
        string? dateSource,
        string? notesJson = null,
        bool forAdmins = false)
    {
        var entry = new JournalEntry(_journal.Count + 1, at, actor.UserId, actor.DisplayName, kind, action, fromState, toState, comment, inputsJson, details, dateSource, notesJson) { ForAdmins = forAdmins };
        _journal.Add(entry);
        Revision++;
        return entry;
    }
}

/// <summary>An open or closed human step of an instance.</summary>
public sealed class WorkflowTask
{
    private WorkflowTask()
    {
        TaskName = string.Empty;
        State = string.Empty;
    }

    internal WorkflowTask(Guid id, string taskName, string state, WorkflowRole role, WorkflowScope scope, string? organizationCode, DateTimeOffset openedAt, IReadOnlyList<TaskDueDate> dueDates)
    {
        Id = id;
        TaskName = taskName;
        State = state;
        Role = role;
        Scope = scope;
        OrganizationCode = organizationCode;
        OpenedAt = openedAt.ToUniversalTime();
        SetDueDates(dueDates);
    }

    /// <summary>Task id; timer and notification rows refer to it.</summary>
    public Guid Id { get; private set; }

    /// <summary>Task name from the definition.</summary>
    public string TaskName { get; private set; }

    /// <summary>State the task belongs to.</summary>
    public string State { get; private set; }

    /// <summary>Role that may act.</summary>
    public WorkflowRole Role { get; private set; }

    /// <summary>Organisation scope that may act.</summary>
    public WorkflowScope Scope { get; private set; }

    /// <summary>The one organisation assigned, or null when the scope admits several (partner cities, either platform, any).</summary>
    public string? OrganizationCode { get; private set; }

    /// <summary>
    /// Whether the task is a standing right to act (<see cref="TaskDefinition.IsStanding"/>), copied from its definition
    /// when it opens so that inboxes leave it out in SQL without reading the definition of every task's instance.
    /// </summary>
    public bool IsStanding { get; internal init; }

    /// <summary>When the task opened, UTC.</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>When the task is due, UTC, or null: the earliest of <see cref="DueDates"/> (the instant it is overdue for somebody).</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>
    /// The due date in each place the task is open to (e.g. the matching task's in Japan and in China, each the end of a
    /// working day there); empty when the task has no due date or was opened before due dates were kept per place.
    /// </summary>
    public IReadOnlyList<TaskDueDate> DueDates { get; private set; } = [];

    /// <summary>The due date in a place, else the task's earliest (<see cref="DueAt"/>) with no provisional year, else null.</summary>
    public TaskDueDate? DueIn(string? place) =>
        DueDates.FirstOrDefault(d => string.Equals(d.Place, place, StringComparison.Ordinal))
        ?? DueDates.MinBy(d => d.At)
        ?? (DueAt is { } at ? new TaskDueDate(place ?? string.Empty, at, null) : null);

    /// <summary>When the task closed, UTC, or null while open.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The action that closed the task (or <c>migrate</c>), or null while open.</summary>
    public string? ClosedByAction { get; private set; }

    /// <summary>True while the task is open.</summary>
    public bool IsOpen => ClosedAt is null;

    /// <summary>Replaces the due dates of an open task, e.g. recounted when a country's official holiday schedule is loaded.</summary>
    /// <exception cref="InvalidOperationException">The task is closed.</exception>
    public void MoveDueTo(IReadOnlyList<TaskDueDate> dueDates)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Task {TaskName} is closed; its due date cannot move.");
        }

        SetDueDates(dueDates);
    }

    private void SetDueDates(IReadOnlyList<TaskDueDate> dueDates)
    {
        ArgumentNullException.ThrowIfNull(dueDates);
        DueDates = [.. dueDates.Select(d => d with { At = d.At.ToUniversalTime() })];
        DueAt = DueDates.Count == 0 ? null : DueDates.Min(d => d.At);
    }

    internal void Close(string action, DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Task {Id} is already closed.");
        }

        ClosedAt = now.ToUniversalTime();
        ClosedByAction = action;
    }
}

/// <summary>One person's approval toward a parallel-approval action in the current state visit.</summary>
public sealed class WorkflowApproval
{
    private WorkflowApproval()
    {
        Action = string.Empty;
        UserId = string.Empty;
        OrganizationCode = string.Empty;
    }

    internal WorkflowApproval(string action, string userId, string approverName, string organizationCode, int groupIndex, DateTimeOffset at, string fingerprint)
    {
        Id = Guid.NewGuid();
        Action = action;
        UserId = userId;
        ApproverName = approverName;
        OrganizationCode = organizationCode;
        GroupIndex = groupIndex;
        At = at.ToUniversalTime();
        Fingerprint = fingerprint;
    }

    /// <summary>Approval id.</summary>
    public Guid Id { get; private set; }

    /// <summary>Action approved, e.g. <c>match</c>.</summary>
    public string Action { get; private set; }

    /// <summary>Who approved.</summary>
    public string UserId { get; private set; }

    /// <summary>The approver's display name at the time (journaled when the approval is withdrawn); null on approvals recorded before names were kept.</summary>
    public string? ApproverName { get; private set; }

    /// <summary>Organisation the approver acted for.</summary>
    public string OrganizationCode { get; private set; }

    /// <summary>Index of the approval group filled, as in the definition's <c>groups</c> array.</summary>
    public int GroupIndex { get; private set; }

    /// <summary>When, UTC.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>
    /// The subject's <see cref="IWorkflowSubject.ApprovalFingerprint"/> when the approval was given: what was approved.
    /// Null on approvals recorded before fingerprints were kept; such an approval counts for the content as it stands
    /// and is withdrawn by the first reset action that changes it.
    /// </summary>
    public string? Fingerprint { get; private set; }

    /// <summary>Whether the approval still approves the content whose fingerprint is <paramref name="current"/>.</summary>
    public bool Approves(string current) => Fingerprint is null || string.Equals(Fingerprint, current, StringComparison.Ordinal);
}

/// <summary>One append-only journal line: who did what, when, from which state to which.</summary>
public sealed class JournalEntry
{
    private JournalEntry()
    {
        ActorUserId = string.Empty;
        ActorDisplayName = string.Empty;
        Action = string.Empty;
        FromState = string.Empty;
        ToState = string.Empty;
        InputsJson = "{}";
    }

    internal JournalEntry(int sequence, DateTimeOffset at, string actorUserId, string actorDisplayName, JournalEntryKind kind, string action, string fromState, string toState, string? comment, string inputsJson, string? details, string? dateSource, string? notesJson)
    {
        Sequence = sequence;
        At = at.ToUniversalTime();
        ActorUserId = actorUserId;
        ActorDisplayName = actorDisplayName;
        Kind = kind;
        Action = action;
        FromState = fromState;
        ToState = toState;
        Comment = comment;
        InputsJson = inputsJson;
        Details = details;
        DateSource = dateSource;
        NotesJson = notesJson;
    }

    /// <summary>Position in the instance's journal, starting at 1.</summary>
    public int Sequence { get; private set; }

    /// <summary>When, UTC.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>User id of the actor.</summary>
    public string ActorUserId { get; private set; }

    /// <summary>Display name of the actor at the time.</summary>
    public string ActorDisplayName { get; private set; }

    /// <summary>What kind of event this is.</summary>
    public JournalEntryKind Kind { get; private set; }

    /// <summary>Action name (<c>start</c> and <c>migrate</c> for engine events).</summary>
    public string Action { get; private set; }

    /// <summary>State before.</summary>
    public string FromState { get; private set; }

    /// <summary>State after; equal to <see cref="FromState"/> when the action stayed.</summary>
    public string ToState { get; private set; }

    /// <summary>The <c>comment</c> input, if any.</summary>
    public string? Comment { get; private set; }

    /// <summary>The validated inputs as a JSON object.</summary>
    public string InputsJson { get; private set; }

    /// <summary>Notes from effects and the engine (approval groups, migration map), or null.</summary>
    public string? Details { get; private set; }

    /// <summary><c>recorded</c> when the date came from source data, <c>assumed</c> when replay chose it, null for live actions.</summary>
    public string? DateSource { get; private set; }

    /// <summary>
    /// <see cref="Details"/> as coded notes (JSON written by <see cref="DomainText.ToJson"/>), so each reader sees them in
    /// their language; null on entries written before notes were coded, whose <see cref="Details"/> is shown as it is.
    /// </summary>
    public string? NotesJson { get; private set; }

    /// <summary>
    /// True for a system note meant for administrators only (e.g. a due date recounted when a calendar year was loaded):
    /// the timelines of city, platform and ministry staff leave it out.
    /// </summary>
    public bool ForAdmins { get; internal init; }

    /// <summary>The coded notes of <see cref="NotesJson"/>; empty for entries without them.</summary>
    public IReadOnlyList<DomainText> Notes => DomainText.ListFromJson(NotesJson);

    /// <summary>
    /// Adds a note to the entry of the step being committed, for what a module computes from rows the engine does not see
    /// (a settlement's amounts, in its last check inside the step's transaction). Only for an entry not saved yet: a saved
    /// entry is never changed (the journal is append-only), which is why the runtime offers this only before its save.
    /// </summary>
    public void AddNote(DomainText note)
    {
        ArgumentNullException.ThrowIfNull(note);
        NotesJson = DomainText.ToJson([.. Notes, note]);
        Details = Details is null ? note.English : $"{Details}; {note.English}";
    }
}

/// <summary>Kind of a journal entry.</summary>
public enum JournalEntryKind
{
    /// <summary>The instance started.</summary>
    Started,

    /// <summary>An action moved the instance to another state.</summary>
    Transition,

    /// <summary>An approval was recorded but the rule is not yet satisfied.</summary>
    ApprovalRecorded,

    /// <summary>An action without a target was recorded (effects applied, state kept).</summary>
    Recorded,

    /// <summary>The instance moved to another definition version.</summary>
    Migrated,

    /// <summary>An overdue task was escalated to a supervisor by the scheduler.</summary>
    Escalated,
}

/// <summary>Values of <see cref="JournalEntry.DateSource"/>.</summary>
public static class JournalDateSource
{
    /// <summary>The date came from source data.</summary>
    public const string Recorded = "recorded";

    /// <summary>The date was assumed (e.g. ministry approval the day after matching when none is recorded).</summary>
    public const string Assumed = "assumed";
}
