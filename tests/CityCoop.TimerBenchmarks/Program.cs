using System.Diagnostics;
using System.Globalization;
using CityCoop.Domain.Proposals;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Usage: dotnet run --project tests/CityCoop.TimerBenchmarks -- "<PostgreSQL connection string>"
// (e.g. the last line of `bash deploy/start-postgres.sh --dir <tmp>`). Creates two throwaway databases.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: CityCoop.TimerBenchmarks <postgres connection string>");
    return 2;
}

const int DueTimers = 100;
var small = await MeasureAsync(args[0], 1_000);
var large = await MeasureAsync(args[0], 100_000);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one sweep, {DueTimers} due timers,   1,000 open instances: {small.TotalMilliseconds,8:F0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one sweep, {DueTimers} due timers, 100,000 open instances: {large.TotalMilliseconds,8:F0} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (100,000 / 1,000): {large / small:F2}"));
return 0;

static async Task<TimeSpan> MeasureAsync(string adminConnection, int instances)
{
    var name = $"bench_timers_{instances}_{Environment.ProcessId}";
    await using (var admin = new NpgsqlConnection(adminConnection))
    {
        await admin.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {name}", $"CREATE DATABASE {name}" })
        {
            await using var cmd = new NpgsqlCommand(sql, admin);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    var connection = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name }.ConnectionString;
    var dataDir = Directory.CreateTempSubdirectory("citycoop-bench-").FullName;
    var app = CityCoopHost.Build(
        [$"--ConnectionStrings:CityCoop={connection}", "--Jobs:Enabled=false", "--CityCoop:SeedSampleData=true", "--CityCoop:SeedDemoAccounts=true", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning"],
        dataDir);
    await CityCoopHost.InitializeDatabaseAsync(app.Services);

    // One real proposal, submitted: its instance, tasks and timer rows are the template for the clones.
    var now = new DateTimeOffset(2026, 9, 1, 2, 0, 0, TimeSpan.Zero);
    Guid template;
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var workflow = scope.ServiceProvider.GetRequiredService<ProposalWorkflow>();
        var city = new WorkflowActor("bench", "Benchmark city", new HashSet<WorkflowRole> { CityCoopRoles.City }, "city:shanghai", OrganizationKind.City, "CN");
        var draft = new ProposalDraft(
            "Benchmark proposal",
            "PM2.5",
            [],
            CooperationStrand.GovernmentStaff,
            GovernmentLevel.Local,
            CooperationKind.New,
            ["PM2.5 source apportionment"],
            [],
            [],
            2026,
            new CityCoop.Domain.Funding.Money(3_000_000m, CityCoop.Domain.Funding.Currency.JPY));
        var record = await workflow.CreateAsync(draft, city, now);
        var submitted = await workflow.ExecuteAsync(record.Proposal.Id, city, "submit", new Dictionary<string, System.Text.Json.JsonElement>(), at: now);
        if (submitted is not StepOutcome.Done)
        {
            throw new InvalidOperationException($"submit failed: {submitted}");
        }

        template = record.Proposal.Id;
    }

    var seed = Stopwatch.StartNew();
    await using (var db = new NpgsqlConnection(connection))
    {
        await db.OpenAsync();
        var p = $"md5('p' || g)::uuid";
        var i = $"md5('i' || g)::uuid";
        var t = $"md5('t' || g || x.\"TaskName\")::uuid";
        await ExecAsync(db, await CloneSqlAsync(db, "proposals", new() { ["Id"] = p, ["Title"] = "'Proposal ' || g" }, $"FROM proposals x, generate_series(1, {instances}) g WHERE x.\"Id\" = '{template}'"));
        await ExecAsync(db, await CloneSqlAsync(db, "workflow_instances", new() { ["Id"] = i, ["ProposalId"] = p }, $"FROM workflow_instances x, generate_series(1, {instances}) g WHERE x.\"ProposalId\" = '{template}'"));
        await ExecAsync(db, await CloneSqlAsync(db, "workflow_tasks", new() { ["Id"] = t, ["InstanceId"] = i }, $"FROM workflow_tasks x JOIN workflow_instances wi ON wi.\"Id\" = x.\"InstanceId\", generate_series(1, {instances}) g WHERE wi.\"ProposalId\" = '{template}'"));

        // Every clone has pending reminders (one per reviewer country); the first DueTimers Chinese ones are due now, the rest in a month.
        var fire = $"CASE WHEN g <= {DueTimers} AND x.\"Kind\" = 'Reminder' AND coalesce(x.\"Country\", 'CN') = 'CN' THEN TIMESTAMPTZ '2026-09-28 01:00:00+00' ELSE TIMESTAMPTZ '2026-10-28 01:00:00+00' END";
        await ExecAsync(db, await CloneSqlAsync(
            db,
            "workflow_timers",
            new() { ["Id"] = "md5('x' || g || x.\"Kind\" || coalesce(x.\"Country\", ''))::uuid", ["InstanceId"] = i, ["ProposalId"] = p, ["TaskId"] = t, ["FireAt"] = fire },
            $"FROM workflow_timers x, generate_series(1, {instances}) g WHERE x.\"ProposalId\" = '{template}'"));
        await ExecAsync(db, $"UPDATE workflow_timers SET \"FireAt\" = TIMESTAMPTZ '2026-10-28 01:00:00+00' WHERE \"ProposalId\" = '{template}'");
        await ExecAsync(db, "VACUUM ANALYZE");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instances,7} instances seeded in {seed.Elapsed.TotalSeconds:F1} s"));

    // Run the real sweep at the due instant (the clock is passed through TimeProvider).
    var time = new FixedTime(new DateTimeOffset(2026, 9, 28, 1, 0, 0, TimeSpan.Zero));
    await using (var warm = app.Services.CreateAsyncScope())
    {
        // Warm-up on an empty due set: JIT and EF model building do not count.
        await ActivatorUtilities.CreateInstance<TimerSweep>(warm.ServiceProvider, new FixedTime(now)).RunAsync();
    }

    await using var run = app.Services.CreateAsyncScope();
    var sweep = ActivatorUtilities.CreateInstance<TimerSweep>(run.ServiceProvider, time);
    var watch = Stopwatch.StartNew();
    var fired = await sweep.RunAsync();
    watch.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instances,7} instances: sweep fired {fired} timers in {watch.Elapsed.TotalMilliseconds:F0} ms"));
    if (fired != DueTimers)
    {
        throw new InvalidOperationException($"expected {DueTimers} due timers, fired {fired}");
    }

    await app.DisposeAsync();
    Npgsql.NpgsqlConnection.ClearAllPools();
    await using (var admin = new NpgsqlConnection(adminConnection))
    {
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    Directory.Delete(dataDir, recursive: true);
    return watch.Elapsed;
}

static async Task<string> CloneSqlAsync(NpgsqlConnection db, string table, Dictionary<string, string> replace, string from)
{
    var columns = new List<string>();
    await using (var cmd = new NpgsqlCommand($"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = 'public' ORDER BY ordinal_position", db))
    await using (var reader = await cmd.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }
    }

    var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
    var select = string.Join(", ", columns.Select(c => replace.TryGetValue(c, out var v) ? v : $"x.\"{c}\""));
    return $"INSERT INTO {table} ({list}) SELECT {select} {from}";
}

static async Task ExecAsync(NpgsqlConnection db, string sql)
{
    await using var cmd = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
    await cmd.ExecuteNonQueryAsync();
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
