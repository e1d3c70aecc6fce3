using System.CommandLine;
using CityCoop.Server.Hosting;
using Microsoft.Extensions.Options;

namespace CityCoop.Server.Cli;

/// <summary>
/// The command line of the <c>citycoop</c> executable: no command serves HTTP; <c>import</c>, <c>report</c>
/// and <c>users</c> work on the same database with the same configuration.
/// </summary>
public static class CityCoopCommands
{
    /// <summary><c>--data-dir</c>: folder of the embedded SQLite database (default <c>./citycoop-data</c>).</summary>
    public static Option<string?> DataDir { get; } = new("--data-dir")
    {
        Description = "Folder for the embedded SQLite database and other local files (default: ./citycoop-data).",
        Recursive = true,
    };

    /// <summary>Parses and runs; returns the process exit code (0 success, 1 refused input or an unusable setting, 2 usage error).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("CityCoop: approve and fund cooperation between Japanese and Chinese cities. With no command, serves the web application.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(DataDir);
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(WorkflowsCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(CalendarsCommand.Create());
        root.SetAction(async (parse, _) =>
        {
            // Unknown options go to ASP.NET Core (--urls …), but a bare word is a mistyped command, not a reason to serve.
            if (parse.UnmatchedTokens is [var first, ..] && !first.StartsWith('-'))
            {
                await Console.Error.WriteLineAsync($"error: unknown command '{first}'. Commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}; no command serves HTTP. See --help.");
                return 2;
            }

            return await CityCoopHost.ServeAsync(CityCoopHost.Build([.. parse.UnmatchedTokens], parse.GetValue(DataDir)));
        });

        var parsed = root.Parse(args);

        // Exceptions must reach the caller: the test host stops the entry point by throwing from Build().
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (InvalidSettingException e)
        {
            // An operator's mistake, not a bug: one line that names the setting, no stack trace.
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return 1;
        }
        catch (Exception e) when (OptionsFailures(e) is { Count: > 0 } failures)
        {
            // Options validated at start (Mail:*, …) are settings too: one line per problem, each naming its keys.
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync("error: " + failure);
            }

            return 1;
        }
        catch (Exception e) when (UnreadableSetting(e) is { } message)
        {
            await Console.Error.WriteLineAsync("error: " + message);
            return 1;
        }
    }

    // A setting the configuration binder cannot convert (Auth:TokenLifetime=banana, Jobs:Enabled=maybe, an enum name that
    // does not exist) and a listening address already taken are operator mistakes as well; the binder's and Kestrel's
    // messages name the key or the address, so they are shown as they are, without the stack trace.
    private static string? UnreadableSetting(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case InvalidOperationException when x.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    return x.Message + (x.InnerException is { } why ? " " + why.Message : string.Empty);
                case IOException when x.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException:
                    return x.Message + " Choose another address with --urls.";
            }
        }

        return null;
    }

    // ValidateOnStart reports one failed options class as itself and several as an AggregateException of them.
    private static List<string> OptionsFailures(Exception e) => e switch
    {
        OptionsValidationException o => [.. o.Failures],
        AggregateException a when a.InnerExceptions.All(i => i is OptionsValidationException) => [.. a.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures)],
        _ => [],
    };

    /// <summary>Builds the host for a command (quiet logging, on standard error), applies migrations and seeds, and returns it.</summary>
    internal static async Task<WebApplication> StartForCommandAsync(ParseResult parse, params string[] settings)
    {
        // A command's standard output is its result (a report, a CSV): log lines, even a migration's warning, go to standard error.
        string[] hostArgs = [.. parse.UnmatchedTokens, "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning", "--Logging:Console:LogToStandardErrorThreshold=Trace", .. settings];
        var app = CityCoopHost.Build(hostArgs, parse.GetValue(DataDir));
        await CityCoopHost.InitializeDatabaseAsync(app.Services);
        return app;
    }
}
