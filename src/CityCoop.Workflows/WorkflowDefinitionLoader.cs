using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CityCoop.Workflows;

/// <summary>
/// Reads definition files: JSON Schema first (<c>workflows/workflow-definition.schema.json</c>), then the rules a schema
/// cannot express, among them that every role, scope, input type, guard (with its parameters), effect and date source is
/// one the module's hooks declare; every problem is reported at once.
/// </summary>
public sealed class WorkflowDefinitionLoader
{
    private readonly JsonSchema _schema;
    private readonly WorkflowHooks _hooks;

    /// <summary>Creates a loader from the schema text and the hooks whose names definitions may use.</summary>
    /// <exception cref="JsonException">The schema text is not valid JSON.</exception>
    public WorkflowDefinitionLoader(string schemaJson, WorkflowHooks hooks)
    {
        // A registry per loader: the global one refuses the schema's $id a second time (tests, reloads).
        _schema = JsonSchema.FromText(schemaJson, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        _hooks = hooks;
    }

    /// <summary>Creates a loader reading the schema from a file.</summary>
    public static WorkflowDefinitionLoader FromSchemaFile(string schemaPath, WorkflowHooks hooks) =>
        new(File.ReadAllText(schemaPath), hooks);

    /// <summary>Reads and validates a definition file.</summary>
    /// <param name="path">File path; its file name appears in error messages.</param>
    /// <param name="version">Version number the store assigned to this content.</param>
    /// <exception cref="WorkflowDefinitionException">The file fails the schema or a semantic rule.</exception>
    public WorkflowDefinition Load(string path, int version = 1) =>
        Parse(File.ReadAllText(path), Path.GetFileName(path), version);

    /// <summary>Validates definition text and builds the definition.</summary>
    /// <param name="json">Definition JSON.</param>
    /// <param name="file">Name used in error messages.</param>
    /// <param name="version">Version number the store assigned to this content.</param>
    /// <exception cref="WorkflowDefinitionException">The text fails the schema or a semantic rule.</exception>
    public WorkflowDefinition Parse(string json, string file, int version = 1)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new WorkflowDefinitionException(file, [new WorkflowDefinitionProblem(e.Path ?? "$", $"not valid JSON (line {e.LineNumber + 1}): {e.Message}")]);
        }

