using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CityCoop.Workflows;

/// <summary>Runs actions on instances against their definition: pure, no I/O, the clock passed in.</summary>
/// <param name="hooks">The module's vocabulary (roles, scopes, input types) and the guards and effects its definitions name.</param>
/// <param name="calendar">
/// The business calendars due dates are counted in, so every due date the engine returns is final
/// (<see cref="CalendarDaysCalendar.Instance"/> for plain calendar days).
/// </param>
public sealed class WorkflowEngine(WorkflowHooks hooks, IWorkflowCalendar calendar)
{
    private readonly IWorkflowCalendar _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));

    /// <summary>The calendar due dates are counted in (also for migrations and recounts).</summary>
    public IWorkflowCalendar Calendar => _calendar;

    /// <summary>The module's vocabulary and hooks; its <see cref="WorkflowHooks.InScope"/> is the one scope rule.</summary>
    public WorkflowHooks Hooks => hooks;

    /// <summary>Creates an instance in the definition's initial state with its tasks open.</summary>
    /// <param name="definition">Definition version to pin the instance to (normally the newest).</param>
    /// <param name="subject">The subject the instance runs for.</param>
    /// <param name="actor">Who starts it (journaled).</param>
    /// <param name="now">Clock; stored as UTC.</param>
    /// <param name="dateSource"><see cref="JournalDateSource"/> value for replays, else null.</param>
    public WorkflowStart Start(WorkflowDefinition definition, IWorkflowSubject subject, WorkflowActor actor, DateTimeOffset now, string? dateSource = null)
    {
        now = now.ToUniversalTime();
        var instance = WorkflowInstance.Create(definition, now);
        var outputs = TaskOpener.Open(instance, definition.GetState(definition.InitialState), subject, now, hooks, _calendar, [], null);
        var entry = instance.Append(JournalEntryKind.Started, actor, "start", definition.InitialState, definition.InitialState, now, null, "{}", null, dateSource);
        return new WorkflowStart(instance, entry, outputs);
    }

    /// <summary>Names of the actions this actor may take now (role, scope and open approval group checked; guards and inputs are not); system actions are never among them.</summary>
    /// <exception cref="ArgumentException">The instance does not run on this definition version.</exception>
    public IReadOnlyList<string> AllowedActions(WorkflowInstance instance, WorkflowDefinition definition, WorkflowActor actor, IWorkflowSubject subject) =>
        [.. AllowedSteps(instance, definition, actor, subject).Select(x => x.Action.Name)];

    /// <summary>
    /// The actions of <see cref="AllowedActions"/>, each once with the task the actor takes it through (the first of the
    /// state's tasks offering it that the actor qualifies for), in definition order; the action's inputs say what to send.
    /// </summary>
    /// <exception cref="ArgumentException">The instance does not run on this definition version.</exception>
    public IReadOnlyList<(TaskDefinition Task, ActionDefinition Action)> AllowedSteps(WorkflowInstance instance, WorkflowDefinition definition, WorkflowActor actor, IWorkflowSubject subject)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(definition);
        EnsurePinned(instance, definition);
        return [.. definition.GetState(instance.CurrentState).Actions
            .Where(x => !x.Action.IsSystem
                && hooks.Qualifies(actor, x.Task.Role, x.Task.Scope, subject)
                && (x.Action.Approval is null || CheckApprover(instance, x.Action, actor, subject, out _) is null))
            .DistinctBy(x => x.Action.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Takes an action: checks state, role and scope, approvals (counting only those whose fingerprint still equals the
    /// subject's), inputs (their shape by their declared type, <see cref="WorkflowHooks.AddInputType"/>,
    /// every string by <see cref="TextRules"/>, then the hooks' input checks against the subject, all as HTTP 400),
    /// guards, then applies effects, withdraws the approvals a reset action (<see cref="ApprovalRule.ResetWhen"/>) changed,
    /// moves state and journals it; <see cref="WorkflowSuccess.WithdrawnApprovals"/> names the approvals the step withdrew.
    /// </summary>
    /// <param name="instance">The instance, changed only on success.</param>
    /// <param name="definition">The definition version the instance is pinned to.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="action">Action name.</param>
    /// <param name="inputs">Inputs by name; JSON null counts as absent.</param>
    /// <param name="subject">The subject; effects change it, so on failure the caller discards its unit of work.</param>
    /// <param name="now">Clock; stored as UTC.</param>
    /// <param name="dateSource"><see cref="JournalDateSource"/> value for replays, else null.</param>
    /// <exception cref="ArgumentException">The instance does not run on this definition version.</exception>
    public WorkflowResult Execute(
        WorkflowInstance instance,
        WorkflowDefinition definition,
        WorkflowActor actor,
        string action,
        IReadOnlyDictionary<string, JsonElement> inputs,
        IWorkflowSubject subject,
        DateTimeOffset now,
        string? dateSource = null)
    {
        EnsurePinned(instance, definition);
        now = now.ToUniversalTime();
        var state = definition.GetState(instance.CurrentState);
        var (task, act) = state.Actions.FirstOrDefault(x => string.Equals(x.Action.Name, action, StringComparison.Ordinal));
        if (act is null)
        {
            var known = definition.States.Any(s => s.Actions.Any(x => string.Equals(x.Action.Name, action, StringComparison.Ordinal)));
            return known
                ? new ActionNotAllowedInState(state.Name, action, AllowedActions(instance, definition, actor, subject))
                : new UnknownAction(action, AllowedActions(instance, definition, actor, subject));
        }

        if (IsSystem(actor))
        {
            // The scheduler holds no role; the definition itself authorises it, through a deadline timer naming the action.
            if (!task.Timers.Any(t => t.Kind == TimerKind.Deadline && t.Action == act.Name))
            {
                return new ActionForbidden(action, DomainText.Of("no-deadline-names-action", $"Action '{action}' is named by no deadline timer of task '{task.Name}'; the scheduler may not take it.", ("action", action), ("task", task.Name)));
            }
        }
        else if (act.IsSystem)
        {
            return new SystemActionRefused(state.Name, action, task.Name);
        }
        else if (!actor.Roles.Contains(task.Role))
        {
            return new ActionForbidden(action, DomainText.Of("needs-role", $"Action '{action}' needs the {task.Role.Name} role.", ("action", action), ("role", task.Role.Name)));
        }
        else if (!hooks.InScope(actor.OrganizationCode, task.Scope, subject))
        {
            return new ActionForbidden(action, DomainText.Of(
                "out-of-scope",
                $"Action '{action}' is for {task.Scope.Name}; {actor.OrganizationCode} is not.",
                ("action", action),
                ("scope", task.Scope.Name),
                ("organization", actor.OrganizationCode)));
        }

        List<int> groupsToFill = [];
        if (act.Approval is not null && CheckApprover(instance, act, actor, subject, out groupsToFill) is { } refusal)
        {
            return refusal;
        }

        if (ValidateInputs(act, inputs, subject, out var validated) is { } inputFailure)
        {
            return inputFailure;
        }

        var context = new WorkflowContext(instance, definition, task, act, actor, validated, subject, now);
        foreach (var effect in act.Effects)
        {
            if (hooks.GetEffectCheck(effect) is { } check && check(context) is { } invalid)
            {
                return new InvalidInput(invalid.Field, invalid.Reason);
            }
        }

        foreach (var guard in act.Guards)
        {
            if (hooks.GetGuard(guard)(context) is { } reason)
            {
                return new GuardFailed(guard.Name, reason);
            }
        }

        var inputsJson = ToJson(validated);
        var comment = context.GetText("comment");
        List<WorkflowApproval> withdrawn = [];
        if (act.Approval is { } rule)
        {
            // The race at the end: an approval whose content changed since (by an action the rule does not reset on, or
            // before this instance's definition declared one) does not count; this step withdraws it, with a note.
            var fingerprint = subject.ApprovalFingerprint();
            withdrawn.AddRange(instance.Approvals.Where(a => a.Action == act.Name && !a.Approves(fingerprint)));
            foreach (var stale in withdrawn)
            {
                context.Note(DomainText.Of(
                    "approval-stale",
                    $"approval of {NameOf(stale)} no longer counts: what was approved has changed since",
                    ("person", NameOf(stale)),
                    ("action", act.Name)));
            }

            var filled = instance.Approvals.Where(a => a.Action == act.Name && !withdrawn.Contains(a)).Select(a => a.GroupIndex).Concat(groupsToFill).ToHashSet();
            var groups = string.Join(", ", groupsToFill.Select(i => Describe(rule.Groups[i])));
            var given = Math.Min(filled.Count, rule.K);
            context.Note(DomainText.Of(
                "approval-progress",
                string.Create(CultureInfo.InvariantCulture, $"approval {groups}: {given} of {rule.K}"),
                ("groups", string.Join(",", groupsToFill.Select(i => Describe(rule.Groups[i])))),
                ("given", given),
                ("needed", rule.K)));
            if (filled.Count < rule.K)
            {
                instance.RemoveApprovals(withdrawn.Contains);
                foreach (var index in groupsToFill)
                {
                    instance.AddApproval(new WorkflowApproval(act.Name, actor.UserId, actor.DisplayName, actor.OrganizationCode, index, now, fingerprint));
                }

                var missing = Enumerable.Range(0, rule.Groups.Count).Where(i => !filled.Contains(i)).Select(i => rule.Groups[i]).ToList();
                var pending = instance.Append(JournalEntryKind.ApprovalRecorded, actor, act.Name, state.Name, state.Name, now, comment, inputsJson, Details(context), dateSource, DomainText.ToJson(context.Notes));
                return new WorkflowSuccess(WorkflowOutcome.ApprovalRecorded, pending, WorkflowOutputs.None, missing, rule.K - filled.Count) { WithdrawnApprovals = withdrawn };
            }
        }

        // A completing approval clears its approvals below, stale ones with them. Actions that reset an approval of this
        // state: the content before the effects stands for approvals recorded without a fingerprint, so those too are
        // withdrawn exactly when the effects change it. Nothing is removed before the effects succeed.
        var resets = state.Actions.Select(x => x.Action).Where(a => a.Approval?.ResetWhen.Contains(act.Name, StringComparer.Ordinal) == true).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var before = resets.Count > 0 && instance.Approvals.Any(a => resets.Contains(a.Action)) ? subject.ApprovalFingerprint() : null;
        foreach (var effect in act.Effects)
        {
            if (hooks.GetEffect(effect)(context) is { } error)
            {
                return new InvalidInput(error.Field, error.Reason);
            }
        }

        if (before is not null)
        {
            var after = subject.ApprovalFingerprint();
            foreach (var approval in instance.RemoveApprovals(a => resets.Contains(a.Action) && (a.Fingerprint ?? before) != after))
            {
                withdrawn.Add(approval);
                context.Note(DomainText.Of(
                    "approval-withdrawn",
                    $"approval of {NameOf(approval)} withdrawn",
                    ("person", NameOf(approval)),
                    ("action", approval.Action)));
            }
        }

        var details = Details(context);
        var notes = DomainText.ToJson(context.Notes);
        if (act.Target is null)
        {
            instance.ClearApprovals(act.Name);
            var recorded = instance.Append(JournalEntryKind.Recorded, actor, act.Name, state.Name, state.Name, now, comment, inputsJson, details, dateSource, notes);
            return new WorkflowSuccess(WorkflowOutcome.Recorded, recorded, WorkflowOutputs.None, [], 0) { WithdrawnApprovals = withdrawn };
        }

        var closed = instance.CloseOpenTasks(act.Name, now);
        instance.ClearApprovals();
        instance.MoveTo(act.Target);
        var outputs = TaskOpener.Open(instance, definition.GetState(act.Target), subject, now, hooks, _calendar, closed, state);
        var entry = instance.Append(JournalEntryKind.Transition, actor, act.Name, state.Name, act.Target, now, comment, inputsJson, details, dateSource, notes);
        return new WorkflowSuccess(WorkflowOutcome.Transitioned, entry, outputs, [], 0) { WithdrawnApprovals = withdrawn };
    }

    /// <summary>
    /// Moves one instance of a checked migration plan (<see cref="WorkflowMigrationPlan.Create(WorkflowDefinition, WorkflowDefinition, IReadOnlyDictionary{string, string}, IEnumerable{MigrationCandidate})"/>)
    /// to its new version and state: keeps open tasks the target state still declares identically, reopens the rest with
    /// due dates counted in this engine's calendar, clears collected approvals and journals a Migrated entry.
    /// </summary>
    /// <returns>The side outputs the store writes in the same transaction.</returns>
    /// <exception cref="InvalidOperationException">The instance is not in the plan or changed since planning.</exception>
    public WorkflowOutputs Migrate(WorkflowMigrationPlan plan, WorkflowInstance instance, WorkflowActor actor, IWorkflowSubject subject, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Apply(instance, actor, subject, now, hooks, _calendar);
    }

    /// <summary>
    /// The approvals of <paramref name="action"/> that count now: those whose fingerprint still equals the subject's
    /// (<see cref="WorkflowApproval.Approves"/>), in the order given.
    /// </summary>
    public static IReadOnlyList<WorkflowApproval> CountedApprovals(WorkflowInstance instance, string action, IWorkflowSubject subject)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(subject);
        var fingerprint = subject.ApprovalFingerprint();
        return [.. instance.Approvals.Where(a => a.Action == action && a.Approves(fingerprint))];
    }

    /// <summary>The actor the scheduler journals system events and takes deadline actions as.</summary>
    public static WorkflowActor SystemActor { get; } = new("system", "CityCoop scheduler", new HashSet<WorkflowRole>(), "system", OrganizationKind.Admin, null);

    /// <summary>True for <see cref="SystemActor"/> itself; a person's actor never is, whatever its user id says.</summary>
    public static bool IsSystem(WorkflowActor actor) => ReferenceEquals(actor, SystemActor);

    /// <summary>Journals that an overdue task was escalated to its supervisors; the state does not change.</summary>
    /// <param name="instance">The instance the task belongs to.</param>
    /// <param name="taskName">The overdue task.</param>
    /// <param name="now">When the escalation fired; stored as UTC.</param>
    /// <param name="details">Who was told and how overdue the task is.</param>
    public static JournalEntry RecordEscalation(WorkflowInstance instance, string taskName, DateTimeOffset now, DomainText details)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(details);
        var inputs = JsonSerializer.Serialize(new Dictionary<string, string> { ["task"] = taskName });
        return instance.Append(JournalEntryKind.Escalated, SystemActor, "escalate", instance.CurrentState, instance.CurrentState, now.ToUniversalTime(), null, inputs, details.English, null, DomainText.ToJson([details]));
    }

    /// <summary>
    /// Journals a system notice on an instance without changing its state (e.g. a deadline whose action a guard refused),
    /// so the reason is visible in the timeline; <paramref name="forAdmins"/> keeps it to administrators (calendar notes).
    /// </summary>
    public static JournalEntry RecordNotice(WorkflowInstance instance, string action, string taskName, DateTimeOffset now, DomainText details, bool forAdmins = false)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(details);
        var inputs = JsonSerializer.Serialize(new Dictionary<string, string> { ["task"] = taskName });
        return instance.Append(JournalEntryKind.Recorded, SystemActor, action, instance.CurrentState, instance.CurrentState, now.ToUniversalTime(), null, inputs, details.English, null, DomainText.ToJson([details]), forAdmins);
    }

    private static string? Details(WorkflowContext context) =>
        context.Notes.Count == 0 ? null : string.Join("; ", context.Notes.Select(n => n.English));

    private static string NameOf(WorkflowApproval approval) => approval.ApproverName ?? approval.UserId;

    private static void EnsurePinned(WorkflowInstance instance, WorkflowDefinition definition)
    {
        if (instance.DefinitionId != definition.Id || instance.Version != definition.Version)
        {
            throw new ArgumentException($"Instance {instance.Id} runs on {instance.DefinitionId} v{instance.Version}, not {definition.Id} v{definition.Version}.", nameof(definition));
        }
    }

    // One approval per person per state visit: "nothing happens twice", so a repeat is refused rather than silently counted.
    private WorkflowFailure? CheckApprover(WorkflowInstance instance, ActionDefinition action, WorkflowActor actor, IWorkflowSubject subject, out List<int> groupsToFill)
    {
        var rule = action.Approval!;
        groupsToFill = [];
        var given = CountedApprovals(instance, action.Name, subject);
        var qualifying = Enumerable.Range(0, rule.Groups.Count)
            .Where(i => hooks.Qualifies(actor, rule.Groups[i].Role, rule.Groups[i].Scope, subject))
            .ToList();
        if (qualifying.Count == 0)
        {
            return new ActionForbidden(action.Name, DomainText.Of(
                "approval-needs-group",
                $"Approving '{action.Name}' needs one of: {string.Join(", ", rule.Groups.Select(Describe))}.",
                ("action", action.Name),
                ("groups", string.Join(",", rule.Groups.Select(Describe)))));
        }

        if (given.Any(a => a.UserId == actor.UserId))
        {
            return new AlreadyApproved(action.Name, DomainText.Of("already-approved-person", $"{actor.DisplayName} has already approved '{action.Name}'.", ("person", actor.DisplayName), ("action", action.Name)));
        }

        if (rule.DistinctOrganizations && given.Any(a => a.OrganizationCode == actor.OrganizationCode))
        {
            return new AlreadyApproved(action.Name, DomainText.Of(
                "already-approved-organization",
                $"{actor.OrganizationCode} has already approved '{action.Name}'; another organisation must.",
                ("organization", actor.OrganizationCode),
                ("action", action.Name)));
        }

        var open = qualifying.Where(i => given.All(a => a.GroupIndex != i)).ToList();
        if (open.Count == 0)
        {
            return new AlreadyApproved(action.Name, DomainText.Of(
                "approval-group-filled",
                $"The approval of '{action.Name}' for {string.Join(", ", qualifying.Select(i => Describe(rule.Groups[i])))} has already been given.",
                ("action", action.Name),
                ("groups", string.Join(",", qualifying.Select(i => Describe(rule.Groups[i]))))));
        }

        groupsToFill = rule.DistinctPeople ? open.Take(1).ToList() : open;
        return null;
    }

    private WorkflowFailure? ValidateInputs(ActionDefinition action, IReadOnlyDictionary<string, JsonElement> inputs, IWorkflowSubject subject, out Dictionary<string, JsonElement> validated)
    {
        validated = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var name in inputs.Keys)
        {
            if (action.Inputs.All(i => i.Name != name))
            {
                return new InvalidInput(name, DomainText.Of("input-unknown", $"'{action.Name}' takes no input '{name}'.", ("action", action.Name), ("field", name)));
            }
        }

        foreach (var input in action.Inputs)
        {
            var present = inputs.TryGetValue(input.Name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
            if (!present)
            {
                if (input.Required)
                {
                    return new MissingInput(input.Name);
                }

                continue;
            }

            if ((WhyNotText(input, value, hooks.InputTextKind(input.Type)) ?? hooks.InputShape(input.Type)(input, value)) is { } reason)
            {
                // A reason names the member of an object input it concerns (an activity's field); else it is the input's.
                return reason.Code == WorkflowInputShapes.BlankCode ? new MissingInput(input.Name) : new InvalidInput(reason.Argument("field") ?? input.Name, reason);
            }

            foreach (var check in hooks.InputChecks(input.Type))
            {
                if (check(subject, input, value) is { } error)
                {
                    return new InvalidInput(error.Field, error.Reason);
                }
            }

            validated[input.Name] = hooks.InputCanonical(input.Type, value);
        }

        return null;
    }

    // Every string and key of an input, at any depth: well-formed (JsonDocument keeps invalid UTF-8 and lone surrogates as
    // they came) and free of the characters TextRules refuses, so nothing downstream reads or stores a broken string. Text
    // inputs may hold several lines; the members of an object input (an activity) are named as its own fields are.
    private static DomainText? WhyNotText(InputDefinition input, JsonElement value, TextKind kind)
    {
        return value.ValueKind == JsonValueKind.Object
            ? Safely(input.Name, () => value.EnumerateObject().Select(m => TextRules.WhyNot(input.Name, m.Name, TextKind.SingleLine) ?? WhyNotText(m.Name, m.Value, kind)).FirstOrDefault(w => w is not null))
            : WhyNotText(input.Name, value, kind);
    }

    private static DomainText? WhyNotText(string field, JsonElement value, TextKind kind) => Safely(field, () => value.ValueKind switch
    {
        JsonValueKind.String => TextRules.WhyNot(field, value.GetString(), kind),
        JsonValueKind.Array => value.EnumerateArray().Select(v => WhyNotText(field, v, kind)).FirstOrDefault(w => w is not null),
        JsonValueKind.Object => value.EnumerateObject().Select(m => TextRules.WhyNot(field, m.Name, TextKind.SingleLine) ?? WhyNotText(field, m.Value, kind)).FirstOrDefault(w => w is not null),
        _ => null,
    });

    // GetString and a property's Name throw on invalid UTF-8 and lone surrogates.
    private static DomainText? Safely(string field, Func<DomainText?> check)
    {
        try
        {
            return check();
        }
        catch (InvalidOperationException)
        {
            return TextRules.Malformed(field);
        }
    }

    private static string ToJson(Dictionary<string, JsonElement> inputs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in inputs)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string Describe(ApprovalGroup group) => $"{group.Role.Name}/{group.Scope.Name}";
}

