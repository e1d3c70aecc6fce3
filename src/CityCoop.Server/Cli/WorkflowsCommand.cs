using System.CommandLine;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Server.Cli;

/// <summary><c>citycoop workflows list|migrate</c>: definition versions and moving running instances between them.</summary>
internal static class WorkflowsCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List workflow definitions and their stored versions with instance counts.");
        list.SetAction(async (parse, ct) =>
        {
            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            Console.WriteLine("definition\tversion\tstate\tinstances");
            foreach (var (id, version, state, count) in await scope.ServiceProvider.GetRequiredService<WorkflowMigration>().CountsAsync(ct))
            {
                Console.WriteLine($"{id}\tv{version}\t{state}\t{count}");
            }

            return 0;
        });

        var definition = new Option<string>("--definition") { Description = "Definition id.", DefaultValueFactory = _ => ProposalWorkflow.DefinitionId };
        var from = new Option<int>("--from") { Required = true, Description = "Version the instances run on now." };
        var to = new Option<int>("--to") { Required = true, Description = "Version to move them to." };
        var map = new Option<string[]>("--map") { Description = "State mapping old=new, repeatable; unmapped states keep their name.", AllowMultipleArgumentsPerToken = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and change nothing." };
        var migrate = new Command("migrate", "Move running instances from one definition version to another with a state mapping; refuses a mapping that leaves an instance in a state the new version lacks.") { definition, from, to, map, dryRun };
        migrate.SetAction(async (parse, ct) =>
        {
            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                var steps = await scope.ServiceProvider.GetRequiredService<WorkflowMigration>().MigrateAsync(
                    parse.GetValue(definition)!, parse.GetValue(from), parse.GetValue(to), WorkflowMigrationPlan.ParseMap(parse.GetValue(map) ?? []), parse.GetValue(dryRun), ct);
                var verb = parse.GetValue(dryRun) ? "would move" : "moved";
                foreach (var step in steps)
                {
                    Console.WriteLine($"{step.InstanceId}\t{step.FromState} -> {step.ToState}");
                }

                Console.WriteLine($"{(parse.GetValue(dryRun) ? "Dry run: " : string.Empty)}{verb} {steps.Count} instance(s) from v{parse.GetValue(from)} to v{parse.GetValue(to)}.");
                return 0;
            }
            catch (WorkflowMigrationException e)
            {
                await Console.Error.WriteLineAsync("Migration refused; nothing was changed:");
                foreach (var problem in e.Problems)
                {
                    await Console.Error.WriteLineAsync("  " + problem);
                }

                return 1;
            }
            catch (Exception e) when (e is KeyNotFoundException or ArgumentException or FormatException)
            {
                await Console.Error.WriteLineAsync($"Migration refused; nothing was changed: {e.Message}");
                return 1;
            }
        });

        return new Command("workflows", "Workflow definitions and their versions.") { list, migrate };
    }
}
