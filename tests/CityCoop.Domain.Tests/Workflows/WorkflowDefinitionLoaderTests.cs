using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

public class WorkflowDefinitionLoaderTests
{
    private const string Minimal = """
    {
      "id": "mini", "title": "Mini", "initialState": "a",
      "states": [
        { "name": "a", "tasks": [ { "name": "t", "role": "city", "scope": "proposal-city",
          "actions": [ { "name": "go", "target": "b", "guards": ["four-eyes"] } ] } ] },
        { "name": "b", "final": true }
      ]
    }
    """;

    private static WorkflowDefinitionException Refuse(string json) =>
        Assert.Throws<WorkflowDefinitionException>(() => TestHooks.Loader().Parse(json, "broken.json"));

    [Theory]
    [InlineData("\"due\": { \"after\": \"P1D\" }")]
    [InlineData("\"following\": true")]
    [InlineData("\"timers\": [{ \"kind\": \"reminder\", \"before\": \"P1D\" }]")]
    [InlineData("\"notifications\": [{ \"on\": \"task-opened\", \"template\": \"task-opened\" }]")]
    public void StandingTask_WithADueDateTimersATaskOpenedNoticeOrFollowing_IsRefused(string member)
    {
        var standing = Minimal.Replace("\"name\": \"t\",", "\"name\": \"t\", \"standing\": true,", StringComparison.Ordinal);
        Assert.True(TestHooks.Loader().Parse(standing, "standing.json").States[0].Tasks[0].IsStanding);
        Assert.False(TestHooks.Loader().Parse(Minimal, "mini.json").States[0].Tasks[0].IsStanding);

        Refuse(standing.Replace("\"standing\": true,", "\"standing\": true, " + member + ",", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FollowingTasks_AreMarked_AndOnlyThey()
    {
        var definition = TestHooks.Proposal();

        var following = definition.States.SelectMany(s => s.Tasks).Where(t => t.IsFollowing).Select(t => t.Name);

        Assert.Equal(["follow-matching", "follow-approval"], following);
        Assert.All(definition.States.SelectMany(s => s.Tasks).Where(t => t.IsFollowing), t => Assert.Null(t.Due));
    }

    [Fact]
    public void Load_TheRealCooperationProposalDefinition_Succeeds()
    {
        var definition = TestHooks.Proposal();

        Assert.Equal("cooperation-proposal", definition.Id);
        Assert.Equal("draft", definition.InitialState);
        Assert.Equal(["draft", "platform-matching", "ministry-approval", "fund-execution", "closed", "declined", "rejected", "withdrawn"], definition.States.Select(s => s.Name));
        Assert.Equal(["closed", "declined", "rejected", "withdrawn"], definition.States.Where(s => s.IsFinal).Select(s => s.Name));
        var match = definition.GetState("platform-matching").Actions.Single(x => x.Action.Name == "match").Action;
        Assert.Equal(["has-partner-city", "has-matched-item", "kind-fits-pairing"], match.Guards.Select(g => g.Name));
        Assert.Equal((ApprovalMode.AllOf, 2, true, false), (match.Approval!.Mode, match.Approval.K, match.Approval.DistinctPeople, match.Approval.DistinctOrganizations));
        Assert.Equal(["set-partner", "record-matches", "set-cooperation-kind"], match.Approval.ResetWhen);
        Assert.Equal([CityCoopScopes.PlatformJp, CityCoopScopes.PlatformCn], match.Approval.Groups.Select(g => g.Scope));
        var approve = definition.GetState("ministry-approval").Actions.Single(x => x.Action.Name == "approve");
        Assert.Equal((CityCoopRoles.Ministry, CityCoopScopes.MinistryJp), (approve.Task.Role, approve.Task.Scope));
        var fourEyes = Assert.Single(approve.Action.Guards, g => g.Name == "four-eyes");
        Assert.Equal(["submit", "match"], fourEyes.Parameters.GetStrings("actions"));
        Assert.Equal("fiscal-year-end", definition.GetState("fund-execution").Tasks[0].Due!.DateSource);
        Assert.Equal(64, definition.ContentHash.Length);
    }

    [Fact]
    public void Load_SameContentWithOtherWhitespace_HasTheSameHash()
    {
        var loader = TestHooks.Loader();

        var a = loader.Parse(Minimal, "a.json");
        var b = loader.Parse(Minimal.Replace("\n", "\n\n", StringComparison.Ordinal), "b.json");
        var c = loader.Parse(Minimal.Replace("\"Mini\"", "\"Mini 2\"", StringComparison.Ordinal), "c.json");

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
    }

    [Fact]
    public void Load_AssignsTheVersionGiven()
    {
        Assert.Equal(3, TestHooks.Loader().Parse(Minimal, "mini.json", version: 3).Version);
    }

    [Fact]
    public void Load_UnknownRole_IsRefusedBySchemaWithFileAndPath()
    {
        var error = Refuse(Minimal.Replace("\"role\": \"city\"", "\"role\": \"mayor\"", StringComparison.Ordinal));

        Assert.Equal("broken.json", error.File);
        Assert.Contains(error.Problems, p => p.Path == "$.states[0].tasks[0].role");
        Assert.Contains("broken.json $.states[0].tasks[0].role", error.Message);
    }

    [Fact]
    public void Load_MissingTitle_IsRefusedBySchemaAtTheRoot()
    {
        var error = Refuse(Minimal.Replace("\"title\": \"Mini\",", "", StringComparison.Ordinal));

        Assert.Contains(error.Problems, p => p.Path == "$" && p.Reason.Contains("title", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadDuration_IsRefusedBySchemaAtTheDuePath()
    {
        var error = Refuse(Minimal.Replace("\"scope\": \"proposal-city\",", "\"scope\": \"proposal-city\", \"due\": { \"after\": \"10 days\" },", StringComparison.Ordinal));

        Assert.Contains(error.Problems, p => p.Path.StartsWith("$.states[0].tasks[0].due", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownProperty_IsRefusedAtItsPath()
    {
        var error = Refuse(Minimal.Replace("\"final\": true", "\"final\": true, \"colour\": \"red\"", StringComparison.Ordinal));

        Assert.Equal("$.states[1].colour", Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void Load_DeadlineTimerWithBefore_IsRefusedNamingTheSchemaRule()
    {
        var error = Refuse(Minimal.Replace("\"scope\": \"proposal-city\",", "\"scope\": \"proposal-city\", \"due\": {\"after\": \"P1D\"}, \"timers\": [ { \"kind\": \"deadline\", \"before\": \"P1D\" } ],", StringComparison.Ordinal));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("$.states[0].tasks[0].timers[0]", problem.Path);
        Assert.Contains("#/$defs/timer", problem.Reason);
    }

    [Fact]
    public void Load_InvalidJson_IsRefusedWithTheFileName()
    {
        var error = Refuse("{ \"id\": ");

        Assert.Contains("broken.json", error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void Load_UnknownGuard_IsRefusedWithItsJsonPath()
    {
        var error = Refuse(Minimal.Replace("\"four-eyes\"", "\"four-eyes\", \"crystal-ball\"", StringComparison.Ordinal));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("$.states[0].tasks[0].actions[0].guards[1]", problem.Path);
        Assert.Contains("crystal-ball", problem.Reason);
        Assert.Contains("broken.json $.states[0].tasks[0].actions[0].guards[1]: unknown guard 'crystal-ball'", error.Message);
    }

    [Fact]
    public void Load_UnknownEffectAndDateSource_AreRefusedWithTheirPaths()
    {
        var error = Refuse(Minimal
            .Replace("\"guards\": [\"four-eyes\"]", "\"effects\": [\"print-money\"]", StringComparison.Ordinal)
            .Replace("\"scope\": \"proposal-city\",", "\"scope\": \"proposal-city\", \"due\": { \"date\": \"doomsday\" },", StringComparison.Ordinal));

        Assert.Equal(["$.states[0].tasks[0].due.date", "$.states[0].tasks[0].actions[0].effects[0]"], error.Problems.Select(p => p.Path));
    }

    [Fact]
    public void Load_TargetNamingUnknownState_IsRefused()
    {
        var error = Refuse(Minimal.Replace("\"target\": \"b\"", "\"target\": \"nowhere\"", StringComparison.Ordinal));

        Assert.Contains(error.Problems, p => p.Path == "$.states[0].tasks[0].actions[0].target");
    }

    [Fact]
    public void Load_UnreachableState_IsRefused()
    {
        var error = Refuse(Minimal.Replace("{ \"name\": \"b\", \"final\": true }", "{ \"name\": \"b\", \"final\": true }, { \"name\": \"island\", \"final\": true }", StringComparison.Ordinal));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("$.states[2]", problem.Path);
        Assert.Contains("cannot be reached", problem.Reason);
    }

    [Fact]
    public void Load_NonFinalStateWithoutWayOut_IsRefused()
    {
        var error = Refuse(Minimal.Replace("\"target\": \"b\"", "\"target\": \"a\"", StringComparison.Ordinal).Replace("\"final\": true", "\"final\": false", StringComparison.Ordinal));

        Assert.Contains(error.Problems, p => p.Path == "$.states[0]" && p.Reason.Contains("no action leading out", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SeveralProblems_ReportsThemAll()
    {
        var error = Refuse(Minimal
            .Replace("\"four-eyes\"", "\"crystal-ball\"", StringComparison.Ordinal)
            .Replace("\"initialState\": \"a\"", "\"initialState\": \"zz\"", StringComparison.Ordinal));

        Assert.Contains(error.Problems, p => p.Path == "$.initialState");
        Assert.Contains(error.Problems, p => p.Path == "$.states[0].tasks[0].actions[0].guards[0]");
        Assert.Contains("problems", error.Message);
    }

    [Fact]
    public void Load_KGreaterThanGroups_IsRefused()
    {
        var error = Refuse(Minimal.Replace("\"guards\": [\"four-eyes\"]", "\"approval\": { \"mode\": \"k-of-n\", \"k\": 3, \"groups\": [ {\"role\":\"city\",\"scope\":\"proposal-city\"} ] }", StringComparison.Ordinal));

        Assert.Equal("$.states[0].tasks[0].actions[0].approval.k", Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void Load_FinalStateWithTasks_IsRefused()
    {
        var error = Refuse(Minimal.Replace("{ \"name\": \"b\", \"final\": true }", "{ \"name\": \"b\", \"final\": true, \"tasks\": [ { \"name\": \"x\", \"role\": \"city\", \"scope\": \"proposal-city\", \"actions\": [ { \"name\": \"y\" } ] } ] }", StringComparison.Ordinal));

        Assert.Contains(error.Problems, p => p.Path == "$.states[1].tasks");
    }

    [Fact]
    public void Load_TimerOnTaskWithoutDueDate_IsRefused()
    {
        var error = Refuse(Minimal.Replace("\"scope\": \"proposal-city\",", "\"scope\": \"proposal-city\", \"timers\": [ { \"kind\": \"deadline\" } ],", StringComparison.Ordinal));

        Assert.Equal("$.states[0].tasks[0].timers[0]", Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void Load_ReminderWithoutBefore_IsRefusedBySchema()
    {
        var error = Refuse(Minimal.Replace("\"scope\": \"proposal-city\",", "\"scope\": \"proposal-city\", \"due\": {\"after\": \"P1D\"}, \"timers\": [ { \"kind\": \"reminder\" } ],", StringComparison.Ordinal));

        Assert.Contains(error.Problems, p => p.Path == "$.states[0].tasks[0].timers[0]");
    }

    [Fact]
    public void Load_RealDefinitionWithoutProposalHooks_NamesEveryUnknownGuardAndEffect()
    {
        var loader = WorkflowDefinitionLoader.FromSchemaFile(RepoFiles.SchemaPath, new WorkflowHooks());

        var error = Assert.Throws<WorkflowDefinitionException>(() => loader.Load(RepoFiles.ProposalPath));

        Assert.Equal("cooperation-proposal.json", error.File);
        Assert.Contains(error.Problems, p => p.Reason.Contains("'has-partner-city'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Reason.Contains("'fiscal-year-end'", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Problems, p => p.Reason.Contains("'four-eyes'", StringComparison.Ordinal));
    }

    private const string ResetWhen = "\"resetWhen\": [\"set-partner\", \"record-matches\", \"set-cooperation-kind\"]";

    // The real definition's match is $.states[1].tasks[0].actions[5].
    [Theory]
    [InlineData("\"set-partner\", \"set-partnr\"", 1, "unknown action 'set-partnr': the actions of state 'platform-matching' that stay in it are record-consultation, record-matches, set-cooperation-kind, set-partner, void-activity.")]
    [InlineData("\"approve\"", 0, "unknown action 'approve': the actions of state 'platform-matching' that stay in it are")]
    [InlineData("\"record-matches\", \"return\"", 1, "action 'return' leaves state 'platform-matching' (target 'draft'), which clears every approval anyway")]
    [InlineData("\"match\"", 0, "'match' is the approved action itself")]
    public void Load_ResetWhenNamingNoActionThatStaysInTheState_IsRefusedWithFilePathAndReason(string names, int index, string reason)
    {
        var json = RepoFiles.ProposalJson;
        Assert.Contains(ResetWhen, json, StringComparison.Ordinal);

        var error = Assert.Throws<WorkflowDefinitionException>(() => TestHooks.Loader().Parse(json.Replace(ResetWhen, $"\"resetWhen\": [{names}]", StringComparison.Ordinal), "cooperation-proposal.json"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal($"$.states[1].tasks[0].actions[5].approval.resetWhen[{index}]", problem.Path);
        Assert.StartsWith(reason, problem.Reason, StringComparison.Ordinal);
        Assert.Contains($"cooperation-proposal.json $.states[1].tasks[0].actions[5].approval.resetWhen[{index}]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ResetWhenThatIsNotAListOfNames_IsRefusedBySchema()
    {
        var error = Assert.Throws<WorkflowDefinitionException>(() => TestHooks.Loader().Parse(RepoFiles.ProposalJson.Replace(ResetWhen, "\"resetWhen\": \"set-partner\"", StringComparison.Ordinal), "cooperation-proposal.json"));

        Assert.Contains(error.Problems, p => p.Path == "$.states[1].tasks[0].actions[5].approval.resetWhen");
    }

    [Theory]
    [InlineData("/states/2/tasks/0/actions/1/guards/0", "$.states[2].tasks[0].actions[1].guards[0]")]
    [InlineData("", "$")]
    [InlineData("/displayNames/zh-Hans", "$.displayNames['zh-Hans']")]
    public void ToJsonPath_ConvertsJsonPointers(string jsonPointer, string expected)
    {
        Assert.Equal(expected, WorkflowDefinitionLoader.ToJsonPath(jsonPointer));
    }
}
