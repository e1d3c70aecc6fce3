using System.Diagnostics;
using System.Globalization;

namespace CityCoop.Benchmarks;

/// <summary>
/// Counts the bytes the server allocates over a window by running <c>dotnet dotnet-counters collect</c> (a tool of the
/// repository's manifest) against its process and summing the runtime's <c>dotnet.gc.heap.total_allocated</c> counter,
/// which dotnet-counters reports as bytes per one-second sample.
/// </summary>
internal sealed class AllocationCounter : IAsyncDisposable
{
    private readonly Process process;
    private readonly string file;

    private AllocationCounter(Process process, string file)
    {
        this.process = process;
        this.file = file;
    }

    /// <summary>Starts sampling the process every second into a CSV file under <paramref name="dir"/>.</summary>
    public static AllocationCounter Start(string root, int processId, string dir)
    {
        var file = Path.Combine(dir, "counters.csv");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "dotnet-counters", "collect", "--process-id", processId.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime", "--refresh-interval", "1", "--format", "csv", "--output", file })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet-counters did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AllocationCounter(process, file);
    }

    /// <summary>Stops sampling and returns the bytes allocated over the samples, or null when none was read.</summary>
    public async Task<long?> StopAsync()
    {
        // A second's sample lands after the window's last request.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        if (!process.HasExited)
        {
            // `dotnet dotnet-counters` runs the tool in a child that holds the output pipes: end the whole tree.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        if (!File.Exists(file))
        {
            return null;
        }

        var values = File.ReadLines(file)
            .Where(l => l.Contains("dotnet.gc.heap.total_allocated", StringComparison.Ordinal))
            .Select(l => l.Split(','))
            .Select(p => double.TryParse(p[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null)
            .Where(v => v is not null)
            .Select(v => v!.Value)
            .ToList();
        return values.Count == 0 ? null : (long)values.Sum();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // `dotnet dotnet-counters` runs the tool in a child that holds the output pipes: end the whole tree.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
