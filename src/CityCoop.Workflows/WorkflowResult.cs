namespace CityCoop.Workflows;

/// <summary>Outcome of <see cref="WorkflowEngine.Execute"/>: a <see cref="WorkflowSuccess"/> or one of the <see cref="WorkflowFailure"/> kinds.</summary>
public abstract record WorkflowResult;

/// <summary>What a successful action did.</summary>
public enum WorkflowOutcome
{
    /// <summary>The instance moved to the action's target state.</summary>
    Transitioned,

    /// <summary>An approval was recorded; the approval rule still misses groups.</summary>
    ApprovalRecorded,

    /// <summary>The action stayed in the state; its effects were applied and it was journaled.</summary>
    Recorded,
}

/// <summary>A successful action; the store writes the instance, <see cref="Outputs"/> and nothing else in one transaction.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Entry">The journal entry appended.</param>
/// <param name="Outputs">Tasks opened and closed, timer and notification requests.</param>
/// <param name="MissingGroups">For <see cref="WorkflowOutcome.ApprovalRecorded"/>: the groups not yet approved; otherwise empty.</param>
/// <param name="ApprovalsMissing">For <see cref="WorkflowOutcome.ApprovalRecorded"/>: how many more groups must approve; otherwise 0.</param>
public sealed record WorkflowSuccess(
    WorkflowOutcome Outcome,
    JournalEntry Entry,
    WorkflowOutputs Outputs,
    IReadOnlyList<ApprovalGroup> MissingGroups,
    int ApprovalsMissing) : WorkflowResult
{
    /// <summary>
    /// Approvals this step withdrew because what they approved changed (a reset action, or a stale approval found when
    /// another one was given); the journal entry names them, and the store tells each approver in the same transaction.
    /// </summary>
    public IReadOnlyList<WorkflowApproval> WithdrawnApprovals { get; init; } = [];
}

/// <summary>A refused action; nothing changed on the instance (the caller must still discard any subject changes of its unit of work).</summary>
/// <param name="Message">English reason, suitable for a problem-details <c>detail</c>.</param>
public abstract record WorkflowFailure(string Message) : WorkflowResult
{
    /// <summary>The reason as a stable code and arguments, for readers in other languages and API clients.</summary>
    public abstract DomainText Text { get; }
}

/// <summary>The action is not offered in the current state (HTTP 409); lists what this actor may do instead.</summary>
public sealed record ActionNotAllowedInState(string State, string Action, IReadOnlyList<string> AllowedActions)
    : WorkflowFailure($"Action '{Action}' is not allowed in state '{State}'; allowed: {(AllowedActions.Count == 0 ? "none" : string.Join(", ", AllowedActions))}.")
{
    /// <inheritdoc />
    public override DomainText Text => DomainText.Of("action-not-allowed", Message, ("action", Action), ("state", State), ("allowed", string.Join(",", AllowedActions)));
}

/// <summary>
/// The definition has no action of that name in any state (HTTP 404: <c>/actions/{name}</c> names nothing); lists what
/// this actor may do now. Told apart from <see cref="ActionNotAllowedInState"/>, which is an action of another state.
/// </summary>
/// <param name="Action">The name as asked for.</param>
/// <param name="AllowedActions">The actions this actor may take in the current state.</param>
public sealed record UnknownAction(string Action, IReadOnlyList<string> AllowedActions)
    : WorkflowFailure($"The workflow has no action '{Action}'; allowed now: {(AllowedActions.Count == 0 ? "none" : string.Join(", ", AllowedActions))}.")
{
    /// <inheritdoc />
    public override DomainText Text => DomainText.Of("unknown-action", Message, ("action", Action), ("allowed", string.Join(",", AllowedActions)));
}

/// <summary>A person asked for an action the definition reserves for the scheduler (<c>"system": true</c>), e.g. <c>expire</c> (HTTP 409); nothing changed.</summary>
/// <param name="State">The current state.</param>
/// <param name="Action">The refused action.</param>
/// <param name="TaskName">The task whose deadline takes it.</param>
public sealed record SystemActionRefused(string State, string Action, string TaskName)
    : WorkflowFailure($"Action '{Action}' is taken only by the system, when the deadline of task '{TaskName}' passes.")
{
    /// <inheritdoc />
    public override DomainText Text => DomainText.Of("system-action-refused", Message, ("action", Action), ("task", TaskName));
}

