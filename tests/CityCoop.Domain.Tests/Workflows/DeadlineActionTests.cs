using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

/// <summary>Deadlines that take an action (<c>{ "kind": "deadline", "action": "expire" }</c>) and system-only actions.</summary>
public class DeadlineActionTests
{
    // A task whose deadline takes a system action guarded by four-eyes (the system actor is nobody's second pair of eyes
    // here, the point is only that guards still run).
    private const string Guarded = """
    {
      "id": "mini", "title": "Mini", "initialState": "a",
      "states": [
        { "name": "a", "tasks": [ { "name": "t", "role": "city", "scope": "proposal-city", "due": { "after": "P1D" },
          "actions": [
            { "name": "go", "target": "b" },
            { "name": "lapse", "target": "b", "system": true, "guards": ["has-partner-city"] }
          ],
          "timers": [ { "kind": "deadline", "action": "lapse" } ] } ] },
        { "name": "b", "final": true }
      ]
    }
    """;

    private static WorkflowDefinitionException Refuse(string json) =>
        Assert.Throws<WorkflowDefinitionException>(() => TestHooks.Loader().Parse(json, "broken.json"));

    [Fact]
    public void Load_TheRealDefinition_ExecuteFundsDeadlineTakesTheSystemActionExpireToClosed()
    {
        var task = TestHooks.Proposal().GetState("fund-execution").Tasks.Single(t => t.Name == "execute-funds");

        var expire = task.Actions.Single(a => a.Name == "expire");
        Assert.True(expire.IsSystem);
        Assert.Equal("closed", expire.Target);
        Assert.False(task.Actions.Single(a => a.Name == "close").IsSystem);
        Assert.Equal("expire", task.Timers.Single(t => t.Kind == TimerKind.Deadline).Action);
        Assert.Null(task.Timers.Single(t => t.Kind == TimerKind.Reminder).Action);
    }

    [Fact]
    public void Load_DeadlineNamingAnUndeclaredAction_IsRefusedWithFileAndPath()
    {
        var error = Refuse(Guarded.Replace("\"action\": \"lapse\"", "\"action\": \"vanish\"", StringComparison.Ordinal));

        var problem = Assert.Single(error.Problems, p => p.Path == "$.states[0].tasks[0].timers[0].action");
        Assert.Equal("action 'vanish' is not declared on task 't'; declared: go, lapse.", problem.Reason);
        Assert.Contains("broken.json $.states[0].tasks[0].timers[0].action: action 'vanish' is not declared on task 't'", error.Message);
    }

    [Fact]
    public void Load_SystemActionNamedByNoDeadline_IsRefused()
    {
        var error = Refuse(Guarded.Replace(", \"action\": \"lapse\"", string.Empty, StringComparison.Ordinal));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("$.states[0].tasks[0].actions[1].system", problem.Path);
        Assert.Contains("system action 'lapse' is named by no deadline timer of task 't'", problem.Reason);
    }

