using System.Text.Json;

namespace CityCoop.Domain.Workflows;

/// <summary>Checks whether an action may happen; returns null to pass or the reason it fails.</summary>
public delegate DomainText? WorkflowGuard(WorkflowContext context);

/// <summary>Applies an action's change to the subject; returns null on success or the input that made it impossible.</summary>
public delegate WorkflowInputError? WorkflowEffect(WorkflowContext context);

/// <summary>
/// Checks a present, well-shaped input against the subject before any guard runs (e.g. an amount against the currency of
/// the proposal); returns null to pass or the field and reason, reported as invalid input (HTTP 400).
/// </summary>
public delegate WorkflowInputError? WorkflowInputCheck(IWorkflowSubject subject, InputDefinition input, JsonElement value);

/// <summary>An input an effect could not apply, reported to the caller as invalid input.</summary>
/// <param name="Field">Input name.</param>
/// <param name="Reason">Why it cannot be applied.</param>
public sealed record WorkflowInputError(string Field, DomainText Reason)
{
    /// <summary>An error with an English reason that has no translation.</summary>
    public WorkflowInputError(string field, string reason)
        : this(field, DomainText.Plain(reason))
    {
    }
}

/// <summary>The C# side of the names a definition uses: guards, effects and date sources; plus checks per input type.</summary>
public sealed class WorkflowHooks
{
    /// <summary>Name of the built-in guard that stops a person approving a step they submitted or matched (issue 3).</summary>
    public const string FourEyesGuard = "four-eyes";

    private readonly Dictionary<string, WorkflowGuard> _guards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowEffect> _effects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dateSources = new(StringComparer.Ordinal);
    private readonly Dictionary<InputType, List<WorkflowInputCheck>> _inputChecks = [];

    /// <summary>Creates hooks holding only the built-in <c>four-eyes</c> guard over <c>submit</c> and <c>match</c>.</summary>
    public WorkflowHooks()
    {
        AddGuard(FourEyesGuard, FourEyes("submit", "match"));
    }

    /// <summary>Names of the registered guards.</summary>
    public IReadOnlyCollection<string> GuardNames => _guards.Keys;

    /// <summary>Names of the registered effects.</summary>
    public IReadOnlyCollection<string> EffectNames => _effects.Keys;

    /// <summary>Names of the registered date sources.</summary>
    public IReadOnlyCollection<string> DateSourceNames => _dateSources;

    /// <summary>Registers a guard under a name used in definitions.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public WorkflowHooks AddGuard(string name, WorkflowGuard guard)
    {
        _guards.Add(name, guard);
        return this;
    }

