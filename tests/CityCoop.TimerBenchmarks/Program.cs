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
// (e.g. the last line of `bash deploy/start-postgres.sh --dir <tmp>`) [number of top statements to list, default 10].
// Creates two throwaway databases; needs pg_stat_statements preloaded (deploy/start-postgres.sh does that).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: CityCoop.TimerBenchmarks <postgres connection string>");
    return 2;
}

var top = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) ? n : 10;
// The first measurement in this process runs faster than the later ones, whatever their size (later hosts in one process):
// measured 2026-12-02, 1,000 then 100,000: 226 and 340 ms; 100,000 then 1,000: 246 and 262 ms. So 1,000 is measured
// again after 100,000, and the ratio compares 100,000 with that second 1,000: both are later hosts.
var first = await MeasureAsync(args[0], 1_000);
var large = await MeasureAsync(args[0], 100_000);
var small = await MeasureAsync(args[0], 1_000);
Console.WriteLine();
foreach (var (label, m) in new[] { ("  1,000 (first host)", first), ("100,000", large), ("  1,000 (after)", small) })
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one sweep, {DueTimers} due timers, {label} open instances: {m.Elapsed.TotalMilliseconds,8:F0} ms median of {Rounds} (each: {string.Join(", ", m.Sweeps.Select(x => x.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))}; CPU {m.Cpu.TotalMilliseconds:F0} ms, database {m.DatabaseMilliseconds / Rounds:F0} ms per sweep), {(double)m.Calls / (DueTimers * Rounds):F1} statements per fired timer"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (100,000 / 1,000 after it): {large.Elapsed / small.Elapsed:F2}"));
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"top {top} statements of the sweep with 100,000 open instances (calls, total ms, query):"));
foreach (var (calls, ms, query) in large.Statements.Take(top))
{
    var text = string.Join(' ', query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{calls,6} {ms,9:F1}  {(text.Length <= 160 ? text : text[..160] + "…")}"));
}

return 0;

static async Task<Measurement> MeasureAsync(string adminConnection, int instances)
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
        // Instances point at their subject through ("SubjectType", "SubjectId"); tasks, journal and timers hang off the instance.
        var templateInstance = $"(SELECT \"Id\" FROM workflow_instances WHERE \"SubjectType\" = 'proposal' AND \"SubjectId\" = '{template}')";
        await ExecAsync(db, await CloneSqlAsync(db, "workflow_instances", new() { ["Id"] = i, ["SubjectId"] = p }, $"FROM workflow_instances x, generate_series(1, {instances}) g WHERE x.\"Id\" = {templateInstance}"));
        await ExecAsync(db, await CloneSqlAsync(db, "workflow_tasks", new() { ["Id"] = t, ["InstanceId"] = i }, $"FROM workflow_tasks x, generate_series(1, {instances}) g WHERE x.\"InstanceId\" = {templateInstance}"));
        await ExecAsync(db, await CloneSqlAsync(db, "workflow_journal", new() { ["InstanceId"] = i }, $"FROM workflow_journal x, generate_series(1, {instances}) g WHERE x.\"InstanceId\" = {templateInstance}"));

        // Every clone has pending reminders (one per reviewer country); the first Rounds × DueTimers Chinese ones are due
        // DueTimers at a time at the measured instant and each minute after it (one measured sweep each), the next
        // WarmupTimers a week earlier (the warm-up sweeps fire those), the rest in a month.
        var chinese = "x.\"Kind\" = 'Reminder' AND coalesce(x.\"Country\", 'CN') = 'CN'";
        var fire = $"CASE WHEN g <= {DueTimers * Rounds} AND {chinese} THEN {MeasuredAt} + ((g - 1) / {DueTimers}) * INTERVAL '1 minute' WHEN g <= {DueTimers * Rounds + WarmupTimers} AND {chinese} THEN {WarmupAt} ELSE {LaterAt} END";
        await ExecAsync(db, await CloneSqlAsync(
            db,
            "workflow_timers",
            new() { ["Id"] = "md5('x' || g || x.\"Kind\" || coalesce(x.\"Country\", ''))::uuid", ["InstanceId"] = i, ["TaskId"] = t, ["FireAt"] = fire },
            $"FROM workflow_timers x, generate_series(1, {instances}) g WHERE x.\"InstanceId\" = {templateInstance}"));
        await ExecAsync(db, $"UPDATE workflow_timers SET \"FireAt\" = {LaterAt} WHERE \"InstanceId\" = {templateInstance}");
        await ExecAsync(db, "VACUUM ANALYZE");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instances,7} instances seeded in {seed.Elapsed.TotalSeconds:F1} s"));

    // Warm-up: a sweep that fires WarmupTimers timers a week earlier, so JIT, EF query compilation and the reference data
    // cache do not count in either measurement; those timers are then moved past the measured instant. A server sweeps
    // every minute for as long as it runs, so the measured sweep is a warm one: enough warm-up calls for the runtime to
    // compile the sweep's code optimised (tiered compilation promotes a method after 30 calls, in the background), and a
    // pause for that compilation. The warm-up sweep's own time is printed too: it is what the first sweep after a start costs.
    var warmed = 0;
    for (var sweepNumber = 1; warmed < WarmupTimers; sweepNumber++)
    {
        await using var warm = app.Services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        var swept = await ActivatorUtilities.CreateInstance<TimerSweep>(warm.ServiceProvider, new FixedTime(WarmupInstant)).RunAsync();
        clock.Stop();
        if (swept == 0)
        {
            throw new InvalidOperationException($"expected {WarmupTimers} warm-up timers, fired {warmed}");
        }

        warmed += swept;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instances,7} instances: warm-up sweep {sweepNumber} fired {swept} timers in {clock.Elapsed.TotalMilliseconds:F0} ms (not measured{(sweepNumber == 1 ? "; the first sweep after a start" : "")})"));
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    await using var stats = new NpgsqlConnection(connection);
    await stats.OpenAsync();
    await ExecAsync(stats, $"UPDATE workflow_timers SET \"FireAt\" = {LaterAt} WHERE \"Status\" = 'Pending' AND \"FireAt\" < {MeasuredAt}");
    await ExecAsync(stats, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await ExecAsync(stats, "SELECT pg_stat_statements_reset()");

    // Run the real sweeps, one a minute from the due instant (the clock is passed through TimeProvider): each fires the
    // DueTimers that came due; one sweep alone moved by a third from run to run, so the figure is their median.
    var sweeps = new List<TimeSpan>();
    var cpu = TimeSpan.Zero;
    for (var round = 0; round < Rounds; round++)
    {
        await using var run = app.Services.CreateAsyncScope();
        var sweep = ActivatorUtilities.CreateInstance<TimerSweep>(run.ServiceProvider, new FixedTime(MeasuredInstant.AddMinutes(round)));
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var fired = await sweep.RunAsync();
        watch.Stop();
        cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        sweeps.Add(watch.Elapsed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{instances,7} instances: sweep {round + 1} fired {fired} timers in {watch.Elapsed.TotalMilliseconds:F0} ms"));
        if (fired != DueTimers)
        {
            throw new InvalidOperationException($"expected {DueTimers} due timers, fired {fired}");
        }
    }

    // Every statement the sweep ran in this database (the benchmark's own reset and this read left out).
    var statements = new List<(long Calls, double Milliseconds, string Query)>();
    await using (var cmd = new NpgsqlCommand(
        """
        SELECT calls, total_exec_time, query FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_statements%'
        ORDER BY calls DESC, total_exec_time DESC
        """,
        stats))
    await using (var reader = await cmd.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            statements.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetString(2)));
        }
    }

    // The plan of the sweep's pick: it should be an index scan on ("Status", "FireAt"), whatever the number of instances.
    await using (var explain = new NpgsqlCommand(
        """EXPLAIN SELECT * FROM workflow_timers WHERE "Status" = 'Pending' AND "FireAt" <= TIMESTAMPTZ '2026-09-28 01:00:00+00' ORDER BY "FireAt" LIMIT 200""",
        stats))
    await using (var reader = await explain.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            Console.WriteLine($"  pick plan: {reader.GetString(0)}");
        }
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
    return new Measurement(sweeps, cpu / Rounds, statements);
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

