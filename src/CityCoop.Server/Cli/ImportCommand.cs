using System.CommandLine;
using CityCoop.Infrastructure.Import;

namespace CityCoop.Server.Cli;

/// <summary><c>citycoop import &lt;folder&gt;</c>: loads CSV files in the sample-data format in one transaction.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder with cities.csv, friendship-relations.csv, fy*-consultations.csv, fy*-training-visits.csv." };
        var command = new Command("import", "Import CSV files; any problem rolls back everything and is printed with file, line and column.") { folder };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(folder)!;
            if (!dir.Exists)
            {
                await Console.Error.WriteLineAsync($"error: folder '{dir.FullName}' does not exist.");
                return 1;
            }

            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<SampleDataImporter>().ImportAsync(dir.FullName, cancellationToken: ct);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync($"Import refused; nothing was written. {result.Problems.Count} problem(s):");
                foreach (var problem in result.Problems)
                {
                    await Console.Error.WriteLineAsync("  " + problem);
                }

                return 1;
            }

            Console.WriteLine($"Imported {dir.FullName}: {result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged.");
            return 0;
        });
        return command;
    }
}
