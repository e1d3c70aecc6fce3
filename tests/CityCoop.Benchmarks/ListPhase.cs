using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CityCoop.Benchmarks;

/// <summary>
/// The list phase: bulk-loads proposals with <see cref="BulkProposals"/>, then times the read requests
/// whose cost grows with the database — the inbox (<c>GET /api/tasks</c>) of each demo user of the workload and the
/// proposal list (<c>GET /api/proposals</c>, first page as the pages ask for it, and filtered) — one request at a time
/// (a single client, so the figures are latencies, not queueing), and returns the printed table.
/// </summary>
internal sealed class ListPhase(HttpClient http, Uri baseAddress, Tokens tokens, PostgresTarget target)
{
    /// <summary>Requests sent first per kind and not measured (JIT, EF's query cache, PostgreSQL's buffers).</summary>
    public const int WarmupRequests = 20;

    /// <summary>Loads <paramref name="proposals"/> proposals, then measures <paramref name="requests"/> requests per kind.</summary>
    public async Task<string> RunAsync(int proposals, int requests, CancellationToken ct)
    {
        var load = Stopwatch.StartNew();
        var counts = await BulkProposals.LoadAsync(target, proposals, ct);
        load.Stop();

        (string Kind, string Token, string Path)[] kinds =
        [
            ("inbox shanghai", tokens.City, "/api/tasks"),
            ("inbox platform.jp", tokens.PlatformJapan, "/api/tasks"),
            ("inbox platform.cn", tokens.PlatformChina, "/api/tasks"),
            ("inbox ministry.jp", tokens.MinistryJapan, "/api/tasks"),
            ("list platform.jp", tokens.PlatformJapan, "/api/proposals"),
            ("list shanghai", tokens.City, "/api/proposals"),
            ("list FY2015 matching", tokens.PlatformJapan, $"/api/proposals?fiscalYear={BulkProposals.CurrentFiscalYear}&state=platform-matching"),
            ("list FY2010", tokens.PlatformJapan, "/api/proposals?fiscalYear=2010"),
        ];

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"List phase: {proposals} proposals bulk-loaded in {load.Elapsed.TotalSeconds:0.0} s (then VACUUM (ANALYZE)); {requests} requests per kind after {WarmupRequests} warm-up of each kind, 1 client");
        report.AppendLine(CultureInfo.InvariantCulture, $"  rows: {counts}");
        report.AppendLine(CultureInfo.InvariantCulture, $"  {"request",-22} {"rows",7} {"total",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"errors",6}  path");
        // Every kind is warmed before any is measured: the kinds share code, which the runtime recompiles optimised after
        // about 30 calls, and the first kind measured otherwise paid for it (the inbox of shanghai: p95 28 ms, 12 ms later).
        foreach (var (_, token, path) in kinds)
        {
            for (var i = 0; i < WarmupRequests; i++)
            {
                await GetAsync(token, path, ct);
            }
        }

        foreach (var (kind, token, path) in kinds)
        {
            var ms = new double[requests];
            var errors = 0;
            var (rows, total) = (-1, -1);
            for (var i = 0; i < requests; i++)
            {
                var (elapsed, ok, r, t) = await GetAsync(token, path, ct);
                ms[i] = elapsed;
                errors += ok ? 0 : 1;
                (rows, total) = ok ? (r, t) : (rows, total);
            }

            Array.Sort(ms);
            report.AppendLine(CultureInfo.InvariantCulture, $"  {kind,-22} {rows,7} {(total < 0 ? "" : total.ToString(CultureInfo.InvariantCulture)),7} {Percentile(ms, 0.50),8:0.0} {Percentile(ms, 0.95),8:0.0} {Percentile(ms, 0.99),8:0.0} {ms[^1],8:0.0} {errors,6}  GET {path}");
        }

        report.Append("  rows: items in the answer (the inbox's or the list's first page); total: all matches (X-Total-Count, or the list's total) (goal: p95 < 20 ms)");
        return report.ToString();
    }

    /// <summary>One GET; returns its time, whether it answered 200, and the rows (array length or items) and total it carried.</summary>
    private async Task<(double Ms, bool Ok, int Rows, int Total)> GetAsync(string token, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        clock.Stop();
        if (!response.IsSuccessStatusCode)
        {
            return (clock.Elapsed.TotalMilliseconds, false, -1, -1);
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        // The inbox answers an array and its count in X-Total-Count; the proposal list an object with items and total.
        return root.ValueKind == JsonValueKind.Array
            ? (clock.Elapsed.TotalMilliseconds, true, root.GetArrayLength(), response.Headers.TryGetValues("X-Total-Count", out var count) ? int.Parse(count.First(), CultureInfo.InvariantCulture) : -1)
            : (clock.Elapsed.TotalMilliseconds, true, root.GetProperty("items").GetArrayLength(), root.GetProperty("total").GetInt32());
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
