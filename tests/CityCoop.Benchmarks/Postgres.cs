using System.Globalization;
using System.Text.RegularExpressions;

namespace CityCoop.Benchmarks;

/// <summary>Where the PostgreSQL server is, taken from an Npgsql connection string.</summary>
internal sealed record PostgresTarget(string Host, string Port, string User, string? Password, string Database)
{
    public static PostgresTarget Parse(string connection)
    {
        var parts = connection.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal), p => p[1].Trim());
        string? Get(params string[] keys) => keys.Select(k => parts.GetValueOrDefault(k)).FirstOrDefault(v => v is not null);
        return new PostgresTarget(
            Get("HOST", "SERVER") ?? "127.0.0.1",
            Get("PORT") ?? "5432",
            Get("USERNAME", "USERID", "USER", "UID") ?? "postgres",
            Get("PASSWORD", "PWD"),
            Get("DATABASE", "DB") ?? "citycoop");
    }

    /// <summary>libpq's environment (PGPASSWORD) for psql and pgbench.</summary>
    public Dictionary<string, string> Environment() =>
        Password is null ? [] : new Dictionary<string, string> { ["PGPASSWORD"] = Password };

    public string[] ConnectArgs(string database) => ["-h", Host, "-p", Port, "-U", User, database];
}

/// <summary>Starts and stops the throwaway cluster and runs pgbench.</summary>
internal static partial class Postgres
{
    public const string PgbenchDatabase = "pgbench_bench";

    /// <summary><c>bash deploy/start-postgres.sh --dir DIR</c>; returns the last stdout line (the connection string).</summary>
    public static async Task<string> StartAsync(string root, string dir, CancellationToken ct)
    {
        var result = await Shell.RunCheckedAsync("bash", [Path.Combine(root, "deploy", "start-postgres.sh"), "--dir", dir], root, ct: ct);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
    }

    /// <summary><c>bash deploy/stop-postgres.sh DIR [--rm]</c>.</summary>
    public static async Task StopAsync(string root, string dir, bool remove)
    {
        var args = new List<string> { Path.Combine(root, "deploy", "stop-postgres.sh"), dir };
        if (remove)
        {
            args.Add("--rm");
        }

        var result = await Shell.RunAsync("bash", args, root);
        if (result.ExitCode != 0)
        {
            Console.Error.WriteLine($"warning: stop-postgres.sh exited with {result.ExitCode}: {result.Stderr.Trim()}");
        }
    }

    public static async Task<string> ServerVersionAsync(PostgresTarget target, CancellationToken ct)
    {
        var result = await Shell.RunAsync(FindBinary("psql"), [.. target.ConnectArgs(target.Database), "-XtAq", "-c", "show server_version"], Directory.GetCurrentDirectory(), target.Environment(), ct: ct);
        return result.ExitCode == 0 ? result.Stdout.Trim() : "?";
    }

    /// <summary>
    /// Creates database <see cref="PgbenchDatabase"/> if absent, <c>pgbench -i -s 1</c> into it, then
    /// <c>pgbench -N -c CLIENTS -j 2 -T SECONDS</c>; returns the tps without initial connection time and pgbench's output.
    /// </summary>
    public static async Task<(double Tps, string Output)> PgbenchAsync(PostgresTarget target, int clients, int seconds, CancellationToken ct)
    {
        var cwd = Directory.GetCurrentDirectory();
        var env = target.Environment();
        var pgbench = FindBinary("pgbench");
        var exists = await Shell.RunCheckedAsync(FindBinary("psql"), [.. target.ConnectArgs("postgres"), "-XtAq", "-c", $"select 1 from pg_database where datname = '{PgbenchDatabase}'"], cwd, env, ct: ct);
        if (exists.Stdout.Trim() != "1")
        {
            await Shell.RunCheckedAsync(FindBinary("psql"), [.. target.ConnectArgs("postgres"), "-XqA", "-v", "ON_ERROR_STOP=1", "-c", $"create database {PgbenchDatabase}"], cwd, env, ct: ct);
        }

        await Shell.RunCheckedAsync(pgbench, ["-i", "-s", "1", "-q", .. target.ConnectArgs(PgbenchDatabase)], cwd, env, ct: ct);
        var threads = Math.Min(2, clients).ToString(CultureInfo.InvariantCulture);
        var run = await Shell.RunCheckedAsync(
            pgbench,
            ["-N", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", threads, "-T", seconds.ToString(CultureInfo.InvariantCulture), .. target.ConnectArgs(PgbenchDatabase)],
            cwd,
            env,
            ct: ct);
        var output = run.Stdout + run.Stderr;
        var match = TpsLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"pgbench printed no 'tps = … (without initial connection time)' line:\n{output}");
        }

        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), output);
    }

    /// <summary>
    /// Creates <c>pg_stat_statements</c> in the benchmark's database and empties its counters; false when the cluster was
    /// not started with it preloaded (an own <c>--connection</c>), so statements are not counted.
    /// </summary>
    public static async Task<bool> ResetStatementsAsync(PostgresTarget target, CancellationToken ct)
    {
        var result = await Shell.RunAsync(
            FindBinary("psql"),
            [.. target.ConnectArgs(target.Database), "-XtAq", "-v", "ON_ERROR_STOP=1", "-c", "create extension if not exists pg_stat_statements", "-c", "select pg_stat_statements_reset()"],
            Directory.GetCurrentDirectory(),
            target.Environment(),
            ct: ct);
        return result.ExitCode == 0;
    }

    /// <summary>
    /// The statements PostgreSQL ran in the benchmark's database since <see cref="ResetStatementsAsync"/>: per normalized
    /// statement its calls and total execution time (ms), most called first; a statement text is cut to 160 characters.
    /// </summary>
    public static async Task<IReadOnlyList<(long Calls, double TotalMs, string Query)>> StatementsAsync(PostgresTarget target, CancellationToken ct)
    {
        const string Sql = """
            select calls, round(total_exec_time::numeric, 1), regexp_replace(left(query, 160), '\s+', ' ', 'g')
            from pg_stat_statements s join pg_database d on d.oid = s.dbid
            where d.datname = current_database() and query not like '%pg_stat_statements%'
            order by calls desc
            """;
        var result = await Shell.RunCheckedAsync(FindBinary("psql"), [.. target.ConnectArgs(target.Database), "-XtAq", "-F", "\t", "-c", Sql], Directory.GetCurrentDirectory(), target.Environment(), ct: ct);
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t', 3))
            .Where(p => p.Length == 3)
            .Select(p => (long.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture), p[2]))];
    }

    /// <summary>Runs psql on the benchmark's database with <paramref name="arguments"/> (unaligned, tuples only); returns its stdout, throws if it fails.</summary>
    public static async Task<string> PsqlAsync(PostgresTarget target, IEnumerable<string> arguments, CancellationToken ct)
    {
        var result = await Shell.RunCheckedAsync(FindBinary("psql"), [.. target.ConnectArgs(target.Database), "-XtAq", .. arguments], Directory.GetCurrentDirectory(), target.Environment(), ct: ct);
        return result.Stdout;
    }

    private static string FindBinary(string name)
    {
        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        const string Debian = "/usr/lib/postgresql";
        return Directory.Exists(Debian)
            ? Directory.GetDirectories(Debian).OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", name)).FirstOrDefault(File.Exists) ?? name
            : name;
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
