namespace CityCoop.Workflows;

/// <summary>A parsed, validated workflow definition: states, their tasks and actions, as declared in a JSON file under <c>workflows/</c>.</summary>
/// <param name="Id">Stable id shared by every version, e.g. <c>cooperation-proposal</c>.</param>
/// <param name="Version">Version number assigned by the store; 1 until the store says otherwise.</param>
/// <param name="Title">Human-readable title.</param>
/// <param name="InitialState">State a new instance starts in.</param>
/// <param name="States">States in file order.</param>
/// <param name="Json">The definition as minified JSON, kept so every version can be stored and re-read.</param>
/// <param name="ContentHash">Lower-case hex SHA-256 of <paramref name="Json"/>; a changed hash means a new version.</param>
public sealed record WorkflowDefinition(
    string Id,
    int Version,
    string Title,
    string InitialState,
    IReadOnlyList<StateDefinition> States,
    string Json,
    string ContentHash)
{
    /// <summary>Returns the state with the given name.</summary>
    /// <exception cref="KeyNotFoundException">The definition has no such state.</exception>
    public StateDefinition GetState(string name) =>
        FindState(name) ?? throw new KeyNotFoundException($"Workflow '{Id}' v{Version} has no state '{name}'.");

    /// <summary>Returns the state with the given name, or null when the definition has none.</summary>
    public StateDefinition? FindState(string name) =>
        States.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}

/// <summary>One state of a definition; a final state has no tasks.</summary>
/// <param name="Name">Kebab-case state name, unique in the definition.</param>
/// <param name="IsFinal">True when instances in this state are finished.</param>
/// <param name="DisplayNames">Display names by language tag (en, ja, zh); may be empty.</param>
/// <param name="Tasks">Tasks open while an instance is in this state.</param>
public sealed record StateDefinition(
    string Name,
    bool IsFinal,
    IReadOnlyDictionary<string, string> DisplayNames,
    IReadOnlyList<TaskDefinition> Tasks)
{
    /// <summary>Every action offered by the tasks of this state, with the task offering it.</summary>
    public IEnumerable<(TaskDefinition Task, ActionDefinition Action)> Actions =>
        Tasks.SelectMany(t => t.Actions.Select(a => (t, a)));
}

