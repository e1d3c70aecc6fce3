using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Import;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityCoop.Infrastructure.Setup;

/// <summary>
/// Brings the database up to date at start-up: applies the provider's migrations, then (if configured) imports
/// the sample data and creates the demo accounts; stores changed workflow definitions as new versions. On PostgreSQL the whole step holds an advisory lock, so when
/// several instances start at once against one empty database exactly one migrates and the others wait.
/// </summary>
public sealed class DatabaseInitializer(
    CityCoopDbContext db,
    DatabaseOptions options,
    SampleDataImporter importer,
    UserAdministration users,
    WorkflowDefinitionSync workflows,
    WorkflowOptions workflowOptions,
    IPasswordHasher<CityCoopUser> hasher,
    ILogger<DatabaseInitializer> logger)
{
    // Arbitrary but fixed: identifies "CityCoop start-up" among advisory locks on the server.
    private const long AdvisoryLockKey = 0x43697479436F6F70;

    /// <summary>Migrates and seeds; <paramref name="sampleDataFolder"/> is the bundled sample data.</summary>
    /// <exception cref="InvalidOperationException">The bundled sample data does not import.</exception>
    public async Task InitializeAsync(string sampleDataFolder, CancellationToken cancellationToken = default)
    {
        if (!options.UsesPostgres)
        {
            await MigrateAndSeedAsync(sampleDataFolder, cancellationToken);
            return;
        }

        await using var connection = new NpgsqlConnection(options.PostgresConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            // Waiting for the lock lasts as long as another instance migrates and seeds: no 30-second command
            // timeout (it made the waiting instances crash on a slow machine); start-up cancellation still applies.
            command.CommandTimeout = 0;
            command.Parameters.AddWithValue("key", AdvisoryLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await MigrateAndSeedAsync(sampleDataFolder, cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Creates an empty embedded (SQLite) database's tables from the current model and records every migration as applied,
    /// in one transaction. Applying the migrations one by one gives the same tables, columns, indexes and keys (test
    /// <c>EmbeddedDatabaseCreationTests</c> compares both) but costs about a second of a first start: SQLite cannot alter a
    /// column, so EF rebuilds tables and builds each migration's target model to do it. Only the defaults that migrations
    /// gave columns they added to tables with rows are absent (the application writes those columns on every insert), and
    /// the migrations' data fixes are updates of existing rows, nothing on an empty database. A database with any
    /// migration applied is migrated as usual.
    /// </summary>
    /// <returns>False when another process created or migrated the file first (nothing done here then).</returns>
    private async Task<bool> CreateFromModelAsync(IReadOnlyList<string> migrations, CancellationToken ct)
    {
        var history = db.GetService<IHistoryRepository>();
        // SQLite's transactions here begin IMMEDIATE: holding the write lock, look again.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await history.ExistsAsync(ct))
        {
            return false;
        }

        await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(ct);
        await db.Database.ExecuteSqlRawAsync(history.GetCreateScript(), ct);
        foreach (var id in migrations)
        {
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(id, ProductInfo.GetVersion())), ct);
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task MigrateAndSeedAsync(string sampleDataFolder, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0 && !options.UsesPostgres && !(await db.Database.GetAppliedMigrationsAsync(ct)).Any() && await CreateFromModelAsync(pending, ct))
        {
            logger.LogInformation("Created the embedded database from the model; {Count} migration(s) recorded as applied", pending.Count);
        }
        else if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }

        await users.EnsureRolesAsync();
        foreach (var added in await workflows.SyncAsync(workflowOptions.Folder, ct))
        {
            logger.LogInformation("Stored workflow definition {Id} version {Version}", added.Id, added.Version);
        }

        if (options.SeedSampleData && !await db.Cities.AnyAsync(ct))
        {
            var result = await importer.ImportAsync(sampleDataFolder, cancellationToken: ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("The bundled sample data does not import:\n" + string.Join('\n', result.Problems));
            }

            logger.LogInformation("Imported the sample data from {Folder}: {Added} rows", sampleDataFolder, result.Added);
        }

        if (options.SeedDemoAccounts)
        {
            // The demo accounts share one published password: hashed once, not once per account.
            string? hash = null;
            foreach (var account in DemoAccounts.All)
            {
                if (await users.ExistsAsync(account.Email))
                {
                    continue;
                }

                hash ??= hasher.HashPassword(new CityCoopUser(), DemoAccounts.Password);
                var problems = await users.AddAsync(account.Email, DemoAccounts.Password, account.Role, account.Organization, account.DisplayName, account.Language, hash);
                if (problems.Count > 0)
                {
                    throw new InvalidOperationException($"Demo account {account.Email} could not be created: {string.Join("; ", problems)}");
                }
            }
        }
    }
}
