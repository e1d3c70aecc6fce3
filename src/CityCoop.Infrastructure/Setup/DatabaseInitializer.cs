using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Import;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
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

    private async Task MigrateAndSeedAsync(string sampleDataFolder, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
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
            foreach (var account in DemoAccounts.All)
            {
                if (await users.ExistsAsync(account.Email))
                {
                    continue;
                }

                var problems = await users.AddAsync(account.Email, DemoAccounts.Password, account.Role, account.Organization, account.DisplayName, account.Language);
                if (problems.Count > 0)
                {
                    throw new InvalidOperationException($"Demo account {account.Email} could not be created: {string.Join("; ", problems)}");
                }
            }
        }
    }
}
