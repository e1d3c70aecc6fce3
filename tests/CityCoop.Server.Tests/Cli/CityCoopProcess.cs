using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Cli;

/// <summary>
/// Runs the built <c>citycoop.dll</c> (src/CityCoop.Server/bin/&lt;Configuration&gt;/net10.0) as a real process with
/// <c>dotnet</c>, with a clean environment: no inherited CityCoop connection string or settings, and the clock at
/// <see cref="TestClock.Start"/> (<c>CityCoop__Clock</c>) unless the caller's environment sets another.
/// </summary>
internal sealed class CityCoopProcess : IDisposable
{
    private static readonly string[] InheritedSettingsToDrop = ["CITYCOOP_DATABASE", "ConnectionStrings__CityCoop", "DataDir", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private CityCoopProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Full path of citycoop.dll built in the same configuration as this test assembly.</summary>
    public static string DllPath { get; } = FindDll();

    public string StandardOutput
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts <c>dotnet citycoop.dll args…</c> with extra environment variables.</summary>
    public static CityCoopProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(DllPath)!,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedSettingsToDrop)
        {
            start.Environment.Remove(name);
        }

        start.Environment["CityCoop__Clock"] = TestClock.Setting;

        // Tests sign in many times from one address; a test of the limits passes its own in environment.
        foreach (var (key, value) in CityCoopFactory.GenerousRateLimits)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet " + DllPath);
        process.StandardInput.Close();
        return new CityCoopProcess(process);
    }

    /// <summary>Runs a CLI command to completion (at most two minutes) and returns the finished process.</summary>
    public static Task<CityCoopProcess> RunAsync(params string[] arguments) => RunAsync(arguments, null);

    /// <summary>Runs <c>citycoop args…</c> with extra environment variables to completion (at most two minutes).</summary>
    public static async Task<CityCoopProcess> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var run = Start(arguments, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await run.process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            run.Dispose();
            throw new TimeoutException($"citycoop {string.Join(' ', arguments)} did not finish within 2 minutes.\n{run.StandardError}");
        }

        // Flushes the asynchronous output readers.
        await run.process.WaitForExitAsync(CancellationToken.None);
        return run;
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Everything the process wrote, for failure messages.</summary>
    public string Describe() =>
        $"exit: {(process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "running")}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }

    private static string FindDll()
    {
        // The test assembly lives in tests/CityCoop.Server.Tests/bin/<Configuration>/net10.0/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent?.Name ?? "Debug";
        for (var folder = testOutput; folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, "CityCoop.sln")))
            {
                continue;
            }

            foreach (var candidate in new[] { configuration, "Debug", "Release" }.Distinct())
            {
                var path = Path.Combine(folder.FullName, "src", "CityCoop.Server", "bin", candidate, "net10.0", "citycoop.dll");
                if (File.Exists(path))
                {
                    return path;
                }
            }

            throw new InvalidOperationException($"citycoop.dll is not built under {folder.FullName}/src/CityCoop.Server/bin/{configuration}/net10.0; run `dotnet build CityCoop.sln` first.");
        }

        throw new InvalidOperationException("Could not find CityCoop.sln above " + AppContext.BaseDirectory + ".");
    }
}
