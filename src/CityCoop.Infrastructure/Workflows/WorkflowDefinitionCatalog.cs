using System.Collections.Concurrent;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// Parsed workflow definitions by (id, version), filled from the database at start-up. A version stored later
/// by another server (after a deploy) is read from the database on first use, so pinned instances always run on
/// exactly the version they started on.
/// Each definition is checked against the hooks of the module that runs it (<see cref="WorkflowModules"/>).
/// </summary>
public sealed class WorkflowDefinitionCatalog(string schemaPath, WorkflowModules modules)
{
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> definitions = new();
    private readonly ConcurrentDictionary<string, WorkflowDefinitionLoader> loaders = new(StringComparer.Ordinal);

    /// <summary>
    /// Parses a definition file with the schema and the hook names of the module whose <see cref="IWorkflowModule.DefinitionId"/>
    /// the file's <c>id</c> names.
    /// </summary>
    /// <exception cref="WorkflowDefinitionException">The file is invalid, or no module runs its id.</exception>
    public WorkflowDefinition Parse(string json, string file, int version = 1)
    {
        ArgumentNullException.ThrowIfNull(json);
        var id = IdOf(json);

        // Without a readable id (broken JSON, no id) any module's loader reports the problem with its JSON path.
        var module = id is null ? modules.All[0] : modules.ForDefinition(id)
            ?? throw new WorkflowDefinitionException($"{file}: no workflow module runs definition '{id}' (known: {string.Join(", ", modules.All.Select(m => m.DefinitionId))}).");
        var loader = loaders.GetOrAdd(module.SubjectType, _ => WorkflowDefinitionLoader.FromSchemaFile(schemaPath, module.Hooks));
        return loader.Parse(json, file, version);
    }

    /// <summary>Every cached definition version, newest first per id.</summary>
    public IReadOnlyList<WorkflowDefinition> All =>
        [.. definitions.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenByDescending(d => d.Version)];

    /// <summary>Parses and caches stored versions.</summary>
    /// <exception cref="WorkflowDefinitionException">A stored version no longer validates (e.g. a guard was removed from the code).</exception>
    public void Add(IEnumerable<WorkflowDefinitionRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var r in records)
        {
            definitions.GetOrAdd((r.DefinitionId, r.Version), _ => Parse(r.Json, $"{r.FileName} (stored version {r.Version})", r.Version));
        }
    }

    /// <summary>The newest version of a definition.</summary>
    /// <exception cref="KeyNotFoundException">No version of that id is known.</exception>
    public WorkflowDefinition Latest(string id) =>
        definitions.Values.Where(d => d.Id == id).MaxBy(d => d.Version)
        ?? throw new KeyNotFoundException($"No workflow definition '{id}' is loaded.");

    /// <summary>One version, from the cache or else the database.</summary>
    /// <exception cref="KeyNotFoundException">The version does not exist.</exception>
    public async Task<WorkflowDefinition> GetAsync(CityCoopDbContext db, string id, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (definitions.TryGetValue((id, version), out var cached))
        {
            return cached;
        }

        var record = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == id && d.Version == version, cancellationToken)
            ?? throw new KeyNotFoundException($"Workflow definition '{id}' has no version {version}.");
        Add([record]);
        return definitions[(id, version)];
    }

    /// <summary>One cached version, or null.</summary>
    public WorkflowDefinition? Find(string id, int version) => definitions.GetValueOrDefault((id, version));

    private static string? IdOf(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