/// <summary>Opening a state's tasks, shared by start, transitions and migration.</summary>
internal static class TaskOpener
{
    public static WorkflowOutputs Open(
        WorkflowInstance instance,
        StateDefinition state,
        IWorkflowSubject subject,
        DateTimeOffset now,
        WorkflowHooks hooks,
        IWorkflowCalendar calendar,
        IReadOnlyList<WorkflowTask> closed,
        StateDefinition? closedState,
        IReadOnlySet<string>? keep = null)
    {
        List<WorkflowTask> opened = [];
        List<TimerRequest> timers = [];
        List<NotificationRequest> notifications = [];
        foreach (var task in closed)
        {
            foreach (var definition in closedState?.Tasks.Where(d => d.Name == task.TaskName) ?? [])
            {
                notifications.AddRange(Notify(task, definition, NotificationTrigger.TaskClosed, subject, hooks));
            }
        }

        foreach (var definition in state.Tasks.Where(t => keep is null || !keep.Contains(t.Name)))
        {
            var task = instance.OpenTask(definition, hooks.ResolveSingle(definition.Scope, subject), now, DueDates(definition, subject, now, calendar));
            opened.Add(task);
            timers.AddRange(definition.Timers.Select(t => new TimerRequest(task.Id, task.TaskName, t, FireAt(t, task.DueAt))));
            notifications.AddRange(Notify(task, definition, NotificationTrigger.TaskOpened, subject, hooks));
        }

        return new WorkflowOutputs(opened, closed, timers, notifications);
    }

