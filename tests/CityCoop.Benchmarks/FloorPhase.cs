using System.Diagnostics;
using System.Net.Http.Headers;

namespace CityCoop.Benchmarks;

/// <summary>
/// The server's cost of a signed-in request that does almost nothing: <c>GET /api/me</c> (the token's account re-read, as
/// every signed-in request does, and the caller's account and roles) with the same number of clients as the measured run.
/// What it costs per request is the floor under every workflow action — ASP.NET Core, authentication, EF Core's query
/// pipeline and Npgsql for two or three reads — so the step's own share is the action's cost minus this one.
/// </summary>
internal sealed class FloorPhase(HttpClient http, Uri baseAddress, string token)
{
    /// <summary>Sends <paramref name="requests"/> requests from <paramref name="clients"/> clients; returns the latencies in ms and the failures.</summary>
    public async Task<(double[] Milliseconds, int Errors)> RunAsync(int requests, int clients, CancellationToken ct)
    {
        var next = -1;
        var errors = 0;
        var perClient = new List<double>[clients];
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var samples = perClient[c] = new List<double>(requests / clients + 1);
            while (Interlocked.Increment(ref next) < requests)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "/api/me"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request, ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                samples.Add(clock.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(tasks);
        return ([.. perClient.SelectMany(s => s).Order()], errors);
    }
}
