using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Serialization;
using MimeKit;

namespace CityCoop.Server.Tests.Mail;

/// <summary>A message as received by smtp4dev: decoded subject and addresses from its REST API, plus the raw message parsed by MimeKit.</summary>
public sealed record ReceivedMessage(string Id, string Subject, string From, IReadOnlyList<string> To, MimeMessage Raw);

/// <summary>
/// A real SMTP server for tests: the repository's local dotnet tool Rnwood.Smtp4dev (.config/dotnet-tools.json), started on free
/// loopback ports with an in-memory database; its REST API lists what arrived. Use as an xunit class fixture or via <see cref="StartAsync"/>.
/// </summary>
public sealed class Smtp4devServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;
    private string? _configDir;

    /// <summary>The SMTP port on 127.0.0.1.</summary>
    public int SmtpPort { get; private set; }

    /// <summary>The web UI / REST API port on 127.0.0.1.</summary>
    public int WebPort { get; private set; }

    /// <summary>The REST API client (base address http://127.0.0.1:WebPort/).</summary>
    public HttpClient Api { get; private set; } = new();

    /// <summary>What smtp4dev printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a server and waits until it accepts SMTP and API requests.</summary>
    public static async Task<Smtp4devServer> StartAsync()
    {
        var server = new Smtp4devServer();
        await server.InitializeAsync();
        return server;
    }

    // `dotnet test` alone must work on a fresh clone: restore the repository's local tools first (fast when done). Once per
    // process and one at a time: two restores at once (fixtures of parallel test classes) mix up each other's packages
    // ("the command dotnet-ef is not contained in the package"); a restore by another test process is retried.
    private static readonly SemaphoreSlim Restore = new(1, 1);
    private static bool _restored;

    private static async Task RestoreToolsAsync(string root)
    {
        await Restore.WaitAsync();
        try
        {
            for (var attempt = 1; !_restored; attempt++)
            {
                using var restore = Process.Start(new ProcessStartInfo("dotnet", ["tool", "restore"]) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true })!;
                var output = await restore.StandardOutput.ReadToEndAsync() + await restore.StandardError.ReadToEndAsync();
                await restore.WaitForExitAsync();
                _restored = restore.ExitCode == 0;
                if (!_restored && attempt == 3)
                {
                    throw new InvalidOperationException("`dotnet tool restore` failed: " + output);
                }

                if (!_restored)
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt));
                }
            }
        }
        finally
        {
            Restore.Release();
        }
    }

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        SmtpPort = FreePort();
        WebPort = FreePort();
        _configDir = Directory.CreateTempSubdirectory("smtp4dev-").FullName;

        await RestoreToolsAsync(root);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "tool", "run", "smtp4dev", "--",
            $"--urls=http://127.0.0.1:{WebPort}",
            $"--smtpport={SmtpPort}",
            "--bindaddress=127.0.0.1",
            "--imapport=",
            "--pop3port=",
            "--db=",

            // smtp4dev keeps only the newest 100 by default; a test counting more would see the oldest vanish.
            "--messagestokeep=10000",
            "--nousersettings",
            "--hostname=localhost",
            $"--baseappdatapath={_configDir}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        // smtp4dev keeps its settings under XDG_CONFIG_HOME; a temp folder keeps the tests from touching the user's.
        start.Environment["XDG_CONFIG_HOME"] = _configDir;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!_process.Start())
        {
            throw new InvalidOperationException("Could not start `dotnet tool run smtp4dev`.");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}/"), Timeout = TimeSpan.FromSeconds(10) };

        // Generous: on a loaded two-core machine a cold `dotnet tool run` has taken over 90 s.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"smtp4dev exited with code {_process.ExitCode} before it was ready (run `dotnet tool restore` in the repository root):\n{Log}");
            }

            if (await IsReadyAsync())
            {
                return;
            }

            await Task.Delay(250);
        }

        await DisposeAsync();
        throw new TimeoutException($"smtp4dev was not ready within 180 s:\n{Log}");
    }

    /// <summary>Every received message, oldest first, with subject and addresses decoded by smtp4dev and the raw message.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> ListMessagesAsync(CancellationToken cancellationToken = default)
    {
        var page = await Api.GetFromJsonAsync<MessagePage>("api/messages?pageSize=1000", cancellationToken)
            ?? throw new InvalidOperationException("smtp4dev returned no message list.");
        var result = new List<ReceivedMessage>();
        foreach (var summary in page.Results.OrderBy(m => m.ReceivedDate))
        {
            var detail = await Api.GetFromJsonAsync<MessageDetail>($"api/messages/{summary.Id}", cancellationToken)
                ?? throw new InvalidOperationException($"smtp4dev returned no message {summary.Id}.");
            await using var raw = await Api.GetStreamAsync($"api/messages/{summary.Id}/raw", cancellationToken);
            var buffer = new MemoryStream();
            await raw.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            var message = await MimeMessage.LoadAsync(buffer, cancellationToken);
            result.Add(new ReceivedMessage(summary.Id, detail.Subject ?? string.Empty, detail.From ?? string.Empty, detail.To ?? [], message));
        }

        return result;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived, then lists them.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within the timeout.</exception>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForMessagesAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = await ListMessagesAsync(cancellationToken);
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} message(s) in smtp4dev, found {messages.Count}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Deletes every received message.</summary>
    public async Task DeleteAllMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Api.DeleteAsync("api/messages/*", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
        Api.Dispose();
        if (_configDir is not null && Directory.Exists(_configDir))
        {
            try
            {
                Directory.Delete(_configDir, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the dying process only leaves a temp folder behind.
            }
        }

        return ValueTask.CompletedTask;
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Api.GetAsync("api/messages");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var smtp = new TcpClient();
            await smtp.ConnectAsync(IPAddress.Loopback, SmtpPort);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No .config/dotnet-tools.json above " + AppContext.BaseDirectory);
    }

    private sealed record MessagePage([property: JsonPropertyName("results")] List<MessageSummary> Results);

    private sealed record MessageSummary(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("receivedDate")] DateTimeOffset ReceivedDate);

    private sealed record MessageDetail(
        [property: JsonPropertyName("subject")] string? Subject,
        [property: JsonPropertyName("from")] string? From,
        [property: JsonPropertyName("to")] List<string>? To);
}
