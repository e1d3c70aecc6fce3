using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Mail;
using Npgsql;
using Xunit.Abstractions;

namespace CityCoop.Server.Tests.Scaling;

/// <summary>
/// Two server processes on one PostgreSQL database run the benchmark's path at once, each proposal's steps
/// alternating between them, some steps sent to both at the same moment; Hangfire in both sends the outbox to smtp4dev.
/// No errors, exactly one winner per race, every proposal closed, and every email sent exactly once.
/// </summary>
[Collection(TwoServersTests.RunsAlone)]
public sealed class TwoServersTests(ITestOutputHelper output)
{
    /// <summary>The collection of this test: it runs with no other test class beside it (two servers take the machine).</summary>
    public const string RunsAlone = "two servers, alone";

    private const int Proposals = 24;
    private const int Clients = 6;

    // Tuesday 2015-06-02 07:00 in Tokyo, 06:00 in Shanghai, FY2015 in both countries: the path's FY2015 proposal and its
    // July 2015 visit are valid, their deadlines lie months ahead (the sweep expires nothing of ours), and the 09:00 digests
    // lie hours ahead, so no digest is written while the test counts emails.
    private static readonly DateTimeOffset Clock = new(2015, 6, 1, 22, 0, 0, TimeSpan.Zero);

    // Every 4th proposal races one step, in turn a submit, an approve and a close (state-changing steps of three different
    // tasks): exactly one side may win.
    private static readonly string[] RacedSteps = ["submit", "approve", "close"];

    [Fact]
    public async Task TwoServersOnOneDatabase_RunTheBenchmarkPathThroughBoth_NoErrors_OneWinnerPerRace_EveryEmailSentOnce()
    {
        var phase = Stopwatch.StartNew();
        var connectionString = await PostgresServer.CreateDatabaseAsync("two_servers");
        await using var smtp = await Smtp4devServer.StartAsync();
        using var servers = await TwoServers.StartAsync(connectionString, smtp.SmtpPort, Clock);
        Log(phase, "smtp4dev and both servers up");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var dispatch = new DispatchTrigger(connectionString);

        var tokens = await AlternatingWorkload.Tokens.SignInAsync(http, servers.BaseAddresses);
        var workload = new AlternatingWorkload(http, servers.BaseAddresses, tokens);

        // While the path runs, two dispatcher runs every 2 s, so dispatchers of both servers claim rows side by side.
        using var stopDispatching = new CancellationTokenSource();
        var dispatching = Task.Run(async () =>
        {
            while (!stopDispatching.IsCancellationRequested)
            {
                dispatch.Trigger(runs: 2);
                await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
            }
        });
        await workload.RunAsync(Proposals, Clients, n => n % 4 == 0 ? RacedSteps[n / 4 % RacedSteps.Length] : null);
        await stopDispatching.CancelAsync();
        await dispatching;
        Log(phase, $"{workload.Requests.Count} requests of {Proposals} proposals, {Clients} clients");

        var requests = workload.Requests.ToList();
        var refused = requests.Where(r => !r.Raced && !r.Ok).ToList();
        Assert.True(refused.Count == 0, "Refused requests:\n" + string.Join("\n", refused) + "\n" + servers.Describe());
        Assert.Equal(Proposals * 9 + Proposals / 4, requests.Count);

        var races = requests.Where(r => r.Raced).GroupBy(r => r.Proposal).ToList();
        Assert.Equal(Proposals / 4, races.Count);
        Assert.All(races, race =>
        {
            var summary = string.Join("\n", race);
            Assert.True(race.Count() == 2, summary);
            Assert.True(race.Count(r => r.Ok) == 1, "Not exactly one winner:\n" + summary);
            Assert.True(race.Count(r => r.Status == (int)HttpStatusCode.Conflict) == 1, "The loser is not a 409:\n" + summary);
        });

        Assert.Equal(Proposals, workload.Proposals.Count);
        foreach (var (n, id) in workload.Proposals)
        {
            using var proposal = JsonDocument.Parse(await GetAsync(http, new Uri(servers.BaseAddresses[n % 2], $"/api/proposals/{id}"), tokens.PlatformJapan));
            Assert.Equal("closed", proposal.RootElement.GetProperty("state").GetString());
        }

        // The outbox drains: dispatcher runs until no row is pending (not yet sent, or claimed and being sent).
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var drain = Stopwatch.StartNew();
        while (await CountAsync(db, """SELECT count(*) FROM outbox_messages WHERE "Status" = 'Pending'""") > 0)
        {
            Assert.True(drain.Elapsed < TimeSpan.FromSeconds(60), "The outbox did not drain in 60 s:\n" + await OutboxAsync(db) + servers.Describe());
            dispatch.Trigger();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Log(phase, "outbox drained");
        var rows = await OutboxRowsAsync(db);
        Assert.True(rows.All(r => r.Status is "Sent" or "Superseded"), "Rows neither sent nor superseded:\n" + await OutboxAsync(db));
        var sent = rows.Where(r => r.Status == "Sent").ToList();

        // Each proposal's two decisions (approved, closed) are mailed to its city exactly once; they are never superseded.
        var ours = workload.Proposals.Values.ToHashSet();
        var decisions = rows.Where(r => r.Kind == "decision-made" && ours.Contains(r.SubjectId)).ToList();
        Assert.All(decisions, d => Assert.Equal("Sent", d.Status));
        Assert.All(ours, id => Assert.Equal(2, decisions.Count(d => d.SubjectId == id)));

        // What smtp4dev received: one message per row marked sent, each row's own (Message-Id = row id), none twice.
        var received = await smtp.WaitForMessagesAsync(sent.Count, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1));
        received = await smtp.ListMessagesAsync();
        var messageIds = received.Select(m => m.Raw.MessageId).ToList();
        var repeated = messageIds.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Assert.True(repeated.Count == 0, "Emails received more than once (Message-Id):\n" + string.Join("\n", repeated) + "\n" + await OutboxAsync(db) + MentionsOf(servers, repeated));
        var sameContent = received
            .GroupBy(m => (To: string.Join(",", m.To), m.Subject, Body: m.Raw.TextBody ?? m.Raw.HtmlBody))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.To} «{g.Key.Subject}» ×{g.Count()}")
            .ToList();
        Assert.True(sameContent.Count == 0, "Emails with the same recipient, subject and body:\n" + string.Join("\n", sameContent));
        Assert.Equal(
            sent.Select(r => $"{r.Id:N}@citycoop.example").Order(StringComparer.Ordinal),
            messageIds.Order(StringComparer.Ordinal));

