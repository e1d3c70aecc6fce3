using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CityCoop.Infrastructure.Setup;

namespace CityCoop.Server.Tests.Scaling;

/// <summary>One request as sent: the proposal's number, the step, the server (0 or 1), the status (0: no answer) and the body.</summary>
internal sealed record SentRequest(int Proposal, string Step, int Server, int Status, string Body, bool Raced)
{
    public bool Ok => Status is >= 200 and < 300;

    public override string ToString() =>
        $"#{Proposal} {Step} → server {Server}: {Status} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}

/// <summary>
/// The benchmark's path (tests/CityCoop.Benchmarks/Workload.cs: create, submit, set-partner, record-matches, match JP,
/// match CN, approve, record-activity, close) over two servers: a proposal's consecutive requests go to alternate servers,
/// and for a raced proposal one step goes to both servers at the same moment (the other steps as usual).
/// </summary>
internal sealed class AlternatingWorkload(HttpClient http, IReadOnlyList<Uri> servers, AlternatingWorkload.Tokens tokens)
{
    private static readonly string[] WishedItems = ["PM2.5 source apportionment", "VOC control"];

    private const string SetPartner = """{"cityCodes":["kitakyushu"]}""";
    private const string RecordMatches = """{"items":[{"wished":"PM2.5 source apportionment","offered":"Kitakyushu air monitoring know-how"}]}""";
    private const string Approve = """{"amount":2500000}""";
    private const string Activity = """{"kind":"training-visit","startDate":"2015-07-01","endDate":"2015-07-05","sendingCity":"shanghai","receivingCities":["kitakyushu"],"traineeCategory":"TechnicalStaff","trainees":5,"cost":2000000}""";

    /// <summary>Every request sent, in no particular order.</summary>
    public ConcurrentQueue<SentRequest> Requests { get; } = new();

    /// <summary>The id of each proposal created, by its number.</summary>
    public ConcurrentDictionary<int, Guid> Proposals { get; } = new();

    /// <summary>
    /// Runs proposals 0 … <paramref name="proposals"/>−1 with <paramref name="clients"/> concurrent clients (each takes the next
    /// number). <paramref name="raceOf"/> names the step of a proposal sent to both servers at once, or null for none.
    /// A proposal stops at its first request that is refused (a race stops only when no side won).
    /// </summary>
    public async Task RunAsync(int proposals, int clients, Func<int, string?> raceOf)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < proposals)
            {
                await OneProposalAsync(n, raceOf(n));
            }
        })));
    }

    private async Task OneProposalAsync(int n, string? race)
    {
        var create = JsonSerializer.Serialize(new
        {
            title = $"Two servers #{n}: PM2.5 monitoring",
            description = "Created by TwoServersTests.",
            strand = "government-staff",
            level = "local",
            cooperationKind = "new",
            wishedItems = WishedItems,
            fiscalYear = 2015,
            requestedAmount = new { amount = 3000000, currency = "JPY" },
        });
        var created = await SendAsync(n, "create", n % 2, tokens.City, "/api/proposals", create, raced: false);
        if (!created.Ok)
        {
            return;
        }

        using (var json = JsonDocument.Parse(created.Body))
        {
            Proposals[n] = json.RootElement.GetProperty("id").GetGuid();
        }

        var action = $"/api/proposals/{Proposals[n]}/actions/";
        (string Step, string Token, string Path, string Body)[] path =
        [
            ("submit", tokens.City, action + "submit", "{}"),
            ("set-partner", tokens.PlatformJapan, action + "set-partner", SetPartner),
            ("record-matches", tokens.PlatformJapan, action + "record-matches", RecordMatches),
            ("match (JP)", tokens.PlatformJapan, action + "match", "{}"),
            ("match (CN)", tokens.PlatformChina, action + "match", "{}"),
            ("approve", tokens.MinistryJapan, action + "approve", Approve),
            ("record-activity", tokens.PlatformJapan, $"/api/proposals/{Proposals[n]}/activities", Activity),
            ("close", tokens.PlatformJapan, action + "close", "{}"),
        ];
        for (var k = 0; k < path.Length; k++)
        {
            var (step, token, url, body) = path[k];
            var ok = step == race
                ? await RaceAsync(n, step, token, url, body)
                : (await SendAsync(n, step, (n + k + 1) % 2, token, url, body, raced: false)).Ok;
            if (!ok)
            {
                return;
            }
        }
    }

    // Both requests wait for one signal, so they leave together; true when at least one side won.
    private async Task<bool> RaceAsync(int n, string step, string token, string url, string body)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sides = Enumerable.Range(0, 2).Select(server => Task.Run(async () =>
        {
            await go.Task;
            return await SendAsync(n, step, server, token, url, body, raced: true);
        })).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(sides);
        return answers.Any(a => a.Ok);
    }

    private async Task<SentRequest> SendAsync(int n, string step, int server, string token, string path, string body, bool raced)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(servers[server], path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        SentRequest sent;
        try
        {
            using var response = await http.SendAsync(request);
            sent = new SentRequest(n, step, server, (int)response.StatusCode, await response.Content.ReadAsStringAsync(), raced);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            sent = new SentRequest(n, step, server, 0, e.Message, raced);
        }

        Requests.Enqueue(sent);
        return sent;
    }

    /// <summary>Bearer tokens of the four demo accounts the path needs.</summary>
    internal sealed record Tokens(string City, string PlatformJapan, string PlatformChina, string MinistryJapan)
    {
        /// <summary>
        /// Signs shanghai and platform.jp in at server 0, platform.cn and ministry.jp at server 1: every token is then also
        /// used at the server that did not issue it.
        /// </summary>
        public static async Task<Tokens> SignInAsync(HttpClient http, IReadOnlyList<Uri> servers) => new(
            await TokenAsync(http, servers[0], "shanghai"),
            await TokenAsync(http, servers[0], "platform.jp"),
            await TokenAsync(http, servers[1], "platform.cn"),
            await TokenAsync(http, servers[1], "ministry.jp"));

        private static async Task<string> TokenAsync(HttpClient http, Uri server, string user)
        {
            var body = JsonSerializer.Serialize(new { email = $"{user}@demo.citycoop.example", password = DemoAccounts.Password });
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(server, "/api/auth/token"), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"POST {server}api/auth/token for {user}: {(int)response.StatusCode} {text}");
            using var json = JsonDocument.Parse(text);
            return json.RootElement.GetProperty("access_token").GetString()!;
        }
    }
}
