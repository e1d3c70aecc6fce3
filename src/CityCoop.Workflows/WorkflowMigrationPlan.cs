namespace CityCoop.Workflows;

/// <summary>An instance as the migration planner needs it; a projection the store can read without loading aggregates.</summary>
public sealed record MigrationCandidate(Guid InstanceId, int Version, string State);

/// <summary>One instance's planned move.</summary>
public sealed record MigrationStep(Guid InstanceId, string FromState, string ToState);

/// <summary>A checked plan to move instances from one definition version to another with a state map; creating it changes nothing (the dry run), <see cref="WorkflowEngine.Migrate"/> moves one instance.</summary>
public sealed class WorkflowMigrationPlan
{
    private readonly Dictionary<Guid, MigrationStep> _steps;

    private WorkflowMigrationPlan(WorkflowDefinition from, WorkflowDefinition to, IReadOnlyDictionary<string, string> stateMap, List<MigrationStep> steps)
    {
        From = from;
        To = to;
        StateMap = stateMap;
        Steps = steps;
        _steps = steps.ToDictionary(s => s.InstanceId);
    }

    /// <summary>Version the instances run on now.</summary>
    public WorkflowDefinition From { get; }

    /// <summary>Version they move to.</summary>
    public WorkflowDefinition To { get; }

    /// <summary>Explicit state renames; states not named keep their name.</summary>
    public IReadOnlyDictionary<string, string> StateMap { get; }

    /// <summary>Every instance's move, in input order.</summary>
    public IReadOnlyList<MigrationStep> Steps { get; }

    /// <summary>Parses <c>--map</c> arguments of the form <c>old=new</c>.</summary>
    /// <exception cref="FormatException">An argument is not <c>old=new</c> or names an old state twice.</exception>
    public static IReadOnlyDictionary<string, string> ParseMap(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || !map.TryAdd(parts[0], parts[1]))
            {
                throw new FormatException($"State map '{pair}' must be old=new, each old state once.");
            }
        }

        return map;
    }

    /// <summary>Plans the migration of the given instances.</summary>
    /// <exception cref="WorkflowMigrationException">The versions belong to different workflows, the map names unknown states, an instance is on another version, or an instance would land in a state the target version lacks; all are listed.</exception>
    public static WorkflowMigrationPlan Create(WorkflowDefinition from, WorkflowDefinition to, IReadOnlyDictionary<string, string> stateMap, IEnumerable<MigrationCandidate> instances)
    {
        List<string> problems = [];
        if (from.Id != to.Id)
        {
            problems.Add($"cannot migrate from workflow '{from.Id}' to workflow '{to.Id}'.");
        }

        foreach (var (old, target) in stateMap)
        {
            if (from.FindState(old) is null)
            {
                problems.Add($"map {old}={target}: v{from.Version} has no state '{old}'.");
            }

            if (to.FindState(target) is null)
            {
                problems.Add($"map {old}={target}: v{to.Version} has no state '{target}'.");
            }
        }

        List<MigrationStep> steps = [];
        foreach (var instance in instances)
        {
            var target = stateMap.TryGetValue(instance.State, out var mapped) ? mapped : instance.State;
            if (instance.Version != from.Version)
            {
                problems.Add($"instance {instance.InstanceId} is on v{instance.Version}, not v{from.Version}.");
            }
            else if (to.FindState(target) is null)
            {
                problems.Add($"instance {instance.InstanceId} in state '{instance.State}' would end in '{target}', which v{to.Version} does not have; add --map {instance.State}=<state>.");
            }
            else
            {
                steps.Add(new MigrationStep(instance.InstanceId, instance.State, target));
            }
        }

        return problems.Count > 0
            ? throw new WorkflowMigrationException(from.Id, from.Version, to.Version, problems)
            : new WorkflowMigrationPlan(from, to, stateMap, steps);
    }

    /// <summary>Plans the migration of loaded instances.</summary>
    /// <exception cref="WorkflowMigrationException">See <see cref="Create(WorkflowDefinition, WorkflowDefinition, IReadOnlyDictionary{string, string}, IEnumerable{MigrationCandidate})"/>.</exception>
    public static WorkflowMigrationPlan Create(WorkflowDefinition from, WorkflowDefinition to, IReadOnlyDictionary<string, string> stateMap, IEnumerable<WorkflowInstance> instances) =>
        Create(from, to, stateMap, instances.Select(i => new MigrationCandidate(i.Id, i.Version, i.CurrentState)));

    // Moves one planned instance (WorkflowEngine.Migrate): sets version and state, clears collected approvals, keeps open
    // tasks the target state still declares identically, reopens the rest, and journals a Migrated entry.
    internal WorkflowOutputs Apply(WorkflowInstance instance, WorkflowActor actor, IWorkflowSubject subject, DateTimeOffset now, WorkflowHooks hooks, IWorkflowCalendar calendar)
    {
        if (!_steps.TryGetValue(instance.Id, out var step) || instance.Version != From.Version || instance.CurrentState != step.FromState)
        {
            throw new InvalidOperationException($"Instance {instance.Id} is not in this plan as v{From.Version} in its current state; plan again.");
        }

        now = now.ToUniversalTime();
        var oldState = From.GetState(step.FromState);
        var newState = To.GetState(step.ToState);

        // A task the new version still declares the same way keeps its id, due date and timers: migration must not move deadlines.
        var keep = step.FromState == step.ToState
            ? instance.OpenTasks
                .Where(t => newState.Tasks.Any(d => d.Name == t.TaskName && d.Role == t.Role && d.Scope == t.Scope))
                .Select(t => t.TaskName)
                .ToHashSet(StringComparer.Ordinal)
            : [];
        var closed = instance.OpenTasks.Where(t => !keep.Contains(t.TaskName)).ToList();
        foreach (var task in closed)
        {
            task.Close("migrate", now);
        }

        var cleared = instance.Approvals.Count;
        instance.ClearApprovals();
        instance.MigrateTo(To.Version, step.ToState);
        var outputs = TaskOpener.Open(instance, newState, subject, now, hooks, calendar, closed, oldState, keep);
        var map = StateMap.Count == 0 ? "no state map" : "map " + string.Join(", ", StateMap.Select(p => $"{p.Key}={p.Value}"));
        var details = $"v{From.Version} -> v{To.Version}; {map}" + (cleared > 0 ? $"; {cleared} collected approval(s) cleared" : "");
        var note = DomainText.Of(
            "migrated",
            details,
            ("from", From.Version),
            ("to", To.Version),
            ("map", string.Join(",", StateMap.Select(p => $"{p.Key}={p.Value}"))),
            ("cleared", cleared));
        instance.Append(JournalEntryKind.Migrated, actor, "migrate", step.FromState, step.ToState, now, null, "{}", details, null, DomainText.ToJson([note]));
        return outputs;
    }
}

/// <summary>A migration was refused; the message lists every instance or map entry at fault.</summary>
public sealed class WorkflowMigrationException : Exception
{
    /// <summary>Creates the exception for a refused migration.</summary>
    public WorkflowMigrationException(string definitionId, int fromVersion, int toVersion, IReadOnlyList<string> problems)
        : base($"Migration of {definitionId} v{fromVersion} -> v{toVersion} refused:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public WorkflowMigrationException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WorkflowMigrationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates the exception without details.</summary>
    public WorkflowMigrationException()
        : this("The workflow migration was refused.")
    {
    }

    /// <summary>Every reason for the refusal.</summary>
    public IReadOnlyList<string> Problems { get; }
}