/// <summary>
/// The measured sweeps: each one's wall time, the benchmark process's CPU time per sweep (the sweeps run in it) and the
/// statements PostgreSQL ran for all of them (calls, total ms, normalised text).
/// </summary>
internal sealed record Measurement(IReadOnlyList<TimeSpan> Sweeps, TimeSpan Cpu, IReadOnlyList<(long Calls, double Milliseconds, string Query)> Statements)
{
    /// <summary>The median sweep's wall time.</summary>
    public TimeSpan Elapsed => Sweeps.Order().ElementAt(Sweeps.Count / 2);

    /// <summary>Every statement call of the sweep.</summary>
    public long Calls => Statements.Sum(s => s.Calls);

    /// <summary>PostgreSQL's execution time of all of them (ms).</summary>
    public double DatabaseMilliseconds => Statements.Sum(s => s.Milliseconds);
}

/// <summary>The instants the benchmark's timers are due at and its sweeps run at (UTC).</summary>
internal partial class Program
{
    private const int DueTimers = 100;
    private const int Rounds = 5;
    private const int WarmupTimers = 400;
    private const string MeasuredAt = "TIMESTAMPTZ '2026-09-28 01:00:00+00'";
    private const string WarmupAt = "TIMESTAMPTZ '2026-09-21 01:00:00+00'";
    private const string LaterAt = "TIMESTAMPTZ '2026-10-28 01:00:00+00'";
    private static readonly DateTimeOffset MeasuredInstant = new(2026, 9, 28, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WarmupInstant = new(2026, 9, 21, 1, 0, 0, TimeSpan.Zero);
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