    /// <summary>Registers a guard whose reasons are English only (shown as they are in every language).</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public WorkflowHooks AddGuard(string name, Func<WorkflowContext, string?> guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return AddGuard(name, c => guard(c) is { } reason ? DomainText.Plain(reason) : null);
    }

    /// <summary>Registers an effect under a name used in definitions.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public WorkflowHooks AddEffect(string name, WorkflowEffect effect)
    {
        _effects.Add(name, effect);
        return this;
    }

    /// <summary>Declares a date source name the subject answers through <see cref="IWorkflowSubject.GetDate"/>.</summary>
    public WorkflowHooks AddDateSource(string name)
    {
        _dateSources.Add(name);
        return this;
    }

    /// <summary>Adds a check every input of <paramref name="type"/> passes before guards run, in the order added.</summary>
    public WorkflowHooks AddInputCheck(InputType type, WorkflowInputCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!_inputChecks.TryGetValue(type, out var checks))
        {
            _inputChecks[type] = checks = [];
        }

        checks.Add(check);
        return this;
    }

    /// <summary>The checks added for inputs of a type (none by default).</summary>
    public IReadOnlyList<WorkflowInputCheck> InputChecks(InputType type) => _inputChecks.TryGetValue(type, out var checks) ? checks : [];

    /// <summary>Returns the guard registered under a name.</summary>
    /// <exception cref="InvalidOperationException">No guard has that name; the loader refuses such definitions, so this means hooks changed after loading.</exception>
    public WorkflowGuard GetGuard(string name) =>
        _guards.TryGetValue(name, out var guard) ? guard : throw new InvalidOperationException($"No workflow guard named '{name}' is registered.");

    /// <summary>Returns the effect registered under a name.</summary>
    /// <exception cref="InvalidOperationException">No effect has that name.</exception>
    public WorkflowEffect GetEffect(string name) =>
        _effects.TryGetValue(name, out var effect) ? effect : throw new InvalidOperationException($"No workflow effect named '{name}' is registered.");

    /// <summary>A guard failing when the actor took any of the given actions on this instance, as submitter, approver or recorder, whatever roles they hold now.</summary>
    public static WorkflowGuard FourEyes(params string[] actions) => context =>
    {
        var own = context.Instance.Journal.FirstOrDefault(e =>
            string.Equals(e.ActorUserId, context.Actor.UserId, StringComparison.Ordinal)
            && actions.Contains(e.Action, StringComparer.Ordinal)
            && e.Kind is JournalEntryKind.Transition or JournalEntryKind.ApprovalRecorded or JournalEntryKind.Recorded);
        return own is null
            ? null
            : DomainText.Of(
                "four-eyes",
                $"{context.Actor.DisplayName} took '{own.Action}' on this proposal and may not also take '{context.Action.Name}' (four-eyes rule).",
                ("person", context.Actor.DisplayName),
                ("taken", own.Action),
                ("action", context.Action.Name));
    };
}

/// <summary>Everything a guard or effect sees about the action being taken.</summary>
public sealed class WorkflowContext
{
    private readonly List<DomainText> _notes = [];

    internal WorkflowContext(
        WorkflowInstance instance,
        WorkflowDefinition definition,
        TaskDefinition task,
        ActionDefinition action,
        WorkflowActor actor,
        IReadOnlyDictionary<string, JsonElement> inputs,
        IWorkflowSubject subject,
        DateTimeOffset now)
    {
        Instance = instance;
        Definition = definition;
        Task = task;
        Action = action;
        Actor = actor;
        Inputs = inputs;
        Subject = subject;
        Now = now;
    }

    /// <summary>The instance before the action.</summary>
    public WorkflowInstance Instance { get; }

    /// <summary>The definition version the instance runs on.</summary>
    public WorkflowDefinition Definition { get; }

    /// <summary>The task offering the action.</summary>
    public TaskDefinition Task { get; }

    /// <summary>The action being taken.</summary>
    public ActionDefinition Action { get; }

    /// <summary>Who takes it.</summary>
    public WorkflowActor Actor { get; }

    /// <summary>The validated inputs (only declared names, never JSON null).</summary>
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; }

    /// <summary>The subject (the proposal), which effects change.</summary>
    public IWorkflowSubject Subject { get; }

    /// <summary>The clock of this action, UTC.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Notes added by effects, written to the journal entry's details.</summary>
    public IReadOnlyList<DomainText> Notes => _notes;

    /// <summary>Adds a note to the journal entry, e.g. whether a new pair has a friendship relation.</summary>
    public void Note(DomainText text) => _notes.Add(text);

    /// <summary>The text input with this name, or null when absent.</summary>
    public string? GetText(string name) =>
        Inputs.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The amount input with this name (a number, or a string of one as <see cref="NumberText"/> reads it), or null when absent.</summary>
    public decimal? GetAmount(string name) => Inputs.TryGetValue(name, out var value) ? AmountOf(value) : null;

    /// <summary>An amount input's value: a JSON number, or a string of one as <see cref="NumberText"/> reads it; null otherwise.</summary>
    public static decimal? AmountOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
        JsonValueKind.String when NumberText.TryParse(value.GetString(), out var d) => d,
        _ => null,
    };

    /// <summary>The string-array input with this name (e.g. city codes), or an empty list when absent.</summary>
    public IReadOnlyList<string> GetStrings(string name) =>
        Inputs.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
