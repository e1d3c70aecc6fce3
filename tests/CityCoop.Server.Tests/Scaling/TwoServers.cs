using System.Diagnostics;
using System.Globalization;
using CityCoop.Server.Tests.Cli;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Notifications;

namespace CityCoop.Server.Tests.Scaling;

/// <summary>
/// Two real <c>citycoop.dll</c> processes on one PostgreSQL database, started together (one migrates and seeds, the other
/// waits for it), each with its own data folder and port, both running Hangfire (3 workers each, so the outbox dispatcher
/// and the timer sweep run in either), sending mail to one SMTP server, sharing one signing key (a token one issues is good
/// at the other) and starting their clocks at the same instant.
/// </summary>
internal sealed class TwoServers : IDisposable
{
    private readonly List<string> dataDirs;

    private TwoServers(IReadOnlyList<CityCoopProcess> processes, IReadOnlyList<Uri> baseAddresses, List<string> dataDirs)
    {
        Processes = processes;
        BaseAddresses = baseAddresses;
        this.dataDirs = dataDirs;
    }

    /// <summary>The two processes, index 0 and 1.</summary>
    public IReadOnlyList<CityCoopProcess> Processes { get; }

    /// <summary>http://127.0.0.1:port/ of each process, same order.</summary>
    public IReadOnlyList<Uri> BaseAddresses { get; }

    /// <summary>Starts both and waits until both answer <c>/health</c>.</summary>
    /// <param name="connectionString">An empty PostgreSQL database.</param>
    /// <param name="smtpPort">The SMTP server on 127.0.0.1 (smtp4dev).</param>
    /// <param name="clock">The instant both servers' clocks start at (<c>CityCoop__Clock</c>).</param>
    /// <exception cref="TimeoutException">One did not become healthy within 180 s, or exited; the message holds both logs.</exception>
    public static async Task<TwoServers> StartAsync(string connectionString, int smtpPort, DateTimeOffset clock)
    {
        var dataDirs = new List<string>();
        var addresses = new List<Uri>();
        var starts = new List<(string[] Arguments, Dictionary<string, string> Environment)>();
        for (var i = 0; i < 2; i++)
        {
            var dataDir = Path.Combine(Path.GetTempPath(), "citycoop-two-" + Guid.NewGuid().ToString("N"));
            var address = new Uri($"http://127.0.0.1:{CityCoopProcess.FreePort().ToString(CultureInfo.InvariantCulture)}/");
            dataDirs.Add(dataDir);
            addresses.Add(address);
            starts.Add((["--urls", address.ToString().TrimEnd('/')], new Dictionary<string, string>
            {
                ["ConnectionStrings__CityCoop"] = connectionString,
                ["CityCoop__SeedSampleData"] = "true",
                ["CityCoop__SeedDemoAccounts"] = "true",
                ["CityCoop__Clock"] = TestClock.Format(clock),
                ["Auth__SigningKey"] = CityCoopFactory.SigningKey,
                ["DataDir"] = dataDir,
                ["Jobs__Enabled"] = "true",
                ["Mail__Host"] = "127.0.0.1",
                ["Mail__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
                ["Mail__FromAddress"] = "noreply@citycoop.example",
                ["Mail__FromName"] = JobsHost.FromName,
                ["Mail__PublicBaseUrl"] = "https://citycoop.example/",

                // Warnings and errors only: what the test looks for ("fail:"), without two servers' request logs on 2 cores.
                ["Logging__LogLevel__Default"] = "Warning",
            }));
        }

        var processes = starts.AsParallel().Select(s => CityCoopProcess.Start(s.Arguments, s.Environment)).ToList();
        var servers = new TwoServers(processes, addresses, dataDirs);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

            // 180 s as in ConcurrentStartupTests: one start-up (migrate, import, demo accounts) on a loaded 2-core CI machine.
            var healthy = await Task.WhenAll(addresses.Select(a => WaitForHealthyAsync(http, a, processes, TimeSpan.FromSeconds(180))));
            if (!healthy.All(h => h))
            {
                throw new TimeoutException("Not both servers became healthy:\n" + servers.Describe());
            }

            return servers;
        }
        catch
        {
            servers.Dispose();
            throw;
        }
    }

    /// <summary>Both processes' state and output, for failure messages.</summary>
    public string Describe() =>
        string.Join("\n", Processes.Select((p, i) => $"=== server {i} ({BaseAddresses[i]}) ===\n{p.Describe()}"));

    public void Dispose()
    {
        foreach (var process in Processes)
        {
            process.Dispose();
        }

        foreach (var dir in dataDirs.Where(Directory.Exists))
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a dying process only leaves a temp folder behind.
            }
        }
    }

    private static async Task<bool> WaitForHealthyAsync(HttpClient http, Uri baseAddress, List<CityCoopProcess> processes, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (processes.Any(p => p.HasExited))
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync(new Uri(baseAddress, "/health"));
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
                // Slow to answer while the other instance migrates.
            }

            await Task.Delay(250);
        }

        return false;
    }
}
