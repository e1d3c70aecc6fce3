// The start-up benchmark: from a fresh empty folder, starts the server as the README's first command does
// (embedded SQLite, sample data imported, demo accounts), polls GET /health every 50 ms, and prints the seconds to
// healthy, the server's RSS at healthy and some seconds later, and the same for a restart on the same data. See
// README, "Start-up", and StartupOptions.Usage.
using System.Globalization;
using System.Runtime.InteropServices;
using CityCoop.StartupBenchmarks;

StartupOptions options;
try
{
    options = StartupOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(StartupOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(StartupOptions.Usage);
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

var serverDll = options.Server ?? Path.Combine(root, "src", "CityCoop.Server", "bin", "Release", "net10.0", "citycoop.dll");
var work = Directory.CreateTempSubdirectory("citycoop-startup-").FullName;
var after = TimeSpan.FromSeconds(options.AfterSeconds);
try
{
    if (options.Build)
    {
        Step("dotnet build -c Release src/CityCoop.Server");
        using var build = System.Diagnostics.Process.Start("dotnet", ["build", "-c", "Release", "-nologo", "-v", "q", Path.Combine(root, "src", "CityCoop.Server")]);
        await build.WaitForExitAsync(ct);
        if (build.ExitCode != 0)
        {
            Console.Error.WriteLine($"The Release build failed ({build.ExitCode}).");
            return 1;
        }
    }

    if (!File.Exists(serverDll))
    {
        Console.Error.WriteLine($"{serverDll} is missing: run `dotnet build -c Release src/CityCoop.Server` (or drop --no-build).");
        return 2;
    }

    var release = new List<(StartFigures First, StartFigures Restart)>();
    for (var run = 1; run <= options.Runs; run++)
    {
        release.Add(await PairAsync($"release-{run}", ["dotnet", serverDll]));
    }

    (StartFigures First, StartFigures Restart)? literal = options.Literal
        ? await PairAsync("literal", ["dotnet", "run", "--project", Path.Combine(root, "src", "CityCoop.Server"), "--"])
        : null;

    Console.WriteLine();
    Console.WriteLine("CityCoop start-up, embedded default (SQLite in ./citycoop-data, sample data, demo accounts), GET /health polled every 50 ms");
    Console.WriteLine($"  machine  {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average now {LoadAverage()}");
    Console.WriteLine($"  command  dotnet {Path.GetRelativePath(root, serverDll)} --urls http://127.0.0.1:<free port>, from a fresh empty folder; restart = same again on that folder");
    Console.WriteLine();
    var header = string.Concat(Enumerable.Range(1, release.Count).Select(i => $"{"run " + i,9}"));
    Console.WriteLine($"  {"",-34}{header}{"median",9}");
    Row("first start: s to healthy", release.Select(r => r.First.SecondsToHealthy), "0.00");
    Row("first start: RSS at healthy, MB", release.Select(r => r.First.RssAtHealthyMb), "0");
    Row($"first start: RSS +{options.AfterSeconds} s, MB", release.Select(r => r.First.RssLaterMb), "0");
    Row("first start: CPU s at healthy", release.Select(r => r.First.CpuSecondsAtHealthy), "0.00");
    Row("restart: s to healthy", release.Select(r => r.Restart.SecondsToHealthy), "0.00");
    Row("restart: RSS at healthy, MB", release.Select(r => r.Restart.RssAtHealthyMb), "0");
    Row($"restart: RSS +{options.AfterSeconds} s, MB", release.Select(r => r.Restart.RssLaterMb), "0");
    Row("restart: CPU s at healthy", release.Select(r => r.Restart.CpuSecondsAtHealthy), "0.00");
    if (literal is { } l)
    {
        Console.WriteLine();
        Console.WriteLine("  README's literal command, once: dotnet run --project src/CityCoop.Server -- --urls … (its build check included; RSS and CPU of the app process)");
        Console.WriteLine($"    first start {Describe(l.First)}");
        Console.WriteLine($"    restart     {Describe(l.Restart)}");
    }

    if (options.Keep)
    {
        Console.Error.WriteLine($"kept data folders and server logs in {work}");
    }

    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
{
    Console.Error.WriteLine($"Start-up benchmark failed: {e.Message} (server logs in {work})");
    return 1;
}
finally
{
    if (!options.Keep)
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}

async Task<(StartFigures First, StartFigures Restart)> PairAsync(string name, IReadOnlyList<string> command)
{
    var folder = Directory.CreateDirectory(Path.Combine(work, name)).FullName;
    var logPath = Path.Combine(work, name + ".log");
    Step($"{name}: first start in {folder}");
    var first = await ServerStart.MeasureAsync(command, folder, logPath, after, ct);
    Step($"{name}: first start {Describe(first)}");
    var restart = await ServerStart.MeasureAsync(command, folder, logPath, after, ct);
    Step($"{name}: restart     {Describe(restart)}");
    return (first, restart);
}

string Describe(StartFigures f) =>
    string.Create(CultureInfo.InvariantCulture, $"healthy after {f.SecondsToHealthy:0.00} s, RSS {f.RssAtHealthyMb:0} MB then and {f.RssLaterMb:0} MB {options.AfterSeconds} s later, CPU {f.CpuSecondsAtHealthy:0.00} s");

static void Row(string label, IEnumerable<double> values, string format)
{
    var list = values.ToList();
    var cells = string.Concat(list.Select(v => v.ToString(format, CultureInfo.InvariantCulture).PadLeft(9)));
    Console.WriteLine($"  {label,-34}{cells}{Median(list).ToString(format, CultureInfo.InvariantCulture),9}");
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static void Step(string message) =>
    Console.Error.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");

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