    [Fact]
    public void Load_DeadlineNamingAnActionWithARequiredInput_IsRefused()
    {
        var error = Refuse(Guarded.Replace("\"system\": true,", "\"system\": true, \"inputs\": [{ \"name\": \"comment\", \"type\": \"text\", \"required\": true }],", StringComparison.Ordinal));

        Assert.Equal("$.states[0].tasks[0].timers[0].action", Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void Load_ActionOnAReminder_IsRefusedBySchema()
    {
        var error = Refuse(Guarded.Replace("{ \"kind\": \"deadline\", \"action\": \"lapse\" }", "{ \"kind\": \"deadline\", \"action\": \"lapse\" }, { \"kind\": \"reminder\", \"before\": \"P1D\", \"action\": \"go\" }", StringComparison.Ordinal));

        Assert.Contains(error.Problems, p => p.Path.StartsWith("$.states[0].tasks[0].timers[1]", StringComparison.Ordinal));
    }

    [Fact]
    public void AllowedActions_NeverListASystemAction_EvenForThePlatform()
    {
        var s = new ProposalScenario().InFundExecution();

        var allowed = s.Engine.AllowedActions(s.Instance, s.Definition, Actors.PlatformJp, s.Subject);

        Assert.Contains("close", allowed);
        Assert.DoesNotContain("expire", allowed);
        Assert.DoesNotContain("expire", s.Engine.AllowedActions(s.Instance, s.Definition, Actors.Admin, s.Subject));
    }

    [Fact]
    public void Expire_ByAPerson_IsRefusedAsSystemOnly_AndNothingChanges()
    {
        var s = new ProposalScenario().InFundExecution();
        var revision = s.Instance.Revision;

        var refused = Assert.IsType<SystemActionRefused>(s.Do(Actors.PlatformJp, "expire"));

        Assert.Equal("Action 'expire' is taken only by the system, when the deadline of task 'execute-funds' passes.", refused.Message);
        Assert.Equal(("fund-execution", revision), (s.Instance.CurrentState, s.Instance.Revision));
        Assert.True(s.Instance.Tasks.Single(t => t.TaskName == "execute-funds").IsOpen);
    }

    [Fact]
    public void Expire_BySystemActor_ClosesTheTaskMovesToClosedAndJournalsTheSystem()
    {
        var s = new ProposalScenario().InFundExecution();

        var result = s.Ok(WorkflowEngine.SystemActor, "expire");

        Assert.Equal(WorkflowOutcome.Transitioned, result.Outcome);
        Assert.Equal("closed", s.Instance.CurrentState);
        Assert.Equal(("expire", "system", "fund-execution", "closed"), (result.Entry.Action, result.Entry.ActorUserId, result.Entry.FromState, result.Entry.ToState));
        // The platform's task and the ministry's standing amend-funding close together.
        Assert.Equal([("execute-funds", "expire"), ("amend-funding", "expire")], result.Outputs.TasksClosed.Select(t => (t.TaskName, t.ClosedByAction)).ToList());
        var notice = Assert.Single(result.Outputs.Notifications);
        Assert.Equal((NotificationTrigger.TaskClosed, "decision-made"), (notice.Trigger, notice.Template));
        Assert.Equal(["city:shanghai"], Assert.Single(notice.Recipients).OrganizationCodes);
        Assert.Empty(s.Instance.OpenTasks);
    }

    [Fact]
    public void SystemActor_MayNotTakeAPersonsAction()
    {
        var s = new ProposalScenario().InFundExecution();

        Assert.IsType<ActionForbidden>(s.Do(WorkflowEngine.SystemActor, "close"));
        Assert.Equal("fund-execution", s.Instance.CurrentState);
    }

    [Fact]
    public void APersonWithTheSystemsUserId_IsStillAPerson()
    {
        var s = new ProposalScenario().InFundExecution();
        var impostor = WorkflowEngine.SystemActor with { Roles = new HashSet<WorkflowRole> { CityCoopRoles.Platform }, OrganizationCode = OrganizationCodes.PlatformJp };

        Assert.IsType<SystemActionRefused>(s.Do(impostor, "expire"));
    }

    [Fact]
    public void SystemAction_GuardsStillApply()
    {
        var definition = TestHooks.Loader().Parse(Guarded, "mini.json");
        var engine = new WorkflowEngine(TestHooks.Create(), CalendarDaysCalendar.Instance);
        var subject = new TestSubject();
        var instance = engine.Start(definition, subject, Actors.ShanghaiCity, ProposalScenario.T0).Instance;

        var refused = engine.Execute(instance, definition, WorkflowEngine.SystemActor, "lapse", Inputs.None, subject, ProposalScenario.T0.AddDays(1));

        Assert.Equal("has-partner-city", Assert.IsType<GuardFailed>(refused).Guard);
        Assert.Equal("a", instance.CurrentState);
        subject.Partners.Add("city:osaka");
        Assert.IsType<WorkflowSuccess>(engine.Execute(instance, definition, WorkflowEngine.SystemActor, "lapse", Inputs.None, subject, ProposalScenario.T0.AddDays(1)));
        Assert.Equal("b", instance.CurrentState);
    }

    [Fact]
    public void Diagram_ShowsTheSystemActionMarkedAutomatic()
    {
        var text = MermaidDiagram.Render(TestHooks.Proposal(), null);

        Assert.Contains("s_fund_execution --> s_closed : close\n", text, StringComparison.Ordinal);
        Assert.Contains("s_fund_execution --> s_closed : expire (automatic)\n", text, StringComparison.Ordinal);
    }
}
