// The workflow throughput benchmark (issue 3, "Measure"): runs proposals through the whole cooperation-proposal
// path over HTTP with N concurrent clients against the real server on PostgreSQL, then times the inbox and the proposal
// list over a bulk-loaded database (ListPhase), then pgbench -N on the same
// PostgreSQL, and prints both and their ratio. See README, "Benchmark", and BenchmarkOptions.Usage.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CityCoop.Benchmarks;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;

var root = options.Root ?? FindRoot();
if (root is null || !File.Exists(Path.Combine(root, "CityCoop.sln")))
{
    Console.Error.WriteLine("Cannot find the repository root (a folder with CityCoop.sln); run from inside the repository or pass --root.");
    return 2;
}

var serverDll = Path.Combine(root, "src", "CityCoop.Server", "bin", "Release", "net10.0", "citycoop.dll");
var pgDir = options.Connection is null ? Path.Combine(Path.GetTempPath(), "citycoop-bench-pg-" + Guid.NewGuid().ToString("N")[..8]) : null;
var dataDir = Directory.CreateTempSubdirectory("citycoop-bench-data-").FullName;
ServerProcess? server = null;
try
{
    if (options.Build)
    {
        Step("dotnet build -c Release src/CityCoop.Server");
        await Shell.RunCheckedAsync("dotnet", ["build", "-c", "Release", "-nologo", "-v", "q", Path.Combine("src", "CityCoop.Server")], root, ct: ct);
    }

    if (!File.Exists(serverDll))
    {
        Console.Error.WriteLine($"{serverDll} is missing: run `dotnet build -c Release src/CityCoop.Server` (or drop --no-build).");
        return 2;
    }

    string connection;
    if (pgDir is not null)
    {
        Step($"starting a throwaway PostgreSQL in {pgDir}");
        connection = await Postgres.StartAsync(root, pgDir, ct);
    }
    else
    {
        connection = options.Connection!;
    }

    var target = PostgresTarget.Parse(connection);
    Step($"PostgreSQL {await Postgres.ServerVersionAsync(target, ct)} at {target.Host}:{target.Port}, database {target.Database}");

    server = ServerProcess.Start(serverDll, connection, dataDir);
    Step($"server starting on {server.BaseAddress} (log: {server.LogPath})");
    using var handler = new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    };
    using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(100) };
    var startup = Stopwatch.StartNew();
    await server.WaitHealthyAsync(http, TimeSpan.FromMinutes(3), ct);
    Step($"server healthy after {startup.Elapsed.TotalSeconds:0.0} s (migrations, sample data and demo accounts included)");

    var tokens = await Tokens.GetAsync(http, server.BaseAddress, ct);
    var lists = new ListPhase(http, server.BaseAddress, tokens, target);
    if (options.OnlyLists)
    {
        Step($"list phase: bulk-loading {options.ListProposals} proposals, then {options.ListRequests} requests per list request kind");
        Console.WriteLine(await lists.RunAsync(options.ListProposals, options.ListRequests, ct));
        return 0;
    }

    var workload = new Workload(http, server.BaseAddress, tokens);
    if (options.Warmup > 0)
    {
        Step($"warm-up: {options.Warmup} proposals, {options.Clients} clients (not measured)");
        await workload.RunAsync(options.Warmup, options.Clients, "warm-up", ct);
    }

    var warmupErrors = workload.ErrorCount;
    Step($"measuring: {options.Proposals} proposals × {Workload.ActionsPerProposal} actions, {options.Clients} concurrent clients");
    var countStatements = await Postgres.ResetStatementsAsync(target, ct);
    await using var allocations = AllocationCounter.Start(root, server.ProcessId, dataDir);
    await Task.Delay(TimeSpan.FromSeconds(1.5), ct); // the counter's first sample before the first request
    var trace = options.Trace is { } traceFile
        ? Shell.RunAsync("dotnet", ["dotnet-trace", "collect", "--process-id", server.ProcessId.ToString(CultureInfo.InvariantCulture), "--profile", "dotnet-sampled-thread-time", "--duration", "00:00:00:15", "--output", traceFile], root, ct: ct)
        : null;
    var loadBefore = LoadAverage();
    var cpuBefore = server.CpuTime;
    var (samples, completed, elapsed) = await workload.RunAsync(options.Proposals, options.Clients, "run", ct);
    var serverCpu = server.CpuTime - cpuBefore;
    var allocated = await allocations.StopAsync();
    var statements = countStatements ? await Postgres.StatementsAsync(target, ct) : [];
    var traceReport = trace is null ? null : await TraceReportAsync(root, options.Trace!, await trace, ct);
    var errors = workload.ErrorCount - warmupErrors;

    // The floor under every action, on the same warm server: as many signed-in no-op requests as the run had actions.
    Step($"floor: {samples.Count} × GET /api/me, {options.Clients} clients");
    var floorStatements = await Postgres.ResetStatementsAsync(target, ct);
    var floorCpuBefore = server.CpuTime;
    var floorClock = Stopwatch.StartNew();
    var (floor, floorErrors) = await new FloorPhase(http, server.BaseAddress, tokens.City).RunAsync(samples.Count, options.Clients, ct);
    floorClock.Stop();
    var floorCpu = server.CpuTime - floorCpuBefore;
    var floorCalls = floorStatements ? (await Postgres.StatementsAsync(target, ct)).Sum(x => x.Calls) / (double)floor.Length : double.NaN;
    string? listReport = null;
    if (options.ListProposals > 0)
    {
        Step($"list phase: bulk-loading {options.ListProposals} proposals, then {options.ListRequests} requests per list request kind");
        listReport = await lists.RunAsync(options.ListProposals, options.ListRequests, ct);
    }

    Step($"pgbench -i -s 1 on database {Postgres.PgbenchDatabase}, then pgbench -N -c {options.Clients} -j {Math.Min(2, options.Clients)} -T {options.PgbenchSeconds}");
    var (tps, pgbenchOutput) = await Postgres.PgbenchAsync(target, options.Clients, options.PgbenchSeconds, ct);

    var latencies = samples.Select(s => s.Milliseconds).Order().ToArray();
    var actionsPerSecond = samples.Count / elapsed.TotalSeconds;
    var ratio = actionsPerSecond / tps;

    Console.WriteLine();
    Console.WriteLine("Per step (measured run)");
    Console.WriteLine($"  {"step",-16} {"count",6} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
    foreach (var step in Workload.Steps)
    {
        var ms = samples.Where(s => s.Step == step).Select(s => s.Milliseconds).Order().ToArray();
        if (ms.Length > 0)
        {
            Console.WriteLine($"  {step,-16} {ms.Length,6} {Percentile(ms, 0.50),8:0.0} {Percentile(ms, 0.99),8:0.0} {ms[^1],8:0.0}");
        }
    }

    Console.WriteLine();
    Console.WriteLine("CityCoop workflow benchmark");
    Console.WriteLine($"  machine             {Environment.ProcessorCount} logical CPUs (nproc), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    Console.WriteLine($"                      load average (1/5/15 min) when measuring began: {loadBefore}; server, PostgreSQL, this client and pgbench share these CPUs");
    Console.WriteLine($"  clients             {options.Clients}");
    Console.WriteLine($"  proposals completed {completed} of {options.Proposals} (+{options.Warmup} warm-up)");
    Console.WriteLine($"  HTTP actions        {samples.Count} in {elapsed.TotalSeconds:0.00} s");
    Console.WriteLine($"  HTTP actions/s      {actionsPerSecond:0.0}");
    Console.WriteLine($"  HTTP p50 ms         {Percentile(latencies, 0.50):0.0}");
    Console.WriteLine($"  HTTP p99 ms         {Percentile(latencies, 0.99):0.0}");
    Console.WriteLine($"  HTTP errors         {errors}");
    Console.WriteLine($"  server CPU          {serverCpu.TotalMilliseconds / samples.Count:0.0} ms per action ({serverCpu.TotalSeconds:0.0} s user+system in the measured run)");
    if (countStatements)
    {
        Console.WriteLine($"  statements          {statements.Sum(x => x.Calls) / (double)samples.Count:0.0} per action (pg_stat_statements, all of the server's connections in the measured run: requests, timer sweep, outbox, Hangfire)");
    }

    Console.WriteLine(allocated is { } bytes
        ? $"  allocations         {bytes / 1024.0 / samples.Count:0} KB per action (dotnet-counters, dotnet.gc.heap.total_allocated)"
        : "  allocations         not measured (dotnet-counters gave no samples)");
    Console.WriteLine($"  floor               GET /api/me × {floor.Length}: {floorCpu.TotalMilliseconds / floor.Length:0.0} ms server CPU per request, {floorCalls:0.0} statements, p50 {Percentile(floor, 0.50):0.0} ms, p99 {Percentile(floor, 0.99):0.0} ms, {floor.Length / floorClock.Elapsed.TotalSeconds:0} requests/s, {floorErrors} errors");
    Console.WriteLine($"                      (a signed-in request that does almost nothing: the part of an action's CPU that is not the step's)");
    Console.WriteLine($"  pgbench -N tps      {tps:0.0}  (-c {options.Clients} -j {Math.Min(2, options.Clients)} -T {options.PgbenchSeconds}, scale 1, without initial connection time)");
    Console.WriteLine($"  ratio               {ratio:0.000}  (HTTP actions/s ÷ pgbench tps; goal ≥ 0.10)");
    if (countStatements)
    {
        Console.WriteLine();
        Console.WriteLine("Statements of the measured run (pg_stat_statements, most called first)");
        Console.WriteLine($"  {"per action",10} {"calls",8} {"ms total",9}  statement");
        foreach (var (calls, ms, query) in statements.Take(options.TopStatements))
        {
            Console.WriteLine($"  {calls / (double)samples.Count,10:0.00} {calls,8} {ms,9:0}  {query}");
        }
    }

    if (listReport is not null)
    {
        Console.WriteLine();
        Console.WriteLine(listReport);
    }

    if (traceReport is not null)
    {
        Console.WriteLine();
        Console.WriteLine($"CPU profile of the server, first 15 s of the measured run ({options.Trace}; dotnet-trace report topN)");
        Console.WriteLine(traceReport);
    }

    if (warmupErrors > 0 || errors > 0)
    {
        Console.WriteLine();
        Console.WriteLine($"NOT A HEALTHY RUN: {errors} failed requests measured, {warmupErrors} in warm-up; the figures above do not describe the whole path.");
        foreach (var (key, (count, first)) in workload.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {count} × {key}; first: {first}");
        }
    }

    Console.Error.WriteLine();
    Console.Error.WriteLine("pgbench output:");
    Console.Error.WriteLine(Shell.Tail(pgbenchOutput, 12));
    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or System.ComponentModel.Win32Exception)
{
    Console.Error.WriteLine($"Benchmark failed: {e.Message}");
    if (server is not null)
    {
        Console.Error.WriteLine($"Server log tail ({server.LogPath}):\n{server.ReadLogTail()}");
    }

    return 1;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }

    if (pgDir is not null)
    {
        Step(options.Keep ? $"stopping PostgreSQL (kept {pgDir})" : "stopping PostgreSQL");
        await Postgres.StopAsync(root, pgDir, remove: !options.Keep);
    }

    if (!options.Keep)
    {
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
    else
    {
        Console.Error.WriteLine($"kept server data and log in {dataDir}");
    }
}

static async Task<string> TraceReportAsync(string root, string file, ShellResult collected, CancellationToken ct)
{
    if (collected.ExitCode != 0 || !File.Exists(file))
    {
        return $"  dotnet-trace failed ({collected.ExitCode}): {collected.Stderr.Trim()}";
    }

    var inclusive = await Shell.RunAsync("dotnet", ["dotnet-trace", "report", file, "topN", "-n", "30", "--inclusive"], root, ct: ct);
    var exclusive = await Shell.RunAsync("dotnet", ["dotnet-trace", "report", file, "topN", "-n", "30"], root, ct: ct);
    return $"Inclusive:\n{inclusive.Stdout}\nExclusive (self):\n{exclusive.Stdout}";
}

static void Step(string message) =>
    Console.Error.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "?";
    }
    catch (UnauthorizedAccessException)
    {
        return "?";
    }
}

static string? FindRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityCoop.sln")))
            {
                return dir.FullName;
            }
        }
    }

    return null;
}