    /// <summary>A task's due date in each of its places: counted by the calendar, or the subject's named date for every place.</summary>
    internal static IReadOnlyList<TaskDueDate> DueDates(TaskDefinition definition, IWorkflowSubject subject, DateTimeOffset now, IWorkflowCalendar calendar)
    {
        if (definition.Due is not { } rule)
        {
            return [];
        }

        IReadOnlyList<string?> places = subject.PlacesOf(definition.Scope) is { Count: > 0 } known ? [.. known] : [null];
        if (rule.IsCounted)
        {
            return [.. places.Select(p => calendar.Due(now, rule, p))];
        }

        return subject.GetDate(rule.DateSource!) is { } date ? [.. places.Select(p => new TaskDueDate(p ?? string.Empty, date, null))] : [];
    }

    // Calendar-time placeholder; the scheduler counts each recipient country's own instant from the task's due dates.
    private static DateTimeOffset? FireAt(TimerDeclaration timer, DateTimeOffset? dueAt) => dueAt is not { } due
        ? null
        : timer.Kind switch
        {
            TimerKind.Reminder => timer.Before is { } before ? before.SubtractFrom(due) : due,
            TimerKind.Escalation => timer.After is { } after ? after.AddTo(due) : due,
            _ => due,
        };

    private static IEnumerable<NotificationRequest> Notify(WorkflowTask task, TaskDefinition definition, NotificationTrigger trigger, IWorkflowSubject subject, WorkflowHooks hooks) =>
        definition.Notifications
            .Where(n => n.On == trigger)
            .Select(n => new NotificationRequest(
                task.Id,
                task.TaskName,
                trigger,
                n.Template,
                (n.Recipients.Count == 0 ? [new RecipientDeclaration(definition.Role, definition.Scope)] : n.Recipients)
                    .Select(r => new NotificationRecipient(r.Role, r.Scope, hooks.Resolve(r.Scope, subject)))
                    .ToList()));
}
