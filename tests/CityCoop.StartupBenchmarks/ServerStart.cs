using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CityCoop.StartupBenchmarks;

/// <summary>What one start measured: seconds to the first 200 of <c>GET /health</c>, the server's RSS then and later, its CPU time at healthy.</summary>
internal sealed record StartFigures(double SecondsToHealthy, double RssAtHealthyMb, double RssLaterMb, double CpuSecondsAtHealthy);

/// <summary>
/// Starts the server the way the README's first command does (no database setting, so the embedded SQLite default in
/// <c>./citycoop-data</c> of the working folder, sample data and demo accounts on), waits for healthy, reads its RSS,
/// and stops it with SIGTERM so the next start sees a cleanly closed database.
/// </summary>
internal static class ServerStart
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs <paramref name="command"/> (with <c>--urls</c> appended) in <paramref name="folder"/> and measures one start.</summary>
    /// <param name="command">The program and its arguments, e.g. <c>dotnet …/citycoop.dll</c> or <c>dotnet run --project … --</c>.</param>
    /// <param name="folder">Working folder; the server makes <c>citycoop-data</c> in it. Its output goes to <paramref name="logPath"/>.</param>
    /// <param name="logPath">File for the server's output (timestamped log lines).</param>
    /// <param name="after">How long after healthy RSS is read again.</param>
    /// <param name="ct">Cancels waiting; the server is stopped anyway.</param>
    /// <exception cref="InvalidOperationException">The server exited before it was healthy.</exception>
    /// <exception cref="TimeoutException">Not healthy within 5 minutes.</exception>
    public static async Task<StartFigures> MeasureAsync(IReadOnlyList<string> command, string folder, string logPath, TimeSpan after, CancellationToken ct)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));

        // Timestamps only, to see the phases in the log afterwards; every other setting is the README's default.
        info.Environment["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var inherited in new[] { "ConnectionStrings__CityCoop", "CITYCOOP_DATABASE", "DataDir", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            info.Environment.Remove(inherited);
        }

        await using var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };

        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await WaitHealthyAsync(process, http, new Uri(baseAddress, "/health"), ct);
            var healthy = clock.Elapsed;
            var serverPid = ServerPid(process.Id);
            var rssAtHealthy = RssMb(serverPid);
            var cpu = CpuSeconds(serverPid);
            await Task.Delay(after, ct);
            var rssLater = RssMb(serverPid);
            await StopAsync(process, serverPid);
            return new StartFigures(healthy.TotalSeconds, rssAtHealthy, rssLater, cpu);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static async Task WaitHealthyAsync(Process process, HttpClient http, Uri health, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode} before it was healthy.");
            }

            try
            {
                using var response = await http.GetAsync(health, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(Poll, ct);
        }

        throw new TimeoutException("The server did not answer GET /health with 200 within 5 minutes.");
    }

    /// <summary>
    /// The server's own process: the started one, or under <c>dotnet run</c> the descendant whose command line names
    /// citycoop (dotnet run builds, then starts the app as its child).
    /// </summary>
    private static int ServerPid(int started)
    {
        if (IsServer(started))
        {
            return started;
        }

        var parents = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .ToList();
        var family = new HashSet<int> { started };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (family.Contains(parent) && family.Add(pid))
                {
                    grew = true;
                }
            }
        }
        while (grew);

        return family.FirstOrDefault(pid => pid != started && IsServer(pid)) is var found and > 0
            ? found
            : throw new InvalidOperationException($"No citycoop process among the descendants of {started}.");
    }

    private static bool IsServer(int pid)
    {
        var args = Read($"/proc/{pid}/cmdline")?.Split('\0', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return args.Take(2).Any(a => Path.GetFileName(a) is "citycoop" or "citycoop.dll");
    }

    private static int ParentOf(int pid)
    {
        // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
        var stat = Read($"/proc/{pid}/stat");
        var fields = stat?[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields is { Length: > 1 } && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : 0;
    }

    /// <summary>VmRSS of /proc/&lt;pid&gt;/status in MB (1 MB = 1024 kB, as the kernel's kB are KiB).</summary>
    private static double RssMb(int pid)
    {
        var line = Read($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Process {pid} has no VmRSS (exited?).");
        var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kb / 1024.0;
    }

    private static double CpuSeconds(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>SIGTERM (the host stops gracefully and closes the database), then waits; killed after 30 s.</summary>
    private static async Task StopAsync(Process started, int serverPid)
    {
        using var kill = Process.Start("kill", ["-TERM", serverPid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await started.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"warning: the server did not stop within 30 s of SIGTERM; killing {started.Id}");
            started.Kill(entireProcessTree: true);
        }
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after we stopped listening.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
