using System.Text.Json;

namespace CityCoop.Workflows;

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

    /// <summary>
    /// Runs an effect's work; a <see cref="DomainRuleException"/> it throws becomes the input error of its field (or of
    /// <paramref name="field"/> when it names none), anything else propagates. Returns null when the work succeeded.
    /// </summary>
    public static WorkflowInputError? Catching(string field, Action effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        try
        {
            effect();
            return null;
        }
        catch (DomainRuleException e)
        {
            return new WorkflowInputError(e.Field ?? field, e.Text);
        }
    }
}

/// <summary>Builds a guard from the parameters a definition gives it; throws <see cref="FormatException"/> for bad ones.</summary>
public delegate WorkflowGuard WorkflowGuardFactory(GuardParameters parameters);

/// <summary>
/// The organisations a scope stands for on a subject (e.g. the owning city's code); null when any organisation is in it.
/// </summary>
public delegate IReadOnlyList<string>? WorkflowScopeResolver(IWorkflowSubject subject);

/// <summary>
/// Checks the JSON shape of a present (non-null) input of a type; returns null to pass or the reason (code <c>blank</c>,
/// <see cref="WorkflowInputShapes.Blank"/>, for a required input without content, reported as missing).
/// </summary>
public delegate DomainText? WorkflowInputShape(InputDefinition input, JsonElement value);

/// <summary>
/// The one spelling of a present input whose shape check passed, as the journal keeps it and effects read it (e.g. an
/// amount typed as the string <c>"２，５００，０００"</c> becomes the number <c>2500000</c>), so that readers of the journal
/// meet one JSON type per input type.
/// </summary>
public delegate JsonElement WorkflowInputCanonical(JsonElement value);

/// <summary>
/// A workflow module's vocabulary and hooks: the role, scope and input type names its definitions may use (each scope with
/// the organisations it resolves to, each input type with its shape check), and the C# side of its guards, effects and date
/// sources. The loader refuses a definition naming anything not declared here; the engine resolves scopes only through it,
/// so the scope rule (<see cref="InScope"/>) is written once.
/// </summary>
public sealed class WorkflowHooks
{
    /// <summary>Name of the built-in guard that stops a person taking an action after taking any of the actions it names (issue 3).</summary>
    public const string FourEyesGuard = "four-eyes";

    /// <summary>The four-eyes parameter naming the actions whose actor may not also take the guarded one.</summary>
    public const string FourEyesActions = "actions";

    private readonly Dictionary<string, (WorkflowGuardFactory Factory, string[] Parameters)> _guards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowEffect> _effects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowEffect> _effectChecks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dateSources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (WorkflowScopeResolver Resolve, bool AssignsOne)> _scopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>?> _fixedScopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (WorkflowInputShape Shape, TextKind Kind, WorkflowInputCanonical? Canonical)> _inputTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WorkflowInputCheck>> _inputChecks = new(StringComparer.Ordinal);
    private string[]? _bareFourEyes;

    /// <summary>Creates hooks holding only the built-in <c>four-eyes</c> guard (parameter <c>actions</c>).</summary>
    public WorkflowHooks()
    {
        AddGuard(FourEyesGuard, FourEyesFromParameters, FourEyesActions);
    }

    /// <summary>Names of the registered guards.</summary>
    public IReadOnlyCollection<string> GuardNames => _guards.Keys;

    /// <summary>Names of the registered effects.</summary>
    public IReadOnlyCollection<string> EffectNames => _effects.Keys;

    /// <summary>Names of the registered date sources.</summary>
    public IReadOnlyCollection<string> DateSourceNames => _dateSources;

    /// <summary>Names of the declared roles.</summary>
    public IReadOnlyCollection<string> RoleNames => _roles;

    /// <summary>Names of the declared scopes.</summary>
    public IReadOnlyCollection<string> ScopeNames => _scopes.Keys;

    /// <summary>Names of the declared input types.</summary>
    public IReadOnlyCollection<string> InputTypeNames => _inputTypes.Keys;

