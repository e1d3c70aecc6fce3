using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

public class ApprovalRuleTests
{
    private static readonly WorkflowActor CityA = Actors.ShanghaiCity with { UserId = "a1", OrganizationCode = "city:a" };
    private static readonly WorkflowActor CityA2 = Actors.ShanghaiCity with { UserId = "a2", OrganizationCode = "city:a" };
    private static readonly WorkflowActor CityB = Actors.ShanghaiCity with { UserId = "b1", OrganizationCode = "city:b" };

    private static (WorkflowEngine Engine, WorkflowDefinition Definition, WorkflowInstance Instance, TestSubject Subject) Setup(string approval)
    {
        var json = $$"""
        {
          "id": "vote", "title": "Vote", "initialState": "open",
          "states": [
            { "name": "open", "tasks": [ { "name": "vote", "role": "city", "scope": "any-organization",
              "actions": [ { "name": "accept", "target": "done", "approval": {{approval}} } ] } ] },
            { "name": "done", "final": true }
          ]
        }
        """;
        var definition = TestHooks.Loader().Parse(json, "vote.json");
        var engine = new WorkflowEngine(TestHooks.Create(), CalendarDaysCalendar.Instance);
        var subject = new TestSubject();
        return (engine, definition, engine.Start(definition, subject, CityA, ProposalScenario.T0).Instance, subject);
    }

    private static WorkflowResult Accept((WorkflowEngine Engine, WorkflowDefinition Definition, WorkflowInstance Instance, TestSubject Subject) s, WorkflowActor actor) =>
        s.Engine.Execute(s.Instance, s.Definition, actor, "accept", Inputs.None, s.Subject, ProposalScenario.T0.AddHours(1));

    [Fact]
    public void KOfN_TransitionsWhenKDistinctPeopleApproved()
    {
        var s = Setup("""{ "mode": "k-of-n", "k": 2, "groups": [ {"role":"city","scope":"any-organization"}, {"role":"city","scope":"any-organization"}, {"role":"city","scope":"any-organization"} ], "distinctPeople": true }""");

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, ((WorkflowSuccess)Accept(s, CityA)).Outcome);
        Assert.Equal(WorkflowOutcome.Transitioned, ((WorkflowSuccess)Accept(s, CityA2)).Outcome);
        Assert.Equal("done", s.Instance.CurrentState);
    }

    [Fact]
    public void KOfN_WithDistinctOrganizations_RefusesASecondPersonOfTheSameOrganization()
    {
        var s = Setup("""{ "mode": "k-of-n", "k": 2, "groups": [ {"role":"city","scope":"any-organization"}, {"role":"city","scope":"any-organization"}, {"role":"city","scope":"any-organization"} ], "distinctPeople": true, "distinctOrganizations": true }""");
        Accept(s, CityA);

        Assert.IsType<AlreadyApproved>(Accept(s, CityA2));
        Assert.Equal(WorkflowOutcome.Transitioned, ((WorkflowSuccess)Accept(s, CityB)).Outcome);
    }

    [Fact]
    public void AllOf_WithoutDistinctPeople_LetsOnePersonFillEveryGroupTheyQualifyFor()
    {
        var s = Setup("""{ "mode": "all-of", "groups": [ {"role":"city","scope":"any-organization"}, {"role":"city","scope":"any-organization"} ] }""");

        Assert.Equal(WorkflowOutcome.Transitioned, ((WorkflowSuccess)Accept(s, CityA)).Outcome);
    }

    [Fact]
    public void AllOf_WithDistinctPeople_NeedsASecondPerson()
    {
        var s = Setup("""{ "mode": "all-of", "groups": [ {"role":"city","scope":"any-organization"}, {"role":"city","scope":"any-organization"} ], "distinctPeople": true }""");

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, ((WorkflowSuccess)Accept(s, CityA)).Outcome);
        Assert.IsType<AlreadyApproved>(Accept(s, CityA));
        Assert.Equal(WorkflowOutcome.Transitioned, ((WorkflowSuccess)Accept(s, CityA2)).Outcome);
    }

    [Fact]
    public void Approval_ByActorQualifyingForNoGroup_IsForbidden()
    {
        var s = Setup("""{ "mode": "all-of", "groups": [ {"role":"city","scope":"proposal-city"} ] }""");

        Assert.IsType<ActionForbidden>(Accept(s, CityB));
    }
}
