using System.Diagnostics;
using System.Text;

namespace CityCoop.Benchmarks;

/// <summary>The outcome of a finished child process.</summary>
internal sealed record ShellResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs child processes (bash scripts, dotnet, psql, pgbench) to completion.</summary>
internal static class Shell
{
    public static async Task<ShellResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        bool echoStderr = false,
        CancellationToken ct = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            if (echoStderr)
            {
                Console.Error.WriteLine("  | " + e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ShellResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command and throws with its output when it fails.</summary>
    public static async Task<ShellResult> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        bool echoStderr = false,
        CancellationToken ct = default)
    {
        var list = arguments.ToList();
        var result = await RunAsync(fileName, list, workingDirectory, environment, echoStderr, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', list)}` exited with {result.ExitCode}.\n{Tail(result.Stdout)}\n{Tail(result.Stderr)}");
        }

        return result;
    }

    public static string Tail(string text, int lines = 30)
    {
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
