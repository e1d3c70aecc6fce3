using System.Collections.Concurrent;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// Parsed workflow definitions by (id, version), filled from the database at start-up. A version stored later
/// by another server (after a deploy) is read from the database on first use, so pinned instances always run on
/// exactly the version they started on.
/// </summary>
public sealed class WorkflowDefinitionCatalog(WorkflowDefinitionLoader loader)
{
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> definitions = new();

    /// <summary>The loader (schema and hook names) used for every version.</summary>
    public WorkflowDefinitionLoader Loader => loader;

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
            definitions.GetOrAdd((r.DefinitionId, r.Version), _ => loader.Parse(r.Json, $"{r.FileName} (stored version {r.Version})", r.Version));
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
}
