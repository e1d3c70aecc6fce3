using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

public class WorkflowMigrationPlanTests
{
    // Version 2 renames platform-matching to review: instances there need an explicit map.
    private static WorkflowDefinition RenamedV2() =>
        TestHooks.Loader().Parse(RepoFiles.ProposalJson.Replace("platform-matching", "review", StringComparison.Ordinal), "cooperation-proposal.json", version: 2);

    [Fact]
    public void Create_WithInstanceInAStateTheTargetLacks_RefusesAndListsTheInstance()
    {
        var inMatching = new ProposalScenario().InMatching();
        var inDraft = new ProposalScenario();

        var error = Assert.Throws<WorkflowMigrationException>(() =>
            WorkflowMigrationPlan.Create(inMatching.Definition, RenamedV2(), new Dictionary<string, string>(), [inMatching.Instance, inDraft.Instance]));

        var problem = Assert.Single(error.Problems);
        Assert.Contains(inMatching.Instance.Id.ToString(), problem);
        Assert.Contains("'platform-matching'", problem);
    }

    [Fact]
    public void Create_WithMapToUnknownState_IsRefused()
    {
        var s = new ProposalScenario();

        var error = Assert.Throws<WorkflowMigrationException>(() =>
            WorkflowMigrationPlan.Create(s.Definition, RenamedV2(), WorkflowMigrationPlan.ParseMap(["platform-matching=matching"]), [s.Instance]));

        Assert.Contains(error.Problems, p => p.Contains("no state 'matching'", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_IsADryRunThatLeavesInstancesUnchanged()
    {
        var s = new ProposalScenario().InMatching();
        var before = (s.Instance.Version, s.Instance.CurrentState, s.Instance.Revision, s.Instance.Journal.Count, s.Instance.OpenTasks.Count());

        var plan = WorkflowMigrationPlan.Create(s.Definition, RenamedV2(), WorkflowMigrationPlan.ParseMap(["platform-matching=review"]), [s.Instance]);

        Assert.Equal(new MigrationStep(s.Instance.Id, "platform-matching", "review"), Assert.Single(plan.Steps));
        Assert.Equal(before, (s.Instance.Version, s.Instance.CurrentState, s.Instance.Revision, s.Instance.Journal.Count, s.Instance.OpenTasks.Count()));
    }

    [Fact]
    public void Apply_MovesVersionAndStateReopensTasksAndJournalsMigrated()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");
        var v2 = RenamedV2();
        var plan = WorkflowMigrationPlan.Create(s.Definition, v2, WorkflowMigrationPlan.ParseMap(["platform-matching=review"]), [s.Instance]);

        var outputs = s.Engine.Migrate(plan, s.Instance, Actors.Admin, s.Subject, s.Now);

        Assert.Equal((2, "review"), (s.Instance.Version, s.Instance.CurrentState));
        Assert.Empty(s.Instance.Approvals);
        Assert.Equal(2, outputs.TasksClosed.Count);
        Assert.Equal(2, outputs.TasksOpened.Count);
        Assert.All(s.Instance.OpenTasks, t => Assert.Equal("review", t.State));
        var entry = s.Instance.Journal[^1];
        Assert.Equal((JournalEntryKind.Migrated, "platform-matching", "review"), (entry.Kind, entry.FromState, entry.ToState));
        Assert.Contains("v1 -> v2", entry.Details);
        Assert.IsType<WorkflowSuccess>(s.Engine.Execute(s.Instance, v2, Actors.PlatformJp, "match", Inputs.None, s.Subject, s.Now));
    }

    [Fact]
    public void Apply_ToTheSameStateName_KeepsUnchangedTasksAndTheirDueDates()
    {
        var s = new ProposalScenario().InMatching();
        var v2 = TestHooks.Loader().Parse(RepoFiles.ProposalJson.Replace("\"Inter-city cooperation proposal\"", "\"Cooperation proposal\"", StringComparison.Ordinal), "cooperation-proposal.json", version: 2);
        var openBefore = s.Instance.OpenTasks.Select(t => (t.Id, t.DueAt)).ToList();
        var plan = WorkflowMigrationPlan.Create(s.Definition, v2, new Dictionary<string, string>(), [s.Instance]);

        var outputs = s.Engine.Migrate(plan, s.Instance, Actors.Admin, s.Subject, s.Now.AddDays(3));

        Assert.Empty(outputs.TasksOpened);
        Assert.Empty(outputs.TasksClosed);
        Assert.Equal(openBefore, s.Instance.OpenTasks.Select(t => (t.Id, t.DueAt)));
        Assert.Equal(2, s.Instance.Version);
    }

    [Fact]
    public void Create_InstanceOnAnotherVersion_IsRefused()
    {
        var s = new ProposalScenario();

        Assert.Throws<WorkflowMigrationException>(() =>
            WorkflowMigrationPlan.Create(s.Definition with { Version = 5 }, RenamedV2(), new Dictionary<string, string>(), [s.Instance]));
    }

    [Fact]
    public void Apply_ForInstanceNotInThePlan_Throws()
    {
        var planned = new ProposalScenario();
        var other = new ProposalScenario();
        var plan = WorkflowMigrationPlan.Create(planned.Definition, RenamedV2(), new Dictionary<string, string>(), [planned.Instance]);

        Assert.Throws<InvalidOperationException>(() => planned.Engine.Migrate(plan, other.Instance, Actors.Admin, other.Subject, other.Now));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("=b")]
    [InlineData("a=")]
    public void ParseMap_WithMalformedPair_Throws(string pair)
    {
        Assert.Throws<FormatException>(() => WorkflowMigrationPlan.ParseMap([pair]));
    }
}
