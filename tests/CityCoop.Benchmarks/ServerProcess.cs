using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CityCoop.Benchmarks;

/// <summary>
/// The product's server, started from its Release build output as a separate process
/// (<c>dotnet src/CityCoop.Server/bin/Release/net10.0/citycoop.dll --urls http://127.0.0.1:PORT</c>).
/// Its output goes to <c>server.log</c> in the data folder. Disposing kills it.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    /// <summary>The server's process id (for dotnet-counters and dotnet-trace).</summary>
    public int ProcessId => process.Id;

    /// <summary>CPU time (user + system) the server process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public static ServerProcess Start(string serverDll, string connection, string dataDir)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(serverDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        info.Environment["ConnectionStrings__CityCoop"] = connection;
        info.Environment["CityCoop__SeedSampleData"] = "true";
        info.Environment["CityCoop__SeedDemoAccounts"] = "true";
        info.Environment["DataDir"] = dataDir;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // All clients sign in from this machine at once; the sign-in rate limits are not what is measured.
        info.Environment["RateLimits__PerAddress__PermitLimit"] = "100000";
        info.Environment["RateLimits__PerAccount__PermitLimit"] = "100000";

        // The workload's proposals are for FY2015 (visits in July 2015): on a clock in that year their deadlines lie
        // ahead, so the timer sweep does not expire them mid-run, whatever day the benchmark runs.
        info.Environment["CityCoop__Clock"] = "2015-06-01T01:00:00Z";

        var logPath = Path.Combine(dataDir, "server.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log, baseAddress, logPath);
    }

    /// <summary>Polls <c>GET /health</c> until it answers 200; fails if the process exits or time runs out.</summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode} before it was healthy.\n{ReadLogTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health"), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"The server did not answer GET /health with 200 within {timeout.TotalSeconds:0} s.\n{ReadLogTail()}");
    }

    public string ReadLogTail()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return Shell.Tail(reader.ReadToEnd(), 40);
        }
        catch (IOException)
        {
            return "(no server log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"warning: could not stop the server process {process.Id}: {e.Message}");
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
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
                // The process wrote after we stopped listening.
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
