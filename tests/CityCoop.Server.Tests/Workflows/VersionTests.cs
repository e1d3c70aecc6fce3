using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CityCoop.Server.Tests.Cli;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// Definition versions on PostgreSQL: a changed definition file becomes a new version at the next start, running
/// instances stay on the version they started on, and <c>citycoop workflows migrate</c> moves them explicitly.
/// Each test has its own database and its own copy of the definitions folder, and restarts the server.
/// </summary>
public sealed class VersionTests
{
    private const string MatchingDueV1 = "\"due\": { \"businessDays\": 20 }";
    private const string MatchingDueV2 = "\"due\": { \"businessDays\": 12 }";

    [Fact]
    public async Task ChangedDefinition_BecomesVersion2_RunningInstancesStayOnVersion1AndNewOnesStartOnVersion2()
    {
        using var folder = new WorkflowFolder();
        var connectionString = await PostgresServer.CreateDatabaseAsync("wf_pinned");
        var clock = WorkflowClock.New();

        Guid draftOnV1;
        Guid matchingOnV1;
        var (first, server) = folder.StartServer(connectionString, clock);
        await using (first)
        {
            using var users = await DemoUsers.SignInAsync(server);
            draftOnV1 = await users.Shanghai.CreateAsync("Started on v1, submitted on v2");
            matchingOnV1 = await users.WalkToAsync("platform-matching");
            var (proposal, _) = await users.Shanghai.GetProposalAsync(draftOnV1);
            Assert.Equal(1, proposal.GetProperty("workflowVersion").GetInt32());
        }

        folder.Replace(MatchingDueV1, MatchingDueV2);

        (first, server) = folder.StartServer(connectionString, clock);
        await using (first)
        {
            using var users = await DemoUsers.SignInAsync(server);

            var workflow = Assert.Single((await users.Shanghai.GetAsync("/api/workflows")).EnumerateArray(), w => w.GetProperty("id").GetString() == "cooperation-proposal");
            Assert.Equal("cooperation-proposal", workflow.GetProperty("id").GetString());
            Assert.Equal(2, workflow.GetProperty("latestVersion").GetInt32());
            var versions = workflow.GetProperty("versions").EnumerateArray().ToList();
            Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
            Assert.NotEqual(versions[0].GetProperty("contentHash").GetString(), versions[1].GetProperty("contentHash").GetString());
            Assert.All(versions, v => Assert.Equal(WorkflowFolder.DefinitionFile, v.GetProperty("fileName").GetString()));

            // The draft started on v1 opens its matching task with v1's due duration (20 business days), the same as
            // the proposal submitted before the change; a new proposal gets v2's 12.
            var submitted = await users.Shanghai.ActAsync(draftOnV1, "submit");
            Assert.Equal("platform-matching", submitted.GetProperty("state").GetString());
            var (oldProposal, _) = await users.PlatformJp.GetProposalAsync(draftOnV1);
            Assert.Equal(1, oldProposal.GetProperty("workflowVersion").GetInt32());
            var v1Span = DueSpan(oldProposal, "match-proposal");

            // ... and it walks the rest of its path on v1.
            await users.PlatformJp.ActAsync(draftOnV1, "set-partner", WorkflowApi.PartnerKitakyushu);
            await users.PlatformJp.ActAsync(draftOnV1, "record-matches", new { items = new[] { new { wished = "VOC control", offered = "VOC inventory" } } });
            await users.PlatformJp.ActAsync(draftOnV1, "match");
            await users.PlatformCn.ActAsync(draftOnV1, "match");
            await users.MinistryJp.ActAsync(draftOnV1, "approve", new { amount = 2_000_000m });
            await users.PlatformJp.ActAsync(draftOnV1, "record-activity", new { activity = WorkflowApi.TrainingVisit(1_000_000m) });
            var closed = await users.PlatformJp.ActAsync(draftOnV1, "close");
            Assert.Equal("closed", closed.GetProperty("state").GetString());
            var (finished, _) = await users.Shanghai.GetProposalAsync(draftOnV1);
            Assert.Equal(1, finished.GetProperty("workflowVersion").GetInt32());
            Assert.Equal("closed", finished.GetProperty("state").GetString());

            // The proposal already in matching keeps its v1 task and due date.
            var (stillMatching, _) = await users.PlatformJp.GetProposalAsync(matchingOnV1);
            Assert.Equal(1, stillMatching.GetProperty("workflowVersion").GetInt32());
            Assert.Equal(v1Span.Days, DueSpan(stillMatching, "match-proposal").Days);

            // A new proposal starts on v2 and gets v2's 12 business days.
            var fresh = await users.Shanghai.CreateAsync("Started on v2");
            await users.Shanghai.ActAsync(fresh, "submit");
            var (newProposal, _) = await users.PlatformJp.GetProposalAsync(fresh);
            Assert.Equal(2, newProposal.GetProperty("workflowVersion").GetInt32());
            var v2Span = DueSpan(newProposal, "match-proposal");
            Assert.True(v2Span < v1Span, $"v1 due after {v1Span}, v2 due after {v2Span}");

            using var v1Diagram = await users.Shanghai.Client.GetAsync("/api/workflows/cooperation-proposal/versions/1/diagram");
            using var v2Diagram = await users.Shanghai.Client.GetAsync("/api/workflows/cooperation-proposal/versions/2/diagram");
            using var v3Diagram = await users.Shanghai.Client.GetAsync("/api/workflows/cooperation-proposal/versions/3/diagram");
            Assert.Equal(System.Net.HttpStatusCode.OK, v1Diagram.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, v2Diagram.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, v3Diagram.StatusCode);
        }

        // An unchanged file stores no further version.
        (first, server) = folder.StartServer(connectionString, clock);
        await using (first)
        {
            using var shanghai = await WorkflowApi.SignInAsync(server, CityCoopFactory.ShanghaiCity);
            var workflow = Assert.Single((await shanghai.GetAsync("/api/workflows")).EnumerateArray(), w => w.GetProperty("id").GetString() == "cooperation-proposal");
            Assert.Equal(2, workflow.GetProperty("latestVersion").GetInt32());
            Assert.Equal(2, workflow.GetProperty("versions").GetArrayLength());
        }
    }