        Log(phase, $"{received.Count} emails received, {sent.Count} rows sent, {rows.Count(r => r.Status == "Superseded")} superseded");

        // Neither server logged an error or an unhandled exception, and both are still running.
        for (var i = 0; i < servers.Processes.Count; i++)
        {
            var process = servers.Processes[i];
            Assert.False(process.HasExited, $"Server {i} exited:\n{process.Describe()}");
            // From "listening" on: before it, EF Core logs its probe of the not yet created __EFMigrationsHistory as "fail:".
            var all = process.StandardOutput;
            var listening = all.IndexOf("CityCoop is listening on", StringComparison.Ordinal);
            var output = (listening < 0 ? all : all[listening..]) + process.StandardError;
            Assert.True(
                !output.Contains("fail:", StringComparison.Ordinal) && !output.Contains("crit:", StringComparison.Ordinal) && !output.Contains("Unhandled", StringComparison.OrdinalIgnoreCase),
                $"Server {i} logged an error:\n{process.Describe()}");
        }
    }

    // The servers' log lines naming a repeated message's row id (as the dispatcher logs it: a GUID with hyphens).
    private static string MentionsOf(TwoServers servers, List<string> repeated)
    {
        var ids = repeated.Select(r => Guid.ParseExact(r[..32], "N").ToString("D")).ToList();
        return string.Join("\n", servers.Processes.SelectMany((p, i) => (p.StandardOutput + p.StandardError)
            .Split('\n')
            .Select((line, at) => (line, at))
            .Where(l => ids.Any(id => l.line.Contains(id, StringComparison.Ordinal)))
            .Select(l => $"server {i}: {l.line.Trim()}")));
    }

    // Phase timings in the test output: what a slow run spent its time on.
    private void Log(Stopwatch phase, string what)
    {
        output.WriteLine($"{phase.Elapsed.TotalSeconds,6:0.0} s  {what}");
        phase.Restart();
    }

    private static async Task<string> GetAsync(HttpClient http, Uri uri, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {uri}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static async Task<long> CountAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    private static async Task<List<(Guid Id, Guid SubjectId, string Kind, string Status)>> OutboxRowsAsync(NpgsqlConnection db)
    {
        var rows = new List<(Guid, Guid, string, string)>();
        await using var command = new NpgsqlCommand("""SELECT "Id", "SubjectId", "Kind", "Status" FROM outbox_messages""", db);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    // The outbox by kind and status, with the last errors, for failure messages.
    private static async Task<string> OutboxAsync(NpgsqlConnection db)
    {
        var text = new System.Text.StringBuilder("outbox_messages:\n");
        await using var command = new NpgsqlCommand("""SELECT "Kind", "Status", count(*), max("Attempts"), max("LastError") FROM outbox_messages GROUP BY 1, 2 ORDER BY 1, 2""", db);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"  {reader.GetString(0)} {reader.GetString(1)}: {reader.GetInt64(2)} (attempts ≤ {reader.GetInt32(3)}){(reader.IsDBNull(4) ? "" : " last error: " + reader.GetString(4))}\n");
        }

        return text.ToString();
    }
}

/// <summary>Runs <see cref="TwoServersTests"/> with no other test collection in parallel.</summary>
[CollectionDefinition(TwoServersTests.RunsAlone, DisableParallelization = true)]
public sealed class TwoServersRunAlone;