        using (document)
        {
            var problems = SchemaProblems(document.RootElement);
            if (problems.Count > 0)
            {
                throw new WorkflowDefinitionException(file, problems);
            }

            problems = UnitProblems(document.RootElement);
            if (problems.Count > 0)
            {
                throw new WorkflowDefinitionException(file, problems);
            }

            var minified = JsonNode.Parse(json)!.ToJsonString();
            var definition = Build(document.RootElement, version, minified);
            problems = SemanticProblems(definition);
            return problems.Count > 0 ? throw new WorkflowDefinitionException(file, problems) : definition;
        }
    }

    private List<WorkflowDefinitionProblem> SchemaProblems(JsonElement root)
    {
        List<WorkflowDefinitionProblem> problems = [];
        _ = Collect(_schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical }), problems);
        return problems.Distinct().ToList();
    }

    // Only failures that make their parent fail are reported: valid branches of oneOf are skipped with their
    // valid parent, a failing "if" is a condition, and a failure under "not" is what "not" wants.
    private static bool Collect(EvaluationResults result, List<WorkflowDefinitionProblem> problems)
    {
        var evaluationPath = result.EvaluationPath.ToString();
        if (result.IsValid || evaluationPath.EndsWith("/if", StringComparison.Ordinal) || evaluationPath.Contains("/not/", StringComparison.Ordinal) || evaluationPath.EndsWith("/not", StringComparison.Ordinal))
        {
            return false;
        }

        var path = ToJsonPath(result.InstanceLocation.ToString());
        var found = false;
        foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
        {
            var reason = keyword.Length == 0
                ? "is not allowed here (unknown property or wrong shape)"
                : $"{message.Replace("\\u0022", "", StringComparison.Ordinal)} (schema keyword '{keyword}')";
            problems.Add(new WorkflowDefinitionProblem(path, reason));
            found = true;
        }

        foreach (var detail in result.Details ?? [])
        {
            found |= Collect(detail, problems);
        }

        if (!found)
        {
            // JsonSchema.Net leaves some keywords (e.g. "not") without a message; name the rule instead.
            var rule = result.SchemaLocation.Fragment.Length > 0 ? Uri.UnescapeDataString(result.SchemaLocation.Fragment) : evaluationPath;
            problems.Add(new WorkflowDefinitionProblem(path, $"breaks schema rule {rule} of workflow-definition.schema.json"));
        }

        return true;
    }

    /// <summary>Converts a JSON Pointer (<c>/states/2/tasks</c>) to the JSONPath form used in messages (<c>$.states[2].tasks</c>).</summary>
    public static string ToJsonPath(string jsonPointer)
    {
        var path = new StringBuilder("$");
        foreach (var raw in jsonPointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (segment.All(char.IsAsciiDigit))
            {
                path.Append('[').Append(segment).Append(']');
            }
            else if (segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$'))
            {
                path.Append('.').Append(segment);
            }
            else
            {
                path.Append("['").Append(segment).Append("']");
            }
        }

        return path.ToString();
    }

    private static WorkflowDefinition Build(JsonElement root, int version, string minified) =>
        new(
            Text(root, "id")!,
            version,
            Text(root, "title")!,
            Text(root, "initialState")!,
            Items(root, "states").Select(BuildState).ToList(),
            minified,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(minified))));

    private static StateDefinition BuildState(JsonElement state) =>
        new(
            Text(state, "name")!,
            state.TryGetProperty("final", out var final) && final.GetBoolean(),
            DisplayNames(state),
            Items(state, "tasks").Select(BuildTask).ToList());

    private static TaskDefinition BuildTask(JsonElement task) =>
        new(
            Text(task, "name")!,
            new WorkflowRole(Text(task, "role")!),
            new WorkflowScope(Text(task, "scope")!),
            task.TryGetProperty("due", out var due) ? new DueRule(Duration(due, "after"), Text(due, "date"), BusinessDays(due)) : null,
            Items(task, "actions").Select(BuildAction).ToList(),
            Items(task, "timers").Select(t => new TimerDeclaration(
                WorkflowNames.Parse<TimerKind>(Text(t, "kind")!),
                Duration(t, "before"),
                Duration(t, "after"),
                Recipients(t),
                Duration(t, "every"),
                t.TryGetProperty("max", out var max) ? max.GetInt32() : null,
                Text(t, "template"),
                CountsCalendarTime(t),
                Text(t, "action"))).ToList(),
            Items(task, "notifications").Select(n => new NotificationDeclaration(WorkflowNames.Parse<NotificationTrigger>(Text(n, "on")!), Recipients(n), Text(n, "template"))).ToList())
        {
            DisplayNames = DisplayNames(task),
            IsFollowing = task.TryGetProperty("following", out var following) && following.GetBoolean(),
            IsStanding = task.TryGetProperty("standing", out var standing) && standing.GetBoolean(),
        };

    private static ActionDefinition BuildAction(JsonElement action) =>
        new(
            Text(action, "name")!,
            Text(action, "target"),
            Items(action, "inputs").Select(i => new InputDefinition(Text(i, "name")!, Text(i, "type")!, i.TryGetProperty("required", out var r) && r.GetBoolean())).ToList(),
            Items(action, "guards").Select(BuildGuard).ToList(),
            Items(action, "effects").Select(e => e.GetString()!).ToList(),
            action.TryGetProperty("approval", out var approval) ? BuildApproval(approval) : null,
            action.TryGetProperty("system", out var system) && system.GetBoolean())
        {
            DisplayNames = DisplayNames(action),
        };

    // A guard is its name, or an object of its name and parameters.
    private static GuardDeclaration BuildGuard(JsonElement guard) =>
        guard.ValueKind == JsonValueKind.String
            ? new GuardDeclaration(guard.GetString()!)
            : new GuardDeclaration(Text(guard, "name")!, new GuardParameters(guard.EnumerateObject().Where(p => p.Name != "name").Select(p => KeyValuePair.Create(p.Name, p.Value))));

    private static Dictionary<string, string> DisplayNames(JsonElement owner) =>
        owner.TryGetProperty("displayNames", out var names)
            ? names.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static ApprovalRule BuildApproval(JsonElement approval)
    {
        var groups = Items(approval, "groups").Select(g => new ApprovalGroup(new WorkflowRole(Text(g, "role")!), new WorkflowScope(Text(g, "scope")!))).ToList();
        var mode = WorkflowNames.Parse<ApprovalMode>(Text(approval, "mode")!);
        return new ApprovalRule(
            mode,
            mode == ApprovalMode.KOfN ? approval.GetProperty("k").GetInt32() : groups.Count,
            groups,
            approval.TryGetProperty("distinctPeople", out var people) && people.GetBoolean(),
            approval.TryGetProperty("distinctOrganizations", out var organizations) && organizations.GetBoolean())
        {
            ResetWhen = [.. Items(approval, "resetWhen").Select(a => a.GetString()!)],
        };
    }

    private static List<RecipientDeclaration> Recipients(JsonElement owner) =>
        Items(owner, "recipients").Select(r => new RecipientDeclaration(new WorkflowRole(Text(r, "role")!), new WorkflowScope(Text(r, "scope")!))).ToList();

    private static string? Text(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // A span is an ISO-8601 string (calendar time) or { "businessDays": n }, held as n days with the timer's CalendarDays false.
    private static IsoDuration? Duration(JsonElement owner, string name) =>
        !owner.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? IsoDuration.Parse(value.GetString()!)
        : BusinessDays(value) is { } days ? new IsoDuration(0, 0, days, 0, 0, 0)
        : null;

    private static int? BusinessDays(JsonElement owner) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty("businessDays", out var days) && days.ValueKind == JsonValueKind.Number ? days.GetInt32() : null;

    private static readonly string[] TimerSpans = ["before", "after", "every"];

    // ISO durations mean calendar time and { "businessDays": n } business days. Versions stored before that distinction
    // say "days": "business" (or "calendar") beside ISO durations, and keep meaning what they said.
    private static bool CountsCalendarTime(JsonElement timer) =>
        Text(timer, "days") switch
        {
            "business" => false,
            "calendar" => true,
            _ => !TimerSpans.Any(n => timer.TryGetProperty(n, out var span) && span.ValueKind == JsonValueKind.Object),
        };

    // One timer counts in one unit: its offset and its repeat cannot mix business days with calendar time.
    private static List<WorkflowDefinitionProblem> UnitProblems(JsonElement root)
    {
        List<WorkflowDefinitionProblem> problems = [];
        var states = Items(root, "states");
        for (var s = 0; s < states.Count; s++)
        {
            var tasks = Items(states[s], "tasks");
            for (var t = 0; t < tasks.Count; t++)
            {
                var timers = Items(tasks[t], "timers");
                for (var i = 0; i < timers.Count; i++)
                {
                    var kinds = TimerSpans
                        .Where(n => timers[i].TryGetProperty(n, out _))
                        .Select(n => timers[i].GetProperty(n).ValueKind)
                        .Distinct()
                        .Count();
                    if (kinds > 1)
                    {
                        problems.Add(new WorkflowDefinitionProblem(
                            string.Create(CultureInfo.InvariantCulture, $"$.states[{s}].tasks[{t}].timers[{i}]"),
                            "mixes business days ({ \"businessDays\": n }) with an ISO-8601 duration (calendar time); give before/after/every in one unit."));
                    }
                    else if (kinds == 1 && Text(timers[i], "days") is { } legacy && TimerSpans.Any(n => timers[i].TryGetProperty(n, out var span) && span.ValueKind == JsonValueKind.Object))
                    {
                        problems.Add(new WorkflowDefinitionProblem(
                            string.Create(CultureInfo.InvariantCulture, $"$.states[{s}].tasks[{t}].timers[{i}].days"),
                            $"\"days\": \"{legacy}\" is only for ISO-8601 durations of older versions; {{ \"businessDays\": n }} already says its unit."));
                    }
                }
            }
        }

        return problems;
    }

    private static List<JsonElement> Items(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [];

    private List<WorkflowDefinitionProblem> SemanticProblems(WorkflowDefinition definition)
    {
        List<WorkflowDefinitionProblem> problems = [];
        void Add(string path, string reason) => problems.Add(new WorkflowDefinitionProblem(path, reason));
        string At(FormattableString path) => path.ToString(CultureInfo.InvariantCulture);

        // Roles and scopes are the module's names, checked as hook names are.
        void CheckHolder(string path, WorkflowRole role, WorkflowScope scope)
        {
            if (!_hooks.RoleNames.Contains(role.Name))
            {
                Add(path + ".role", $"unknown role '{role.Name}'; known: {Known(_hooks.RoleNames)}.");
            }

            if (!_hooks.ScopeNames.Contains(scope.Name))
            {
                Add(path + ".scope", $"unknown scope '{scope.Name}'; known: {Known(_hooks.ScopeNames)}.");
            }
        }

        void CheckRecipients(string path, IReadOnlyList<RecipientDeclaration> recipients)
        {
            for (var r = 0; r < recipients.Count; r++)
            {
                CheckHolder(At($"{path}.recipients[{r}]"), recipients[r].Role, recipients[r].Scope);
            }
        }

        var stateNames = definition.States.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (!stateNames.Contains(definition.InitialState))
        {
            Add("$.initialState", $"initial state '{definition.InitialState}' is not a state of this definition.");
        }

        var seenStates = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < definition.States.Count; s++)
        {
            var state = definition.States[s];
            if (!seenStates.Add(state.Name))
            {
                Add(At($"$.states[{s}].name"), $"state '{state.Name}' is declared twice.");
            }

            if (state.IsFinal && state.Tasks.Count > 0)
            {
                Add(At($"$.states[{s}].tasks"), $"final state '{state.Name}' cannot have tasks.");
            }

            var taskNames = new HashSet<string>(StringComparer.Ordinal);
            var actionNames = new HashSet<string>(StringComparer.Ordinal);
            for (var t = 0; t < state.Tasks.Count; t++)
            {
                var task = state.Tasks[t];
                var taskPath = At($"$.states[{s}].tasks[{t}]");
                if (!taskNames.Add(task.Name))
                {
                    Add(taskPath + ".name", $"task '{task.Name}' is declared twice in state '{state.Name}'.");
                }

                CheckHolder(taskPath, task.Role, task.Scope);
                for (var i = 0; i < task.Timers.Count; i++)
                {
                    CheckRecipients(At($"{taskPath}.timers[{i}]"), task.Timers[i].Recipients);
                }

                for (var i = 0; i < task.Notifications.Count; i++)
                {
                    CheckRecipients(At($"{taskPath}.notifications[{i}]"), task.Notifications[i].Recipients);
                }

                if (task.Due?.DateSource is { } source && !_hooks.DateSourceNames.Contains(source))
                {
                    Add(taskPath + ".due.date", $"unknown date source '{source}'; known: {Known(_hooks.DateSourceNames)}.");
                }

                for (var i = 0; i < task.Timers.Count; i++)
                {
                    if (task.Due is null)
                    {
                        Add(At($"{taskPath}.timers[{i}]"), $"a {WorkflowNames.Of(task.Timers[i].Kind)} timer needs the task to have a due date.");
                    }

                    if (task.Timers[i].Action is { } named)
                    {
                        // The scheduler sends no inputs and stands for no approver, so the action must be takeable as it is.
                        var declared = task.Actions.FirstOrDefault(a => a.Name == named);
                        if (declared is null)
                        {
                            Add(At($"{taskPath}.timers[{i}].action"), $"action '{named}' is not declared on task '{task.Name}'; declared: {Known(task.Actions.Select(a => a.Name))}.");
                        }
                        else if (declared.Approval is not null || declared.Inputs.Any(x => x.Required))
                        {
                            Add(At($"{taskPath}.timers[{i}].action"), $"action '{named}' needs an approval or a required input, which a deadline cannot give.");
                        }
                    }
                }

                for (var a = 0; a < task.Actions.Count; a++)
                {
                    var action = task.Actions[a];
                    var actionPath = At($"{taskPath}.actions[{a}]");
                    if (!actionNames.Add(action.Name))
                    {
                        Add(actionPath + ".name", $"action '{action.Name}' is offered twice in state '{state.Name}'.");
                    }

                    if (action.Target is { } target && !stateNames.Contains(target))
                    {
                        Add(actionPath + ".target", $"target '{target}' is not a state of this definition.");
                    }

                    for (var g = 0; g < action.Guards.Count; g++)
                    {
                        if (_hooks.WhyNotGuard(action.Guards[g]) is { } why)
                        {
                            Add(At($"{actionPath}.guards[{g}]"), why);
                        }
                    }

                    for (var g = 0; g < (action.Approval?.Groups.Count ?? 0); g++)
                    {
                        CheckHolder(At($"{actionPath}.approval.groups[{g}]"), action.Approval!.Groups[g].Role, action.Approval.Groups[g].Scope);
                    }

                    for (var e = 0; e < action.Effects.Count; e++)
                    {
                        if (!_hooks.EffectNames.Contains(action.Effects[e]))
                        {
                            Add(At($"{actionPath}.effects[{e}]"), $"unknown effect '{action.Effects[e]}'; known: {Known(_hooks.EffectNames)}.");
                        }
                    }

                    var inputNames = new HashSet<string>(StringComparer.Ordinal);
                    for (var i = 0; i < action.Inputs.Count; i++)
                    {
                        if (!inputNames.Add(action.Inputs[i].Name))
                        {
                            Add(At($"{actionPath}.inputs[{i}].name"), $"input '{action.Inputs[i].Name}' is declared twice.");
                        }

                        if (!_hooks.InputTypeNames.Contains(action.Inputs[i].Type))
                        {
                            Add(At($"{actionPath}.inputs[{i}].type"), $"unknown input type '{action.Inputs[i].Type}'; known: {Known(_hooks.InputTypeNames)}.");
                        }
                    }

                    if (action.IsSystem && !task.Timers.Any(x => x.Action == action.Name))
                    {
                        Add(actionPath + ".system", $"system action '{action.Name}' is named by no deadline timer of task '{task.Name}', so nothing would ever take it.");
                    }

                    if (action.Approval is { Mode: ApprovalMode.KOfN } rule && rule.K > rule.Groups.Count)
                    {
                        Add(actionPath + ".approval.k", $"k = {rule.K} but only {rule.Groups.Count} groups are declared.");
                    }

                    for (var r = 0; r < (action.Approval?.ResetWhen.Count ?? 0); r++)
                    {
                        if (ResetProblem(state, action, action.Approval!.ResetWhen[r]) is { } reason)
                        {
                            Add(At($"{actionPath}.approval.resetWhen[{r}]"), reason);
                        }
                    }
                }
            }
        }

        var reachable = Reachable(definition);
        for (var s = 0; s < definition.States.Count; s++)
        {
            var state = definition.States[s];
            if (stateNames.Contains(definition.InitialState) && !reachable.Contains(state.Name))
            {
                Add(At($"$.states[{s}]"), $"state '{state.Name}' cannot be reached from the initial state '{definition.InitialState}'.");
            }

            if (!state.IsFinal && !state.Actions.Any(x => x.Action.Target is { } target && target != state.Name))
            {
                Add(At($"$.states[{s}]"), $"non-final state '{state.Name}' has no action leading out of it.");
            }
        }

        return problems;
    }

    // Approvals live in one visit of one state: only an action of that state that stays in it can change what they
    // approved while they are collected (leaving the state clears them anyway).
    private static string? ResetProblem(StateDefinition state, ActionDefinition approved, string name)
    {
        if (name == approved.Name)
        {
            return $"'{name}' is the approved action itself; resetWhen names the actions that change what it approves.";
        }

        var reset = state.Actions.Select(x => x.Action).FirstOrDefault(a => a.Name == name);
        if (reset is null)
        {
            var staying = state.Actions.Select(x => x.Action).Where(a => a.Target is null && a.Name != approved.Name).Select(a => a.Name).Distinct();
            return $"unknown action '{name}': the actions of state '{state.Name}' that stay in it are {Known(staying)}.";
        }

        return reset.Target is not null
            ? $"action '{name}' leaves state '{state.Name}' (target '{reset.Target}'), which clears every approval anyway; resetWhen names actions that stay."
            : null;
    }

    private static HashSet<string> Reachable(WorkflowDefinition definition)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { definition.InitialState };
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var name))
        {
            foreach (var (_, action) in definition.FindState(name)?.Actions ?? [])
            {
                if (action.Target is { } target && seen.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return seen;
    }

    private static string Known(IEnumerable<string> names) => WorkflowHooks.Known(names);
}