    /// <summary>Declares a role name definitions may use.</summary>
    /// <exception cref="ArgumentException">The name is already declared.</exception>
    public WorkflowHooks AddRole(string name)
    {
        if (!_roles.Add(name))
        {
            throw new ArgumentException($"Role '{name}' is already declared.", nameof(name));
        }

        return this;
    }

    /// <summary>Declares a scope name with the organisations it resolves to on a subject.</summary>
    /// <param name="name">Name definitions use, e.g. <c>proposal-city</c>.</param>
    /// <param name="resolve">The organisations of the scope on a subject; null for any organisation.</param>
    /// <param name="assignsOne">True when a task of this scope is assigned to the one organisation it resolves to.</param>
    /// <exception cref="ArgumentException">The name is already declared.</exception>
    public WorkflowHooks AddScope(string name, WorkflowScopeResolver resolve, bool assignsOne)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        _scopes.Add(name, (resolve, assignsOne));
        return this;
    }

    /// <summary>
    /// Declares a scope whose organisations are the same on every subject (e.g. the Japanese platform), so a reader can be
    /// placed in or out of it without loading a subject (<see cref="InFixedScope"/>): the inbox filters such tasks in SQL.
    /// </summary>
    /// <param name="name">Name definitions use, e.g. <c>platform-any</c>.</param>
    /// <param name="members">The organisation codes of the scope; null for any organisation.</param>
    /// <param name="assignsOne">True when a task of this scope is assigned to the one organisation it holds.</param>
    /// <exception cref="ArgumentException">The name is already declared.</exception>
    public WorkflowHooks AddFixedScope(string name, IReadOnlyList<string>? members, bool assignsOne)
    {
        IReadOnlyList<string>? copy = members is null ? null : [.. members];
        AddScope(name, _ => copy, assignsOne);
        _fixedScopes.Add(name, copy);
        return this;
    }

    /// <summary>True when the scope was declared with <see cref="AddFixedScope"/>: its members do not depend on the subject.</summary>
    public bool IsFixed(WorkflowScope scope) => _fixedScopes.ContainsKey(scope.Name ?? string.Empty);

    /// <summary>True when the scope is fixed and holds the organisation (or admits any); false for other scopes, whose answer needs the subject.</summary>
    public bool InFixedScope(string organizationCode, WorkflowScope scope) =>
        _fixedScopes.TryGetValue(scope.Name ?? string.Empty, out var members)
        && (members is null || members.Contains(organizationCode, StringComparer.Ordinal));

    /// <summary>Declares an input type name with its JSON shape check and which characters its strings may hold.</summary>
    /// <param name="name">Name definitions use, e.g. <c>text</c>.</param>
    /// <param name="shape">Checks a present value's shape.</param>
    /// <param name="kind">The <see cref="TextRules"/> kind every string of the value (at any depth) must satisfy.</param>
    /// <param name="canonical">The value's one spelling, journaled instead of what was sent; null keeps the value as sent.</param>
    /// <exception cref="ArgumentException">The name is already declared.</exception>
    public WorkflowHooks AddInputType(string name, WorkflowInputShape shape, TextKind kind = TextKind.SingleLine, WorkflowInputCanonical? canonical = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _inputTypes.Add(name, (shape, kind, canonical));
        return this;
    }

    /// <summary>Registers a guard without parameters under a name used in definitions.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public WorkflowHooks AddGuard(string name, WorkflowGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return AddGuard(name, _ => guard);
    }

    /// <summary>Registers a guard whose reasons are English only (shown as they are in every language).</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public WorkflowHooks AddGuard(string name, Func<WorkflowContext, string?> guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        return AddGuard(name, c => guard(c) is { } reason ? DomainText.Plain(reason) : null);
    }

    /// <summary>Registers a guard taking parameters from its declaration; the loader refuses parameters not named here.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public WorkflowHooks AddGuard(string name, WorkflowGuardFactory factory, params string[] parameterNames)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _guards.Add(name, (factory, parameterNames));
        return this;
    }

    /// <summary>
    /// What <c>four-eyes</c> declared by name alone means: versions stored before the guard took parameters name it bare,
    /// and keep meaning the actions they meant (for proposals <c>submit</c> and <c>match</c>). Without this a bare
    /// <c>four-eyes</c> is refused by the loader.
    /// </summary>
    public WorkflowHooks FourEyesWhenBare(params string[] actions)
    {
        _bareFourEyes = actions;
        return this;
    }

    /// <summary>Registers an effect under a name used in definitions.</summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public WorkflowHooks AddEffect(string name, WorkflowEffect effect)
    {
        _effects.Add(name, effect);
        return this;
    }

    /// <summary>
    /// Registers an effect with a check of the inputs it will apply. The effect runs when its action takes place; the check
    /// runs on every submission of the action, before the guards, and changes nothing: an approval that does not yet
    /// complete its action (the first of two signatures) is refused for an input the effect would refuse later, instead of
    /// being recorded with it.
    /// </summary>
    /// <exception cref="ArgumentException">The name is already registered.</exception>
    public WorkflowHooks AddEffect(string name, WorkflowEffect effect, WorkflowEffect check)
    {
        ArgumentNullException.ThrowIfNull(check);
        AddEffect(name, effect);
        _effectChecks.Add(name, check);
        return this;
    }

    /// <summary>The input check registered with an effect (<see cref="AddEffect(string, WorkflowEffect, WorkflowEffect)"/>), or null.</summary>
    public WorkflowEffect? GetEffectCheck(string name) => _effectChecks.GetValueOrDefault(name);

    /// <summary>Declares a date source name the subject answers through <see cref="IWorkflowSubject.GetDate"/>.</summary>
    public WorkflowHooks AddDateSource(string name)
    {
        _dateSources.Add(name);
        return this;
    }

    /// <summary>Adds a check every input of <paramref name="type"/> passes before guards run, in the order added.</summary>
    public WorkflowHooks AddInputCheck(string type, WorkflowInputCheck check)
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
    public IReadOnlyList<WorkflowInputCheck> InputChecks(string type) => _inputChecks.TryGetValue(type, out var checks) ? checks : [];

    /// <summary>The shape check of an input type.</summary>
    /// <exception cref="InvalidOperationException">No input type has that name; the loader refuses such definitions.</exception>
    public WorkflowInputShape InputShape(string type) =>
        _inputTypes.TryGetValue(type, out var declared) ? declared.Shape : throw new InvalidOperationException($"No workflow input type named '{type}' is declared.");

    /// <summary>A checked value of an input type in its one spelling (<see cref="WorkflowInputCanonical"/>), detached from its document.</summary>
    /// <exception cref="InvalidOperationException">No input type has that name.</exception>
    public JsonElement InputCanonical(string type, JsonElement value) =>
        _inputTypes.TryGetValue(type, out var declared)
            ? declared.Canonical?.Invoke(value) ?? value.Clone()
            : throw new InvalidOperationException($"No workflow input type named '{type}' is declared.");

    /// <summary>The <see cref="TextRules"/> kind the strings of an input type must satisfy.</summary>
    /// <exception cref="InvalidOperationException">No input type has that name.</exception>
    public TextKind InputTextKind(string type) =>
        _inputTypes.TryGetValue(type, out var declared) ? declared.Kind : throw new InvalidOperationException($"No workflow input type named '{type}' is declared.");

    /// <summary>Returns the guard a declaration stands for, built from its parameters.</summary>
    /// <exception cref="InvalidOperationException">No guard has that name or its parameters are wrong; the loader refuses such definitions, so this means hooks changed after loading.</exception>
    public WorkflowGuard GetGuard(GuardDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (WhyNotGuard(declaration) is { } problem)
        {
            throw new InvalidOperationException($"Guard '{declaration.Name}': {problem}");
        }

        return _guards[declaration.Name].Factory(declaration.Parameters);
    }

    /// <summary>Why a guard declaration cannot be used (unknown name, a parameter the guard does not take, a bad value), or null.</summary>
    public string? WhyNotGuard(GuardDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (!_guards.TryGetValue(declaration.Name, out var guard))
        {
            return $"unknown guard '{declaration.Name}'; known: {Known(_guards.Keys)}.";
        }

        if (declaration.Parameters.Names.FirstOrDefault(n => !guard.Parameters.Contains(n, StringComparer.Ordinal)) is { } unknown)
        {
            return $"guard '{declaration.Name}' takes no parameter '{unknown}'; it takes: {Known(guard.Parameters)}.";
        }

        try
        {
            _ = guard.Factory(declaration.Parameters);
            return null;
        }
        catch (FormatException e)
        {
            return $"guard '{declaration.Name}': {e.Message}";
        }
    }

    /// <summary>Returns the effect registered under a name.</summary>
    /// <exception cref="InvalidOperationException">No effect has that name.</exception>
    public WorkflowEffect GetEffect(string name) =>
        _effects.TryGetValue(name, out var effect) ? effect : throw new InvalidOperationException($"No workflow effect named '{name}' is registered.");

    /// <summary>The organisations a scope stands for on a subject; null when any organisation is in it.</summary>
    /// <exception cref="InvalidOperationException">The scope is not declared; the loader refuses such definitions.</exception>
    public IReadOnlyList<string>? Members(WorkflowScope scope, IWorkflowSubject subject) =>
        _scopes.TryGetValue(scope.Name ?? string.Empty, out var declared)
            ? declared.Resolve(subject)
            : throw new InvalidOperationException($"No workflow scope named '{scope.Name}' is declared.");

    /// <summary>Organisations a scope resolves to on a subject; empty when any organisation is in it.</summary>
    public IReadOnlyList<string> Resolve(WorkflowScope scope, IWorkflowSubject subject) => Members(scope, subject) ?? [];

    /// <summary>True when the scope admits any organisation (only the role is checked).</summary>
    public bool AdmitsAnyOrganization(WorkflowScope scope, IWorkflowSubject subject) => Members(scope, subject) is null;

    /// <summary>The single organisation a task of the scope is assigned to, or null when several (or any) may act.</summary>
    public string? ResolveSingle(WorkflowScope scope, IWorkflowSubject subject) =>
        _scopes.TryGetValue(scope.Name ?? string.Empty, out var declared) && declared.AssignsOne && Members(scope, subject) is [var one, ..] ? one : null;

    /// <summary>The scope rule: true when the organisation is in the scope on the subject; roles are checked separately and admin bypasses nothing.</summary>
    public bool InScope(string organizationCode, WorkflowScope scope, IWorkflowSubject subject) =>
        Members(scope, subject) is not { } members || members.Contains(organizationCode, StringComparer.Ordinal);

    /// <summary>True when the actor holds the role and belongs to the scope.</summary>
    public bool Qualifies(WorkflowActor actor, WorkflowRole role, WorkflowScope scope, IWorkflowSubject subject)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Roles.Contains(role) && InScope(actor.OrganizationCode, scope, subject);
    }

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

    private WorkflowGuard FourEyesFromParameters(GuardParameters parameters) =>
        FourEyes([.. parameters.GetStrings(FourEyesActions)
            ?? _bareFourEyes
            ?? throw new FormatException($"needs \"{FourEyesActions}\": the actions whose actor may not also take this one, e.g. {{ \"name\": \"four-eyes\", \"actions\": [\"submit\"] }}.")]);

    internal static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}

/// <summary>Helpers for input shape checks (<see cref="WorkflowInputShape"/>).</summary>
public static class WorkflowInputShapes
{
    /// <summary>The reason a required input is present but empty; the engine reports it as the input missing.</summary>
    public static DomainText Blank { get; } = DomainText.Of(BlankCode, "blank");

    /// <summary>Code of <see cref="Blank"/>.</summary>
    public const string BlankCode = "blank";

    /// <summary>Any JSON value passes.</summary>
    public static WorkflowInputShape Any { get; } = (_, _) => null;

    /// <summary>A shape refusal with argument <c>field</c> naming the input.</summary>
    public static DomainText Refuse(string code, string english, InputDefinition input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return DomainText.Of(code, english, ("field", input.Name));
    }
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

    /// <summary>The subject the instance runs for (e.g. a proposal), which effects change.</summary>
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

    /// <summary>The string-array input with this name (e.g. city codes), or an empty list when absent.</summary>
    public IReadOnlyList<string> GetStrings(string name) =>
        Inputs.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