/// <summary>A human step: who may act (role within an organisation scope), until when, and what they may do.</summary>
/// <param name="Name">Task name, unique in its state.</param>
/// <param name="Role">Role the actor must hold.</param>
/// <param name="Scope">Organisation the actor must belong to, relative to the subject.</param>
/// <param name="Due">When the task is due, or null when it has no due date.</param>
/// <param name="Actions">Actions the task offers.</param>
/// <param name="Timers">Timers declared for the task; executed by the scheduler, not the engine.</param>
/// <param name="Notifications">Notifications declared for the task.</param>
public sealed record TaskDefinition(
    string Name,
    WorkflowRole Role,
    WorkflowScope Scope,
    DueRule? Due,
    IReadOnlyList<ActionDefinition> Actions,
    IReadOnlyList<TimerDeclaration> Timers,
    IReadOnlyList<NotificationDeclaration> Notifications)
{
    /// <summary>
    /// True when the holder only follows while others act (e.g. the city while the platforms match, able to withdraw):
    /// such tasks are listed apart from the to-do tasks and should declare no due date (<c>"following": true</c>).
    /// </summary>
    public bool IsFollowing { get; init; }

    /// <summary>
    /// True (<c>"standing": true</c>) for a standing right to act while the subject is in the state, not a to-do (e.g. the
    /// Japanese ministry may amend an approval during fund execution): inboxes, <c>GET /api/tasks</c> and digests leave it
    /// out, so one row per subject does not flood them; its actions are offered on the subject's page and API as any other.
    /// The schema refuses it a due date, timers, a task-opened notice and <c>following</c>.
    /// </summary>
    public bool IsStanding { get; init; }

    /// <summary>Display names by language tag (en, ja, zh); may be empty.</summary>
    public IReadOnlyDictionary<string, string> DisplayNames { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The display name in a language (zh, ja, en; a tag such as <c>ja-JP</c> also works), else English, else the name.</summary>
    public string DisplayName(string? language) => WorkflowNames.Display(DisplayNames, language, Name);
}

/// <summary>An action a task offers; without a target the instance stays in its state and the action is only journaled and applies its effects.</summary>
/// <param name="Name">Action name, unique in its state.</param>
/// <param name="Target">State the action moves to, or null to stay.</param>
/// <param name="Inputs">Inputs the caller sends.</param>
/// <param name="Guards">Guards by name with their parameters, checked in order before anything changes.</param>
/// <param name="Effects">Named effects, applied in order when the action completes.</param>
/// <param name="Approval">Parallel approval rule, or null when one call completes the action.</param>
/// <param name="IsSystem">
/// True (<c>"system": true</c>) when only the scheduler takes the action, through a deadline timer of its task that names it;
/// people never see it among their allowed actions and are refused it.
/// </param>
public sealed record ActionDefinition(
    string Name,
    string? Target,
    IReadOnlyList<InputDefinition> Inputs,
    IReadOnlyList<GuardDeclaration> Guards,
    IReadOnlyList<string> Effects,
    ApprovalRule? Approval,
    bool IsSystem = false)
{
    /// <summary>Short display names by language tag (en, ja, zh), e.g. for diagram arrows; may be empty.</summary>
    public IReadOnlyDictionary<string, string> DisplayNames { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The display name in a language (zh, ja, en; a tag such as <c>ja-JP</c> also works), else English, else the name.</summary>
    public string DisplayName(string? language) => WorkflowNames.Display(DisplayNames, language, Name);
}

/// <summary>An input of an action.</summary>
/// <param name="Name">Field name in the request, e.g. <c>comment</c>.</param>
/// <param name="Type">
/// Input type name (e.g. <c>text</c>), declared by the workflow module with its JSON shape check
/// (<see cref="WorkflowHooks.AddInputType"/>).
/// </param>
/// <param name="Required">True when a call without it is refused.</param>
public sealed record InputDefinition(string Name, string Type, bool Required);

/// <summary>
/// A guard as an action declares it: a name alone (<c>"has-partner-city"</c>) or an object naming it with its parameters
/// (<c>{ "name": "four-eyes", "actions": ["submit", "match"] }</c>).
/// </summary>
/// <param name="Name">Guard name, registered by the workflow module (<see cref="WorkflowHooks.AddGuard(string, WorkflowGuard)"/>).</param>
/// <param name="Parameters">The declaration's members other than <c>name</c>; empty for a name alone.</param>
public sealed record GuardDeclaration(string Name, GuardParameters Parameters)
{
    /// <summary>A guard declared by name alone.</summary>
    public GuardDeclaration(string name)
        : this(name, GuardParameters.None)
    {
    }
}

/// <summary>Parallel approval: the action completes only when enough groups have approved in the current state visit.</summary>
/// <param name="Mode">All groups, or k of them.</param>
/// <param name="K">Groups needed; equals the group count for all-of.</param>
/// <param name="Groups">Groups an approver may fill, each by role and scope.</param>
/// <param name="DistinctPeople">True when one person fills at most one group; false lets one call fill every open group the person qualifies for.</param>
/// <param name="DistinctOrganizations">True when two approvals may not come from the same organisation.</param>
public sealed record ApprovalRule(
    ApprovalMode Mode,
    int K,
    IReadOnlyList<ApprovalGroup> Groups,
    bool DistinctPeople,
    bool DistinctOrganizations)
{
    /// <summary>
    /// Actions of the same state (<c>"resetWhen"</c>) that withdraw the approvals already collected when they change what
    /// was approved, i.e. the subject's <see cref="IWorkflowSubject.ApprovalFingerprint"/> (e.g. <c>set-partner</c>,
    /// <c>record-matches</c>); empty when none is declared. An approval whose fingerprint no longer matches never counts,
    /// whichever action changed the content.
    /// </summary>
    public IReadOnlyList<string> ResetWhen { get; init; } = [];
}

/// <summary>One group of a parallel approval, e.g. a reviewer of the Japanese platform.</summary>
public sealed record ApprovalGroup(WorkflowRole Role, WorkflowScope Scope);

/// <summary>
/// When a task is due: a number of business days after it opens (<c>{ "businessDays": 20 }</c>), an ISO-8601 duration in
/// calendar time (<c>{ "after": "P30D" }</c>), or a named date read from the subject (<c>{ "date": "fiscal-year-end" }</c>).
/// A counted due date is the end of a working day in each place of the task (the next one when a calendar duration ends
/// on a day off).
/// </summary>
/// <param name="After">Calendar duration after opening, or null.</param>
/// <param name="DateSource">Named date source such as <c>fiscal-year-end</c>, or null.</param>
/// <param name="BusinessDays">Working days after the day the task opens (that day not counted), or null.</param>
public sealed record DueRule(IsoDuration? After, string? DateSource, int? BusinessDays = null)
{
    /// <summary>Whether the due date is counted from the opening (business days or a duration) rather than read from the subject.</summary>
    public bool IsCounted => After is not null || BusinessDays is not null;
}

/// <summary>A timer declared for a task; a later scheduler executes it, the engine only computes when it fires.</summary>
/// <param name="Kind">Reminder (before due), deadline (at due) or escalation (after due).</param>
/// <param name="Before">For reminders: how long before the due instant.</param>
/// <param name="After">For escalations: how long after the due instant.</param>
/// <param name="Recipients">Who is told when it fires; empty means the task's own role and scope.</param>
/// <param name="Every">For reminders: repeat this often while the task stays open (business days unless <paramref name="CalendarDays"/>), or null to fire once.</param>
/// <param name="Max">For repeating reminders: the most times the timer fires in all, or null for no limit.</param>
/// <param name="Template">Notification kind (template) to send, e.g. <c>fiscal-year-end</c>; null means the kind's own (<c>reminder</c>, <c>escalation</c>).</param>
/// <param name="CalendarDays">
/// True when the durations are calendar time (ISO-8601 in the definition); false when they count business days of the
/// recipients' country (<c>{ "businessDays": n }</c>, held as a duration of n days).
/// </param>
/// <param name="Action">
/// Deadlines only: the action of the same task the scheduler takes, as <see cref="WorkflowEngine.SystemActor"/>, when the
/// deadline passes (e.g. <c>expire</c> at the fiscal-year end); null when the deadline only notifies.
/// </param>
public sealed record TimerDeclaration(
    TimerKind Kind,
    IsoDuration? Before,
    IsoDuration? After,
    IReadOnlyList<RecipientDeclaration> Recipients,
    IsoDuration? Every = null,
    int? Max = null,
    string? Template = null,
    bool CalendarDays = false,
    string? Action = null);

/// <summary>A notification declared for a task event.</summary>
/// <param name="On">Event that triggers it.</param>
/// <param name="Recipients">Who is told; empty means the task's own role and scope.</param>
/// <param name="Template">Optional template name for the sender.</param>
public sealed record NotificationDeclaration(
    NotificationTrigger On,
    IReadOnlyList<RecipientDeclaration> Recipients,
    string? Template);

/// <summary>A recipient by role and organisation scope.</summary>
public sealed record RecipientDeclaration(WorkflowRole Role, WorkflowScope Scope);

/// <summary>How a parallel approval counts groups.</summary>
public enum ApprovalMode
{
    /// <summary>Every group must approve.</summary>
    AllOf,

    /// <summary>K of the groups must approve.</summary>
    KOfN,
}

/// <summary>Kind of a declared timer.</summary>
public enum TimerKind
{
    /// <summary>Fires a duration before the due instant.</summary>
    Reminder,

    /// <summary>Fires at the due instant.</summary>
    Deadline,

    /// <summary>Fires a duration after the due instant.</summary>
    Escalation,
}

/// <summary>Task event that triggers a declared notification.</summary>
public enum NotificationTrigger
{
    /// <summary>The task was opened.</summary>
    TaskOpened,

    /// <summary>The task was closed.</summary>
    TaskClosed,
}
