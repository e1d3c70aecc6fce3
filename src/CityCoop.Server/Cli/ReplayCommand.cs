using System.CommandLine;
using CityCoop.Infrastructure.Replay;

namespace CityCoop.Server.Cli;

/// <summary><c>citycoop replay &lt;folder&gt;</c>: runs a year of recorded activities through the workflow itself.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder in the sample-data format (e.g. data/)." };
        var command = new Command("replay", "Replay recorded consultations and training visits through the cooperation-proposal workflow, and recorded memorandums through the memorandum workflow, with the clock at the recorded dates, into a database without those years' data.") { folder };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(folder)!;
            if (!dir.Exists)
            {
                await Console.Error.WriteLineAsync($"error: folder '{dir.FullName}' does not exist.");
                return 1;
            }

            // The replay records the activities itself, so the bundled sample data must not be imported first.
            await using var app = await CityCoopCommands.StartForCommandAsync(parse, "--CityCoop:SeedSampleData=false", "--CityCoop:SeedDemoAccounts=false");
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ActivityReplay>().RunAsync(dir.FullName, ct);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync("Replay refused; nothing was written:");
                foreach (var problem in result.Problems)
                {
                    await Console.Error.WriteLineAsync("  " + problem);
                }

                return 1;
            }

            Console.WriteLine("chinese_city\tjapanese_cities\tconsultations\ttraining_visits\tstate\tproposal");
            foreach (var p in result.Proposals)
            {
                Console.WriteLine($"{p.ChineseCityCode}\t{string.Join(";", p.JapaneseCityCodes)}\t{p.Consultations}\t{p.TrainingVisits}\t{p.FinalState}\t{p.ProposalId}");
            }

            // The platforms' memorandums of the folder (fy2015-memorandum.json), signed and confirmed on their recorded days.
            var memorandums = await scope.ServiceProvider.GetRequiredService<MemorandumReplay>().RunAsync(dir.FullName, ct);
            if (memorandums.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine("memorandum_fiscal_year\tstate\tmemorandum");
                foreach (var m in memorandums)
                {
                    Console.WriteLine($"FY{m.FiscalYear}\t{m.FinalState}\t{m.MemorandumId}");
                }
            }

            return 0;
        });
        return command;
    }
}