/// <summary>The actor's role or organisation may not take the action (HTTP 403).</summary>
public sealed record ActionForbidden(string Action, DomainText Reason) : WorkflowFailure(Reason.English)
{
    /// <inheritdoc />
    public override DomainText Text => Reason;
}

/// <summary>A required input is missing (HTTP 400).</summary>
public sealed record MissingInput(string Field) : WorkflowFailure($"Input '{Field}' is required.")
{
    /// <inheritdoc />
    public override DomainText Text => DomainText.Of("input-required", Message, ("field", Field));
}

/// <summary>An input has the wrong shape or an effect could not apply it (HTTP 400).</summary>
public sealed record InvalidInput(string Field, DomainText Reason) : WorkflowFailure($"Input '{Field}' is invalid: {Reason.English}")
{
    /// <inheritdoc />
    public override DomainText Text => Reason;
}

/// <summary>A named guard refused the action (HTTP 409).</summary>
public sealed record GuardFailed(string Guard, DomainText Reason) : WorkflowFailure($"Guard '{Guard}' refused: {Reason.English}")
{
    /// <inheritdoc />
    public override DomainText Text => Reason;
}

/// <summary>The actor (or, with distinct organisations, their organisation) already approved, or their group is already filled (HTTP 409); approvals never count twice.</summary>
public sealed record AlreadyApproved(string Action, DomainText Reason) : WorkflowFailure(Reason.English)
{
    /// <inheritdoc />
    public override DomainText Text => Reason;
}

/// <summary>Side outputs of one step that the store must write in the same transaction as the instance.</summary>
/// <param name="TasksOpened">Tasks opened (insert).</param>
/// <param name="TasksClosed">Tasks closed (their pending timers must be cancelled).</param>
/// <param name="Timers">Timer rows to create for the opened tasks.</param>
/// <param name="Notifications">Notification rows to create.</param>
public sealed record WorkflowOutputs(
    IReadOnlyList<WorkflowTask> TasksOpened,
    IReadOnlyList<WorkflowTask> TasksClosed,
    IReadOnlyList<TimerRequest> Timers,
    IReadOnlyList<NotificationRequest> Notifications)
{
    /// <summary>No side outputs.</summary>
    public static WorkflowOutputs None { get; } = new([], [], [], []);
}

/// <summary>A timer to schedule for a task.</summary>
/// <param name="TaskId">Task the timer belongs to.</param>
/// <param name="TaskName">Task name.</param>
/// <param name="Timer">The declaration.</param>
/// <param name="DueAt">When it fires, UTC; null when the task has no due date to compute from.</param>
public sealed record TimerRequest(Guid TaskId, string TaskName, TimerDeclaration Timer, DateTimeOffset? DueAt);

/// <summary>A notification to send about a task.</summary>
/// <param name="TaskId">Task concerned.</param>
/// <param name="TaskName">Task name.</param>
/// <param name="Trigger">Event that triggered it.</param>
/// <param name="Template">Template name, or null.</param>
/// <param name="Recipients">Resolved recipients.</param>
public sealed record NotificationRequest(Guid TaskId, string TaskName, NotificationTrigger Trigger, string? Template, IReadOnlyList<NotificationRecipient> Recipients);

/// <summary>A recipient resolved against the subject.</summary>
/// <param name="Role">Role to notify.</param>
/// <param name="Scope">Scope it came from.</param>
/// <param name="OrganizationCodes">Organisations whose members with the role are notified; empty for any organisation.</param>
public sealed record NotificationRecipient(WorkflowRole Role, WorkflowScope Scope, IReadOnlyList<string> OrganizationCodes);

/// <summary>A started instance and the side outputs of opening its first tasks.</summary>
public sealed record WorkflowStart(WorkflowInstance Instance, JournalEntry Entry, WorkflowOutputs Outputs);
