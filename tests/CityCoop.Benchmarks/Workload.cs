using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CityCoop.Benchmarks;

/// <summary>Bearer tokens of the four demo accounts the path needs.</summary>
internal sealed record Tokens(string City, string PlatformJapan, string PlatformChina, string MinistryJapan)
{
    public const string Password = "CityCoop-2014";

    public static async Task<Tokens> GetAsync(HttpClient http, Uri baseAddress, CancellationToken ct)
    {
        async Task<string> One(string user)
        {
            var body = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["email"] = $"{user}@demo.citycoop.example",
                ["password"] = Password,
            });
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(baseAddress, "/api/auth/token"), content, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /api/auth/token for {user} answered {(int)response.StatusCode}: {text}");
            }

            using var json = JsonDocument.Parse(text);
            return json.RootElement.GetProperty("access_token").GetString()
                ?? throw new InvalidOperationException($"No access_token for {user}.");
        }

        return new Tokens(await One("shanghai"), await One("platform.jp"), await One("platform.cn"), await One("ministry.jp"));
    }
}

/// <summary>One request of the path, recorded for the statistics.</summary>
internal sealed record Sample(string Step, double Milliseconds, bool Ok);

/// <summary>
/// Runs proposals through the whole cooperation-proposal path over HTTP, the same requests as a person
/// would send: create, submit, set-partner, record-matches, match (Japanese platform), match (Chinese
/// platform), approve, record-activity, close. Every request is one action.
/// </summary>
internal sealed class Workload(HttpClient http, Uri baseAddress, Tokens tokens)
{
    public const int ActionsPerProposal = 9;

    /// <summary>The step names in path order (for the per-step table).</summary>
    public static readonly string[] Steps =
        ["create", "submit", "set-partner", "record-matches", "match (JP)", "match (CN)", "approve", "record-activity", "close"];

    private static readonly string[] WishedItems = ["PM2.5 source apportionment", "VOC control"];

    private const string SetPartner = """{"cityCodes":["kitakyushu"]}""";
    private const string RecordMatches = """{"items":[{"wished":"PM2.5 source apportionment","offered":"Kitakyushu air monitoring know-how"}]}""";
    private const string Approve = """{"amount":2500000}""";
    private const string Activity = """{"kind":"training-visit","startDate":"2015-07-01","endDate":"2015-07-05","sendingCity":"shanghai","receivingCities":["kitakyushu"],"traineeCategory":"TechnicalStaff","trainees":5,"cost":2000000}""";

    /// <summary>Failed requests grouped by step and status: how many, and the first answer's body.</summary>
    public ConcurrentDictionary<string, (int Count, string First)> Errors { get; } = new(StringComparer.Ordinal);

    public int ErrorCount => errorCount;

    private int errorCount;

    /// <summary>
    /// Runs <paramref name="proposals"/> proposals with <paramref name="clients"/> concurrent clients; each
    /// client takes the next proposal number until none is left. Returns every request's sample and how many
    /// proposals reached the end.
    /// </summary>
    public async Task<(List<Sample> Samples, int Completed, TimeSpan Elapsed)> RunAsync(int proposals, int clients, string label, CancellationToken ct)
    {
        var next = -1;
        var completed = 0;
        var perClient = new List<Sample>[clients];
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var samples = perClient[c] = new List<Sample>(proposals / clients * ActionsPerProposal + ActionsPerProposal);
            int n;
            while ((n = Interlocked.Increment(ref next)) < proposals)
            {
                if (await OneProposalAsync($"{label} #{n}", samples, ct))
                {
                    Interlocked.Increment(ref completed);
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(tasks);
        clock.Stop();
        return ([.. perClient.SelectMany(s => s)], completed, clock.Elapsed);
    }

    private async Task<bool> OneProposalAsync(string name, List<Sample> samples, CancellationToken ct)
    {
        var create = JsonSerializer.Serialize(new
        {
            title = $"Benchmark {name}: PM2.5 monitoring",
            description = "Created by tests/CityCoop.Benchmarks.",
            strand = "government-staff",
            level = "local",
            cooperationKind = "new",
            wishedItems = WishedItems,
            fiscalYear = 2015,
            requestedAmount = new { amount = 3000000, currency = "JPY" },
        });
        var (ok, body) = await SendAsync("create", tokens.City, "/api/proposals", create, samples, ct);
        if (!ok)
        {
            return false;
        }

        string id;
        using (var json = JsonDocument.Parse(body))
        {
            id = json.RootElement.GetProperty("id").ToString();
        }

        var action = $"/api/proposals/{id}/actions/";
        (string Step, string Token, string Path, string Body)[] path =
        [
            ("submit", tokens.City, action + "submit", "{}"),
            ("set-partner", tokens.PlatformJapan, action + "set-partner", SetPartner),
            ("record-matches", tokens.PlatformJapan, action + "record-matches", RecordMatches),
            ("match (JP)", tokens.PlatformJapan, action + "match", "{}"),
            ("match (CN)", tokens.PlatformChina, action + "match", "{}"),
            ("approve", tokens.MinistryJapan, action + "approve", Approve),
            ("record-activity", tokens.PlatformJapan, $"/api/proposals/{id}/activities", Activity),
            ("close", tokens.PlatformJapan, action + "close", "{}"),
        ];
        foreach (var (step, token, url, payload) in path)
        {
            if (!(await SendAsync(step, token, url, payload, samples, ct)).Ok)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<(bool Ok, string Body)> SendAsync(string step, string token, string path, string body, List<Sample> samples, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var clock = Stopwatch.StartNew();
        string text;
        int status;
        try
        {
            using var response = await http.SendAsync(request, ct);
            text = await response.Content.ReadAsStringAsync(ct);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            text = e.Message;
            status = 0;
        }

        clock.Stop();
        var ok = status is >= 200 and < 300;
        samples.Add(new Sample(step, clock.Elapsed.TotalMilliseconds, ok));
        if (!ok)
        {
            Interlocked.Increment(ref errorCount);
            var first = $"POST {path}: {(text.Length > 400 ? text[..400] + "…" : text)}";
            Errors.AddOrUpdate($"{step} → {status}", (1, first), (_, old) => (old.Count + 1, old.First));
        }

        return (ok, text);
    }
}