    [Fact]
    public async Task MigrateCommand_DryRunChangesNothing_RefusesAnUnmappedMissingState_AndARealRunMovesAndJournalsEveryInstance()
    {
        using var folder = new WorkflowFolder();
        var connectionString = await PostgresServer.CreateDatabaseAsync("wf_migrate");
        var clock = WorkflowClock.New();
        var dataDir = Path.Combine(Path.GetTempPath(), "citycoop-migrate-" + Guid.NewGuid().ToString("N"));

        Guid draft;
        Guid matching;
        Guid withdrawn;
        var (first, server) = folder.StartServer(connectionString, clock);
        await using (first)
        {
            using var users = await DemoUsers.SignInAsync(server);
            draft = await users.Shanghai.CreateAsync("Draft to migrate");
            withdrawn = await users.Shanghai.CreateAsync("Withdrawn before the migration");
            await users.Shanghai.ActAsync(withdrawn, "withdraw");
            matching = await users.WalkToAsync("platform-matching");
            await users.PlatformJp.ActAsync(matching, "match"); // one collected approval, cleared by the migration
        }

        // v2 renames the state "draft" to "drafting" (the state, the initial state and the platform's return). Draft has
        // no due date or timers, so moving the draft reopens its task without consulting the business-day calendars.
        folder.Replace("\"draft\"", "\"drafting\"");

        (first, server) = folder.StartServer(connectionString, clock);
        await using (first)
        {
            using var users = await DemoUsers.SignInAsync(server);
            Assert.Equal(2, Assert.Single((await users.PlatformJp.GetAsync("/api/workflows")).EnumerateArray(), w => w.GetProperty("id").GetString() == "cooperation-proposal").GetProperty("latestVersion").GetInt32());
            var journalsBefore = new Dictionary<Guid, int>
            {
                [draft] = (await users.PlatformJp.JournalAsync(draft)).Count,
                [matching] = (await users.PlatformJp.JournalAsync(matching)).Count,
            };
            var (_, matchingETag) = await users.PlatformJp.GetProposalAsync(matching);
            var (_, draftETag) = await users.PlatformJp.GetProposalAsync(draft);
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__CityCoop"] = connectionString,
                ["Workflows__Folder"] = folder.Path,

                // The command journals the migration on the same clock as the servers around it.
                ["CityCoop__Clock"] = TestClock.Format(clock.GetUtcNow()),
            };

            // Without a mapping the draft would land in a state v2 lacks: refused, exit 1, naming the state.
            var refused = await RunCliAsync(environment, "workflows", "migrate", "--from", "1", "--to", "2", "--data-dir", dataDir);
            Assert.True(refused.ExitCode == 1, refused.Describe());
            Assert.Contains("Migration refused; nothing was changed:", refused.StandardError, StringComparison.Ordinal);
            Assert.Contains("in state 'draft' would end in 'draft', which v2 does not have", refused.StandardError, StringComparison.Ordinal);

            // The same version on both sides is refused.
            var same = await RunCliAsync(environment, "workflows", "migrate", "--from", "1", "--to", "1", "--dry-run", "--data-dir", dataDir);
            Assert.True(same.ExitCode == 1, same.Describe());
            Assert.Contains("--from and --to are both v1", same.StandardError, StringComparison.Ordinal);

            // A mapping to a state v2 lacks is refused too, naming that state.
            var badMap = await RunCliAsync(environment, "workflows", "migrate", "--from", "1", "--to", "2", "--map", "draft=sketch", "--dry-run", "--data-dir", dataDir);
            Assert.True(badMap.ExitCode == 1, badMap.Describe());
            Assert.Contains("v2 has no state 'sketch'", badMap.StandardError, StringComparison.Ordinal);

            var dryRun = await RunCliAsync(environment, "workflows", "migrate", "--from", "1", "--to", "2", "--map", "draft=drafting", "--dry-run", "--data-dir", dataDir);
            Assert.True(dryRun.ExitCode == 0, dryRun.Describe());
            Assert.Contains("\tdraft -> drafting", dryRun.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("\tplatform-matching -> platform-matching", dryRun.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("Dry run: would move 2 instance(s) from v1 to v2.", dryRun.StandardOutput, StringComparison.Ordinal);

            // Neither the refusals nor the dry run changed anything.
            foreach (var (id, etag, state) in new[] { (draft, draftETag, "draft"), (matching, matchingETag, "platform-matching") })
            {
                var (proposal, etagNow) = await users.PlatformJp.GetProposalAsync(id);
                Assert.Equal(etag, etagNow);
                Assert.Equal(1, proposal.GetProperty("workflowVersion").GetInt32());
                Assert.Equal(state, proposal.GetProperty("state").GetString());
                Assert.Equal(journalsBefore[id], (await users.PlatformJp.JournalAsync(id)).Count);
            }

            var (unmoved, _) = await users.PlatformJp.GetProposalAsync(matching);
            Assert.Single(unmoved.GetProperty("approvals").EnumerateArray());
            var matchTaskBefore = Assert.Single(unmoved.GetProperty("openTasks").EnumerateArray(), t => t.GetProperty("name").GetString() == "match-proposal");

            var run = await RunCliAsync(environment, "workflows", "migrate", "--from", "1", "--to", "2", "--map", "draft=drafting", "--data-dir", dataDir);
            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Contains("moved 2 instance(s) from v1 to v2.", run.StandardOutput, StringComparison.Ordinal);

            // A finished proposal is history: it stays on the version it finished on.
            var (finished, _) = await users.Shanghai.GetProposalAsync(withdrawn);
            Assert.Equal(1, finished.GetProperty("workflowVersion").GetInt32());

            var (movedDraft, _) = await users.Shanghai.GetProposalAsync(draft);
            Assert.Equal(2, movedDraft.GetProperty("workflowVersion").GetInt32());
            Assert.Equal("drafting", movedDraft.GetProperty("state").GetString());
            Assert.Equal(["prepare-proposal"], movedDraft.GetProperty("openTasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
            var draftJournal = await users.Shanghai.JournalAsync(draft);
            Assert.Equal(journalsBefore[draft] + 1, draftJournal.Count);
            var draftEntry = draftJournal[^1];
            Assert.Equal("migrated", draftEntry.GetProperty("kind").GetString());
            Assert.Equal("migrate", draftEntry.GetProperty("action").GetString());
            Assert.Equal("draft", draftEntry.GetProperty("fromState").GetString());
            Assert.Equal("drafting", draftEntry.GetProperty("toState").GetString());
            Assert.Equal("v1 -> v2; map draft=drafting", draftEntry.GetProperty("details").GetString());

            // The proposal in matching keeps its state and its open task (same id and due date); its collected approval is cleared.
            var (moved, _) = await users.PlatformJp.GetProposalAsync(matching);
            Assert.Equal(2, moved.GetProperty("workflowVersion").GetInt32());
            Assert.Equal("platform-matching", moved.GetProperty("state").GetString());
            Assert.Equal(0, moved.GetProperty("approvals").GetArrayLength());
            var matchTaskAfter = Assert.Single(moved.GetProperty("openTasks").EnumerateArray(), t => t.GetProperty("name").GetString() == "match-proposal");
            Assert.Equal(matchTaskBefore.GetProperty("id").GetGuid(), matchTaskAfter.GetProperty("id").GetGuid());
            Assert.Equal(matchTaskBefore.GetProperty("dueAt").GetDateTimeOffset(), matchTaskAfter.GetProperty("dueAt").GetDateTimeOffset());
            var migrated = (await users.PlatformJp.JournalAsync(matching))[^1];
            Assert.Equal("migrated", migrated.GetProperty("kind").GetString());
            Assert.Equal("platform-matching", migrated.GetProperty("fromState").GetString());
            Assert.Equal("platform-matching", migrated.GetProperty("toState").GetString());
            Assert.Equal("v1 -> v2; map draft=drafting; 1 collected approval(s) cleared", migrated.GetProperty("details").GetString());

            // Both continue on v2: matching needs both platforms again; the draft is submitted from "drafting".
            Assert.Equal("approval-recorded", (await users.PlatformJp.ActAsync(matching, "match")).GetProperty("outcome").GetString());
            Assert.Equal("ministry-approval", (await users.PlatformCn.ActAsync(matching, "match")).GetProperty("state").GetString());
            var submitted = await users.Shanghai.ActAsync(draft, "submit");
            Assert.Equal("platform-matching", submitted.GetProperty("state").GetString());
            Assert.Equal("drafting", submitted.GetProperty("entry").GetProperty("fromState").GetString());

            // Nothing is left on v1, so a second run moves nothing.
            var again = await RunCliAsync(environment, "workflows", "migrate", "--from", "1", "--to", "2", "--map", "draft=drafting", "--data-dir", dataDir);
            Assert.True(again.ExitCode == 0, again.Describe());
            Assert.Contains("moved 0 instance(s) from v1 to v2.", again.StandardOutput, StringComparison.Ordinal);
        }

        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The command may not have needed it.
        }
    }

    /// <summary>Time from opening a task to its due date.</summary>
    private static TimeSpan DueSpan(JsonElement proposal, string taskName)
    {
        var task = Assert.Single(proposal.GetProperty("openTasks").EnumerateArray(), t => t.GetProperty("name").GetString() == taskName);
        return task.GetProperty("dueAt").GetDateTimeOffset() - task.GetProperty("openedAt").GetDateTimeOffset();
    }

    private static async Task<CliRun> RunCliAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(CityCoopProcess.DllPath)!,
        };
        start.ArgumentList.Add(CityCoopProcess.DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "CITYCOOP_DATABASE", "ConnectionStrings__CityCoop", "DataDir", "Workflows__Folder", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["CityCoop__Clock"] = TestClock.Setting;

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"citycoop {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr, string.Join(' ', arguments));
    }

    private sealed record CliRun(int ExitCode, string StandardOutput, string StandardError, string Command)
    {
        public string Describe() =>
            $"citycoop {Command}\nexit: {ExitCode.ToString(CultureInfo.InvariantCulture)}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
    }
}
