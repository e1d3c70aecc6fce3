using System.Globalization;

namespace CityCoop.Benchmarks;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/CityCoop.Benchmarks -- [options]

          --proposals N        proposals measured, each through the whole path (default 200)
          --warmup N           proposals run first and not measured (default 8)
          --clients N          concurrent HTTP clients, and pgbench -c (default 8)
          --seconds-pgbench N  pgbench -T duration in seconds (default 20)
          --connection CS      use this PostgreSQL (Npgsql connection string) instead of starting a
                               throwaway one with deploy/start-postgres.sh; the server migrates and
                               seeds it, pgbench uses a separate database pgbench_bench on it
          --root DIR           repository root (default: found by walking up to CityCoop.sln)
          --no-build           do not run `dotnet build -c Release src/CityCoop.Server` first
          --top-statements N   statements listed with their calls per action (default 25)
          --list-proposals N   proposals bulk-loaded into PostgreSQL for the list phase, which then measures the
                               inbox (GET /api/tasks) and the proposal list (GET /api/proposals); 0 skips the
                               phase (default 100000)
          --list-requests N    measured requests per list request kind, after 20 warm-up ones (default 200)
          --only-lists         run only the list phase: no workflow run, no pgbench
          --trace FILE         also sample the server's threads with dotnet-trace (dotnet-sampled-thread-time) for the first
                               15 s of the measured run into FILE (.nettrace), then print its top frames
          --keep               keep the temporary folders (PostgreSQL cluster, server data, server log)
          -h, --help           this text
        """;

    public int Proposals { get; private set; } = 200;

    public int Warmup { get; private set; } = 8;

    public int Clients { get; private set; } = 8;

    public int PgbenchSeconds { get; private set; } = 20;

    public int TopStatements { get; private set; } = 25;

    public int ListProposals { get; private set; } = 100_000;

    public int ListRequests { get; private set; } = 200;

    public bool OnlyLists { get; private set; }

    public string? Trace { get; private set; }

    public string? Connection { get; private set; }

    public string? Root { get; private set; }

    public bool Build { get; private set; } = true;

    public bool Keep { get; private set; }

    public bool Help { get; private set; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{arg} needs a value.");
                }

                return args[++i];
            }

            int Number(int min)
            {
                var text = Value();
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min)
                {
                    throw new ArgumentException($"{arg} needs a whole number ≥ {min}, not '{text}'.");
                }

                return n;
            }

            switch (arg)
            {
                case "--proposals": options.Proposals = Number(1); break;
                case "--warmup": options.Warmup = Number(0); break;
                case "--clients": options.Clients = Number(1); break;
                case "--seconds-pgbench": options.PgbenchSeconds = Number(1); break;
                case "--top-statements": options.TopStatements = Number(0); break;
                case "--list-proposals": options.ListProposals = Number(0); break;
                case "--list-requests": options.ListRequests = Number(1); break;
                case "--only-lists": options.OnlyLists = true; break;
                case "--trace": options.Trace = Path.GetFullPath(Value()); break;
                case "--connection": options.Connection = Value(); break;
                case "--root": options.Root = Value(); break;
                case "--no-build": options.Build = false; break;
                case "--keep": options.Keep = true; break;
                case "-h" or "--help": options.Help = true; break;
                default: throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }

        if (options.OnlyLists && options.ListProposals == 0)
        {
            throw new ArgumentException("--only-lists needs --list-proposals ≥ 1.");
        }

        return options;
    }
}
