using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Npgsql;

namespace CityCoop.BrowserTests;

/// <summary>
/// The product as a user meets it: PostgreSQL (a throwaway cluster from <c>deploy/start-postgres.sh</c>, or a fresh
/// database on the server named by <c>CITYCOOP_TEST_DATABASE</c>), the built <c>citycoop.dll</c> as its own process on
/// a free port with sample data, demo accounts and its clock at <see cref="ServerClock"/>, and headless Debian Chromium
/// driven by Playwright.
/// </summary>
public sealed class CityCoopSite : IAsyncLifetime
{
    /// <summary>Password of every demo account.</summary>
    public const string Password = "CityCoop-2014";

    /// <summary>
    /// Where the server's clock starts (<c>CityCoop__Clock</c>; it runs at real speed from there): Tuesday 2026-06-02
    /// 07:00 in Tokyo (06:00 in Shanghai), FY2026, as in the server tests. Due dates 30 business days on stay inside the
    /// bundled calendars (China to 2026, Japan to 2027), the day's 09:00 digests and reminders lie hours ahead, and
    /// nothing the tests see depends on the day they run. The browser keeps the machine's clock.
    /// </summary>
    public static readonly DateTimeOffset ServerClock = new(2026, 6, 1, 22, 0, 0, TimeSpan.Zero);

    private readonly string work = Path.Combine(Path.GetTempPath(), "citycoop-browser-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? server;
    private string? clusterDir;
    private IPlaywright? playwright;

    /// <summary>Base URL of the running server.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The shared browser (each user gets their own context).</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Root of the repository.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Folder for screenshots (kept as test artifacts).</summary>
    public static string Screenshots { get; } = Path.Combine(RepoRoot, "tests", "CityCoop.BrowserTests", "TestResults", "screenshots");

    /// <summary>Server output, for failure messages.</summary>
    public string ServerLog => Path.Combine(work, "server.log");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(Screenshots);
        var connection = await DatabaseAsync();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var dll = Path.Combine(AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "CityCoop.BrowserTests"), Path.Combine("src", "CityCoop.Server"), StringComparison.Ordinal), "citycoop.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the solution first; the server is started from its build output.", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", BaseUrl },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = work,
        };
        start.Environment["ConnectionStrings__CityCoop"] = connection;
        start.Environment["CityCoop__SeedSampleData"] = "true";
        start.Environment["CityCoop__SeedDemoAccounts"] = "true";
        start.Environment["DataDir"] = Path.Combine(work, "data");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["CityCoop__Clock"] = ServerClock.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        // Every browser test signs in from 127.0.0.1, several as the same account; keep the sign-in rate limits out of their way.
        start.Environment["RateLimits__PerAddress__PermitLimit"] = "100000";
        start.Environment["RateLimits__PerAccount__PermitLimit"] = "100000";
        server = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = new StreamWriter(ServerLog) { AutoFlush = true };
        server.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        server.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        await WaitHealthyAsync();

        // The first render of a page (Razor compilation, mermaid's 3.5 MB script) can take seconds on a loaded machine.
        Assertions.SetDefaultExpectTimeout(20_000);
        await EnsureChromiumAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        if (clusterDir is not null)
        {
            using var stop = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(RepoRoot, "deploy", "stop-postgres.sh"), clusterDir, "--rm" }, RedirectStandardError = true, RedirectStandardOutput = true });
            await stop!.WaitForExitAsync();
        }
    }

    /// <summary>A new browser context for one user in one language, signed in.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignInAsync(string account, string locale, string timeZone)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            TimezoneId = timeZone,
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.FillAsync("#email", $"{account}@demo.citycoop.example");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToBeVisibleAsync();
        return (context, page);
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private async Task<string> DatabaseAsync()
    {
        if (Environment.GetEnvironmentVariable("CITYCOOP_TEST_DATABASE") is { Length: > 0 } admin)
        {
            var name = "browser_" + Guid.NewGuid().ToString("N");
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
            return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }

        clusterDir = Path.Combine(work, "pg");
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepoRoot, "deploy", "start-postgres.sh"), "--dir", clusterDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("start-postgres.sh failed: " + await stderr);
        }

        return (await stdout).Trim().Split('\n')[^1].Trim();
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            if (server!.HasExited)
            {
                throw new InvalidOperationException("The server exited:\n" + await File.ReadAllTextAsync(ServerLog));
            }

            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The server did not become healthy in 120 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CityCoop.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CityCoop.sln not found above " + AppContext.BaseDirectory);
    }

    // `dotnet test` must work on a fresh machine of this kind: Debian's Chromium and CJK fonts are installed on
    // first use when running as root (as .ci/run does); otherwise the failure says what to install.
    private static async Task EnsureChromiumAsync()
    {
        const string chromium = "/usr/bin/chromium";
        if (File.Exists(chromium) && Directory.Exists("/usr/share/fonts/opentype/noto"))
        {
            return;
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("Browser tests need Debian's Chromium and CJK fonts: sudo apt-get install -y chromium fonts-noto-cjk");
        }

        using var install = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk"])
        {
            RedirectStandardError = true,
        })!;
        var output = await install.StandardError.ReadToEndAsync();
        await install.WaitForExitAsync();
        if (install.ExitCode != 0 || !File.Exists(chromium))
        {
            throw new InvalidOperationException($"Could not install chromium and fonts-noto-cjk (exit {install.ExitCode}): {output}");
        }
    }
}

/// <summary>All browser tests share one server and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class SiteGroup : ICollectionFixture<CityCoopSite>
{
    /// <summary>Collection name.</summary>
    public const string Name = "site";
}
