using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

/// <summary>One proposal walking the real cooperation-proposal definition, with a clock the test moves.</summary>
internal sealed class ProposalScenario
{
    public static readonly DateTimeOffset T0 = new(2014, 6, 2, 1, 0, 0, TimeSpan.Zero);

    public ProposalScenario(WorkflowDefinition? definition = null)
    {
        Definition = definition ?? TestHooks.Proposal();
        Engine = new WorkflowEngine(TestHooks.Create(), CalendarDaysCalendar.Instance);
        Started = Engine.Start(Definition, Subject, Actors.ShanghaiCity, Now);
    }

    public WorkflowDefinition Definition { get; }

    public WorkflowEngine Engine { get; }

    public TestSubject Subject { get; } = new();

    public DateTimeOffset Now { get; set; } = T0;

    public WorkflowStart Started { get; }

    public WorkflowInstance Instance => Started.Instance;

    public WorkflowResult Do(WorkflowActor actor, string action, object? inputs = null)
    {
        Now = Now.AddHours(1);
        return Engine.Execute(Instance, Definition, actor, action, inputs is null ? Inputs.None : Inputs.Of(inputs), Subject, Now);
    }

    public WorkflowSuccess Ok(WorkflowActor actor, string action, object? inputs = null)
    {
        var result = Do(actor, action, inputs);
        return result as WorkflowSuccess ?? throw new Xunit.Sdk.XunitException($"{action} by {actor.DisplayName} failed: {result}");
    }

    public ProposalScenario InMatching()
    {
        Ok(Actors.ShanghaiCity, "submit");
        return this;
    }

    public ProposalScenario ReadyToMatch()
    {
        InMatching();
        Ok(Actors.PlatformJp, "set-partner", new { cityCodes = new[] { "osaka" } });
        Ok(Actors.PlatformCn, "record-matches", new { items = new[] { new { wished = "PM2.5 monitoring", offered = "Osaka monitoring network" } } });
        return this;
    }

    public ProposalScenario InMinistryApproval()
    {
        ReadyToMatch();
        Ok(Actors.PlatformJp, "match");
        Ok(Actors.PlatformCn, "match");
        return this;
    }

    public ProposalScenario InFundExecution(decimal amount = 500_000m)
    {
        InMinistryApproval();
        Ok(Actors.MinistryJp, "approve", new { amount });
        return this;
    }
}
