using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace CityCoop.Server.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests of this process.
/// When <c>CITYCOOP_TEST_DATABASE</c> holds a connection string (CI sets it), that server is used;
/// otherwise a throwaway cluster is started once per test process with <c>deploy/start-postgres.sh</c>
/// and stopped (and deleted) when the process exits.
/// </summary>
/// <remarks>
/// Give each test class its own database: <c>var cs = await PostgresServer.CreateDatabaseAsync("import");</c>
/// (for example in an <c>IAsyncLifetime</c> class fixture), then point the app or a DbContext at <c>cs</c>.
/// </remarks>
public static class PostgresServer
{
    /// <summary>Environment variable with an admin connection string (may CREATE DATABASE) of an existing server.</summary>
    public const string EnvironmentVariable = "CITYCOOP_TEST_DATABASE";

    private const string ClusterFolderPrefix = "citycoop-test-pg-";

    private static readonly Lazy<string> Admin = new(Connect, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string of a user that may create databases on the test server.</summary>
    public static string AdminConnectionString => Admin.Value;

    /// <summary>
    /// Creates a new, empty database with a unique name starting with <paramref name="prefix"/>
    /// and returns its connection string.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = UniqueName(prefix);
        var admin = AdminConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The name is made only of [a-z0-9_] by UniqueName, so quoting it is enough.
            command.CommandText = "CREATE DATABASE \"" + name + "\"";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP DATABASE IF EXISTS \"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    private static string UniqueName(string prefix)
    {
        var clean = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
        {
            clean.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_');
        }

        if (clean.Length == 0 || char.IsDigit(clean[0]))
        {
            clean.Insert(0, "t_");
        }

        // PostgreSQL names are at most 63 bytes: up to 30 for the prefix, "_" and 32 for the GUID.
        var head = clean.Length > 30 ? clean.ToString(0, 30) : clean.ToString();
        return head + "_" + Guid.NewGuid().ToString("N");
    }

    private static string Connect()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var root = FindRepositoryRoot();
        RemoveClustersOfDeadProcesses(root);
        var folder = Path.Combine(Path.GetTempPath(), ClusterFolderPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var connectionString = RunScript(root, "start-postgres.sh", "--dir", folder);
        StopWhenThisProcessEnds(root, folder);
        return connectionString;
    }

    /// <summary>
    /// Leaves a detached watcher that stops and deletes the cluster once this process has gone.
    /// A ProcessExit handler is not enough: the test platform kills the test host shortly after the run,
    /// and a killed or crashed host runs no handler at all.
    /// </summary>
    private static void StopWhenThisProcessEnds(string root, string folder)
    {
        var stop = Path.Combine(root, "deploy", "stop-postgres.sh");
        var watcher = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; exec bash \"$2\" \"$3\" --rm";
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("setsid bash -c \"$0\" _ \"$@\" </dev/null >/dev/null 2>&1 &");
        start.ArgumentList.Add(watcher);
        start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(stop);
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Could not start the watcher that stops the test PostgreSQL cluster.");
        process.WaitForExit();
    }

    /// <summary>Stops and deletes clusters left behind by test processes that were killed.</summary>
    private static void RemoveClustersOfDeadProcesses(string root)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), ClusterFolderPrefix + "*"))
        {
            var suffix = Path.GetFileName(folder)[ClusterFolderPrefix.Length..];
            if (!int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            try
            {
                RunScript(root, "stop-postgres.sh", folder, "--rm");
            }
            catch (InvalidOperationException)
            {
                // Not ours to fix here; starting our own cluster does not depend on it.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Runs deploy/<paramref name="script"/> with bash and returns the last line it printed to stdout.</summary>
    private static string RunScript(string root, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        start.ArgumentList.Add(Path.Combine(root, "deploy", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Could not start bash to run deploy/" + script + ".");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("deploy/" + script + " did not finish within 2 minutes.");
        }

        process.WaitForExit();
        var output = stdout.GetAwaiter().GetResult();
        var errors = stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                "deploy/" + script + " failed with exit code " + process.ExitCode.ToString(CultureInfo.InvariantCulture)
                + ". Set " + EnvironmentVariable + " to use an existing PostgreSQL server instead.\n" + errors + output);
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CityCoop.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            "Could not find CityCoop.sln above " + AppContext.BaseDirectory + " (needed for deploy/start-postgres.sh). Set "
            + EnvironmentVariable + " to a PostgreSQL admin connection string instead.");
    }
}
