using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// The registered workflow modules, each with an engine of its own (its hooks, the shared business calendar), found by
/// subject type or by definition id. Registered once as a singleton.
/// </summary>
public sealed class WorkflowModules
{
    private readonly Dictionary<string, IWorkflowModule> byType;
    private readonly Dictionary<string, IWorkflowModule> byDefinition;
    private readonly Dictionary<string, WorkflowEngine> engines;

    /// <summary>Indexes the modules and builds their engines.</summary>
    /// <exception cref="InvalidOperationException">Two modules share a subject type or a definition id.</exception>
    public WorkflowModules(IEnumerable<IWorkflowModule> modules, IWorkflowCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(modules);
        All = [.. modules];
        byType = new(StringComparer.Ordinal);
        byDefinition = new(StringComparer.Ordinal);
        engines = new(StringComparer.Ordinal);
        foreach (var module in All)
        {
            if (!byType.TryAdd(module.SubjectType, module) || !byDefinition.TryAdd(module.DefinitionId, module))
            {
                throw new InvalidOperationException($"Two workflow modules declare subject type '{module.SubjectType}' or definition '{module.DefinitionId}'.");
            }

            engines[module.SubjectType] = new WorkflowEngine(module.Hooks, calendar);
        }
    }

    /// <summary>Every module, in registration order.</summary>
    public IReadOnlyList<IWorkflowModule> All { get; }

    /// <summary>The module of a subject type.</summary>
    /// <exception cref="KeyNotFoundException">No module declares it.</exception>
    public IWorkflowModule Get(string subjectType) =>
        byType.TryGetValue(subjectType, out var module) ? module : throw new KeyNotFoundException($"No workflow module declares subject type '{subjectType}'.");

    /// <summary>The module running a definition, or null.</summary>
    public IWorkflowModule? ForDefinition(string definitionId) => byDefinition.GetValueOrDefault(definitionId);

    /// <summary>The engine of a module (its hooks, the shared calendar).</summary>
    public WorkflowEngine EngineFor(IWorkflowModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return engines[module.SubjectType];
    }

    /// <summary>The engine of a subject type.</summary>
    /// <exception cref="KeyNotFoundException">No module declares it.</exception>
    public WorkflowEngine EngineFor(string subjectType) => EngineFor(Get(subjectType));
}
