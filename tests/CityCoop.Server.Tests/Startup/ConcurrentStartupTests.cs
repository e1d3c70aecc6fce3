using System.Diagnostics;
using System.Globalization;
using CityCoop.Infrastructure.Persistence.Postgres;
using CityCoop.Server.Tests.Cli;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityCoop.Server.Tests.Startup;

/// <summary>Several servers started at once on one empty PostgreSQL database: one migrates and seeds, none fails.</summary>
public class ConcurrentStartupTests
{
    private const int Servers = 3;

    [Fact]
    public async Task ThreeServers_StartedAtOnceOnOneEmptyPostgresDatabase_AllComeUpHealthyAndMigrateAndSeedOnce()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("concurrent_start");
        var dataDirs = Enumerable.Range(0, Servers).Select(_ => Path.Combine(Path.GetTempPath(), "citycoop-concurrent-" + Guid.NewGuid().ToString("N"))).ToList();
        var ports = new List<int>();
        var processes = new List<CityCoopProcess>();
        try
        {
            var starts = Enumerable.Range(0, Servers).Select(i =>
            {
                var port = CityCoopProcess.FreePort();
                ports.Add(port);
                var environment = new Dictionary<string, string>
                {
                    ["ConnectionStrings__CityCoop"] = connectionString,
                    ["CityCoop__SeedSampleData"] = "true",
                    ["CityCoop__SeedDemoAccounts"] = "true",
                    ["Auth__SigningKey"] = CityCoopFactory.SigningKey,
                    ["DataDir"] = dataDirs[i],
                };
                return (Arguments: new[] { "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" }, Environment: environment);
            }).ToList();

            // Start all three together. 180 s: on a loaded CI machine one start-up (migrate, import, demo accounts,
            // workflow definitions) has been seen to take more than 90 s while the other two wait for the lock.
            processes.AddRange(starts.AsParallel().Select(s => CityCoopProcess.Start(s.Arguments, s.Environment)));

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var healthy = await Task.WhenAll(ports.Select(port => WaitForHealthyAsync(http, port, processes, TimeSpan.FromSeconds(180))));

            Assert.True(healthy.All(h => h), "Not every server became healthy:\n" + Describe(processes, ports));
            Assert.All(processes, p => Assert.False(p.HasExited, "A server exited:\n" + p.Describe()));

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var applied = new List<string>();
            await using (var history = new NpgsqlCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", connection))
            await using (var reader = await history.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    applied.Add(reader.GetString(0));
                }
            }

            Assert.Equal(KnownPostgresMigrations(), applied);
            Assert.Equal(18L, await ScalarAsync(connection, "SELECT count(*) FROM cities"));
            Assert.Equal(18L, await ScalarAsync(connection, "SELECT count(DISTINCT \"Code\") FROM cities"));
            Assert.Equal(21L, await ScalarAsync(connection, "SELECT count(*) FROM activities"));
            Assert.Equal(7L, await ScalarAsync(connection, "SELECT count(*) FROM \"AspNetUsers\""));
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }

            foreach (var dir in dataDirs.Where(Directory.Exists))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static async Task<bool> WaitForHealthyAsync(HttpClient http, int port, List<CityCoopProcess> processes, TimeSpan timeout)
    {
        var uri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/health");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (processes.Any(p => p.HasExited))
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync(uri);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer while another instance migrates.
            }

            await Task.Delay(250);
        }

        return false;
    }

    private static IReadOnlyList<string> KnownPostgresMigrations()
    {
        using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=unused").Options);
        return [.. db.Database.GetMigrations().Order(StringComparer.Ordinal)];
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static string Describe(List<CityCoopProcess> processes, List<int> ports) =>
        string.Join("\n", processes.Select((p, i) => $"=== server {i + 1} (port {ports[i].ToString(CultureInfo.InvariantCulture)}) ===\n{p.Describe()}"));
}
