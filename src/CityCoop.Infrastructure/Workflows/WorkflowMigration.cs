using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// Moves running instances from one definition version to another with an explicit state mapping, in one
/// transaction (issue 3: instances are pinned to their version until an operator migrates them).
/// </summary>
public sealed class WorkflowMigration(CityCoopDbContext db, WorkflowDefinitionCatalog catalog, WorkflowRuntime runtime, TimeProvider time)
{
    private static readonly WorkflowActor Operator = new("system:migration", "CityCoop migration", new HashSet<WorkflowRole> { CityCoopRoles.Admin }, string.Empty, OrganizationKind.Admin, null);

    /// <summary>Instance counts by definition, version and state.</summary>
    public async Task<IReadOnlyList<(string Id, int Version, string State, int Count)>> CountsAsync(CancellationToken ct = default)
    {
        var rows = await db.WorkflowInstances.AsNoTracking()
            .GroupBy(i => new { i.DefinitionId, i.Version, i.CurrentState })
            .Select(g => new { g.Key.DefinitionId, g.Key.Version, g.Key.CurrentState, Count = g.Count() })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.DefinitionId).ThenBy(r => r.Version).ThenBy(r => r.CurrentState).Select(r => (r.DefinitionId, r.Version, r.CurrentState, r.Count))];
    }

    /// <summary>Plans (and unless <paramref name="dryRun"/>, applies) the migration of every running (not finished) instance on version <paramref name="from"/>.</summary>
    /// <exception cref="WorkflowMigrationException">The versions are the same, or a mapping leaves an instance in a state the target lacks, or names unknown states; nothing changed.</exception>
    /// <exception cref="KeyNotFoundException">A version does not exist.</exception>
    public async Task<IReadOnlyList<MigrationStep>> MigrateAsync(string definitionId, int from, int to, IReadOnlyDictionary<string, string> stateMap, bool dryRun, CancellationToken ct = default)
    {
        if (from == to)
        {
            throw new WorkflowMigrationException(definitionId, from, to, [$"--from and --to are both v{from}: choose the version to move the instances to."]);
        }

        var source = await catalog.GetAsync(db, definitionId, from, ct);
        var target = await catalog.GetAsync(db, definitionId, to, ct);
        var instances = await db.WorkflowInstances
            .Include(i => i.Tasks).Include(i => i.Approvals).Include(i => i.Journal)
            .AsSplitQuery()
            .Where(i => i.DefinitionId == definitionId && i.Version == from)
            .ToListAsync(ct);

        // Finished instances are history: they keep the version they finished on.
        instances = [.. instances.Where(i => source.FindState(i.CurrentState) is not { IsFinal: true })];
        var plan = WorkflowMigrationPlan.Create(source, target, stateMap, instances);
        if (dryRun)
        {
            return plan.Steps;
        }

        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var instance in instances)
        {
            var record = await runtime.RecordOfAsync(instance, null, ct)
                ?? throw new InvalidOperationException($"Instance {instance.Id} has lost its subject.");
            var outputs = runtime.Modules.EngineFor(record.Module).Migrate(plan, instance, Operator, record.Subject.Subject, now);
            await runtime.WriteMigrationOutputsAsync(record with { Definition = target }, outputs, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return plan.Steps;
    }
}
