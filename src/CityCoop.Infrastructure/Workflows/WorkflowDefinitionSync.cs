using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// Loads the definition files of a folder at start-up: every file must validate (else start-up is refused with
/// file, JSON path and reason); a file whose content hash differs from its newest stored version becomes a new
/// version. Runs inside the start-up lock, so concurrent servers store one version, not two.
/// </summary>
public sealed class WorkflowDefinitionSync(CityCoopDbContext db, WorkflowDefinitionCatalog catalog, TimeProvider time)
{
    /// <summary>The JSON Schema file in the folder, which is not itself a definition.</summary>
    public const string SchemaFileName = "workflow-definition.schema.json";

    /// <summary>Validates and stores changed definitions, then caches every stored version; returns the new versions stored.</summary>
    /// <exception cref="WorkflowDefinitionException">A file is invalid.</exception>
    public async Task<IReadOnlyList<WorkflowDefinition>> SyncAsync(string folder, CancellationToken cancellationToken = default)
    {
        var added = new List<WorkflowDefinition>();
        foreach (var path in Directory.GetFiles(folder, "*.json").Where(p => Path.GetFileName(p) != SchemaFileName).Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(path, cancellationToken);
            var parsed = catalog.Parse(json, Path.GetFileName(path));
            var newest = await db.WorkflowDefinitions.Where(d => d.DefinitionId == parsed.Id).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
            if (newest?.ContentHash == parsed.ContentHash)
            {
                continue;
            }

            var version = (newest?.Version ?? 0) + 1;
            db.WorkflowDefinitions.Add(new WorkflowDefinitionRecord
            {
                DefinitionId = parsed.Id,
                Version = version,
                ContentHash = parsed.ContentHash,
                Json = json,
                FileName = Path.GetFileName(path),
                LoadedAt = time.GetUtcNow(),
            });
            added.Add(parsed with { Version = version });
        }

        await db.SaveChangesAsync(cancellationToken);
        catalog.Add(await db.WorkflowDefinitions.AsNoTracking().ToListAsync(cancellationToken));
        return added;
    }
}
