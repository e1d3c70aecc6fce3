using System.Globalization;

namespace CityCoop.StartupBenchmarks;

/// <summary>Command-line options of the start-up benchmark.</summary>
internal sealed class StartupOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/CityCoop.StartupBenchmarks -- [options]

          --runs N       first start + restart pairs measured on the Release build, each from a fresh empty folder (default 3)
          --literal      also run the README's literal command once (`dotnet run --project src/CityCoop.Server`, which
                         builds the Debug configuration first if needed), first start and restart
          --after N      seconds after healthy when RSS is read a second time (default 10)
          --root DIR     repository root (default: found by walking up to CityCoop.sln)
          --no-build     do not run `dotnet build -c Release src/CityCoop.Server` first
          --server DLL   measure this citycoop.dll instead of the Release build (e.g. a ReadyToRun publish); no build
          --keep         keep the temporary folders (data and server logs with timestamps)
          -h, --help     this text
        """;

    public int Runs { get; private set; } = 3;

    public int AfterSeconds { get; private set; } = 10;

    public bool Literal { get; private set; }

    public string? Root { get; private set; }

    public bool Build { get; private set; } = true;

    /// <summary>The server to measure instead of the Release build's citycoop.dll, or null.</summary>
    public string? Server { get; private set; }

    public bool Keep { get; private set; }

    public bool Help { get; private set; }

    /// <exception cref="ArgumentException">An unknown argument or a bad value.</exception>
    public static StartupOptions Parse(IReadOnlyList<string> args)
    {
        var options = new StartupOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            int Number(int min)
            {
                var text = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min)
                {
                    throw new ArgumentException($"{arg} needs a whole number ≥ {min}, not '{text}'.");
                }

                return n;
            }

            switch (arg)
            {
                case "--runs": options.Runs = Number(1); break;
                case "--after": options.AfterSeconds = Number(0); break;
                case "--literal": options.Literal = true; break;
                case "--root": options.Root = i + 1 < args.Count ? args[++i] : throw new ArgumentException("--root needs a value."); break;
                case "--no-build": options.Build = false; break;
                case "--server":
                    options.Server = i + 1 < args.Count ? Path.GetFullPath(args[++i]) : throw new ArgumentException("--server needs a value.");
                    options.Build = false;
                    break;
                case "--keep": options.Keep = true; break;
                case "-h" or "--help": options.Help = true; break;
                default: throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }

        return options;
    }
}
