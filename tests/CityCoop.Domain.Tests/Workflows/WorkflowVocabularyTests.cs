using System.Text.Json;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

/// <summary>
/// Roles, scopes and input types are names a module declares; the loader refuses others as it refuses unknown hooks, and
/// the engine resolves scopes only through the module. Four-eyes is a guard with parameters.
/// </summary>
public class WorkflowVocabularyTests
{
    // A module that knows nothing of proposals: clerks of a desk, a "note" input that must be a string of "ok" or "no".
    private const string Desk = """
    {
      "id": "desk", "title": "Desk", "initialState": "open",
      "states": [
        { "name": "open", "tasks": [ { "name": "handle", "role": "clerk", "scope": "own-desk",
          "actions": [
            { "name": "stamp", "inputs": [ { "name": "note", "type": "verdict", "required": true } ] },
            { "name": "close", "target": "done", "guards": [ { "name": "four-eyes", "actions": ["stamp"] } ] }
          ] } ] },
        { "name": "done", "final": true }
      ]
    }
    """;

    private static readonly DateTimeOffset Now = new(2014, 6, 2, 1, 0, 0, TimeSpan.Zero);

    private static readonly WorkflowActor Clerk = new("u-1", "Clerk one", new HashSet<WorkflowRole> { new("clerk") }, "desk:7", OrganizationKind.City, null);

    private static readonly WorkflowActor OtherClerk = Clerk with { UserId = "u-2", DisplayName = "Clerk two" };

    private static WorkflowHooks DeskHooks() => new WorkflowHooks()
        .AddRole("clerk")
        .AddScope("own-desk", s => [((DeskSubject)s).Desk], assignsOne: true)
        .AddInputType("verdict", (input, value) => value.ValueKind == JsonValueKind.String && value.GetString() is "ok" or "no"
            ? null
            : WorkflowInputShapes.Refuse("expected-verdict", "expected \"ok\" or \"no\".", input));

    private static WorkflowDefinitionLoader Loader(WorkflowHooks hooks) => WorkflowDefinitionLoader.FromSchemaFile(RepoFiles.SchemaPath, hooks);

    private static WorkflowDefinitionException Refuse(string json, WorkflowHooks? hooks = null) =>
        Assert.Throws<WorkflowDefinitionException>(() => Loader(hooks ?? DeskHooks()).Parse(json, "desk.json"));

    [Fact]
    public void Module_WithItsOwnRolesScopesAndInputTypes_RunsStartActAndTheScopeRule()
    {
        var engine = new WorkflowEngine(DeskHooks(), CalendarDaysCalendar.Instance);
        var definition = Loader(DeskHooks()).Parse(Desk, "desk.json");
        var subject = new DeskSubject("desk:7");
        var started = engine.Start(definition, subject, Clerk, Now);

        Assert.Equal("desk:7", Assert.Single(started.Instance.OpenTasks).OrganizationCode);
        Assert.Equal(["stamp", "close"], engine.AllowedActions(started.Instance, definition, Clerk, subject));
        var elsewhere = Clerk with { OrganizationCode = "desk:8" };
        var forbidden = Assert.IsType<ActionForbidden>(engine.Execute(started.Instance, definition, elsewhere, "stamp", Inputs("""{"note":"ok"}"""), subject, Now));
        Assert.Equal("Action 'stamp' is for own-desk; desk:8 is not.", forbidden.Message);
        Assert.Equal("expected-verdict", Assert.IsType<InvalidInput>(engine.Execute(started.Instance, definition, Clerk, "stamp", Inputs("""{"note":"maybe"}"""), subject, Now)).Reason.Code);
        Assert.IsType<WorkflowSuccess>(engine.Execute(started.Instance, definition, Clerk, "stamp", Inputs("""{"note":"ok"}"""), subject, Now));
    }

    [Fact]
    public void FourEyes_WithItsActionsParameter_RefusesTheirActorOnly()
    {
        var engine = new WorkflowEngine(DeskHooks(), CalendarDaysCalendar.Instance);
        var definition = Loader(DeskHooks()).Parse(Desk, "desk.json");
        var subject = new DeskSubject("desk:7");
        var instance = engine.Start(definition, subject, Clerk, Now).Instance;
        Assert.IsType<WorkflowSuccess>(engine.Execute(instance, definition, Clerk, "stamp", Inputs("""{"note":"ok"}"""), subject, Now));

        var refused = Assert.IsType<GuardFailed>(engine.Execute(instance, definition, Clerk, "close", Inputs("{}"), subject, Now));
        Assert.Equal("four-eyes", refused.Guard);
        Assert.Equal("stamp", refused.Reason.Argument("taken"));
        Assert.Equal(WorkflowOutcome.Transitioned, Assert.IsType<WorkflowSuccess>(engine.Execute(instance, definition, OtherClerk, "close", Inputs("{}"), subject, Now)).Outcome);
    }

    [Fact]
    public void Load_RoleScopeAndInputTypeTheModuleDoesNotDeclare_AreRefusedWithPathAndTheKnownNames()
    {
        var error = Refuse(Desk.Replace("\"clerk\"", "\"city\"", StringComparison.Ordinal).Replace("\"own-desk\"", "\"proposal-city\"", StringComparison.Ordinal).Replace("\"verdict\"", "\"amount\"", StringComparison.Ordinal));

        Assert.Equal(
            [
                ("$.states[0].tasks[0].role", "unknown role 'city'; known: clerk."),
                ("$.states[0].tasks[0].scope", "unknown scope 'proposal-city'; known: own-desk."),
                ("$.states[0].tasks[0].actions[0].inputs[0].type", "unknown input type 'amount'; known: verdict."),
            ],
            error.Problems.Select(p => (p.Path, p.Reason)));
    }

    [Fact]
    public void Load_ApprovalGroupAndRecipientScopes_AreCheckedToo()
    {
        var json = Desk.Replace(
            "{ \"name\": \"stamp\",",
            "{ \"name\": \"sign\", \"approval\": { \"mode\": \"all-of\", \"groups\": [ { \"role\": \"clerk\", \"scope\": \"any-desk\" } ] } }, { \"name\": \"stamp\",",
            StringComparison.Ordinal).Replace(
            "\"scope\": \"own-desk\",",
            "\"scope\": \"own-desk\", \"notifications\": [ { \"on\": \"task-opened\", \"recipients\": [ { \"role\": \"boss\", \"scope\": \"own-desk\" } ] } ],",
            StringComparison.Ordinal);

        var error = Refuse(json);

        Assert.Contains(error.Problems, p => p.Path == "$.states[0].tasks[0].actions[0].approval.groups[0].scope" && p.Reason == "unknown scope 'any-desk'; known: own-desk.");
        Assert.Contains(error.Problems, p => p.Path == "$.states[0].tasks[0].notifications[0].recipients[0].role" && p.Reason == "unknown role 'boss'; known: clerk.");
    }

    [Theory]
    [InlineData("{ \"name\": \"four-eyes\", \"actions\": [\"stamp\"], \"also\": true }", "guard 'four-eyes' takes no parameter 'also'; it takes: actions.")]
    [InlineData("{ \"name\": \"four-eyes\", \"actions\": \"stamp\" }", "guard 'four-eyes': \"actions\" must be an array of non-empty strings.")]
    [InlineData("\"four-eyes\"", "guard 'four-eyes': needs \"actions\"")]
    [InlineData("{ \"name\": \"crystal-ball\" }", "unknown guard 'crystal-ball'; known: four-eyes.")]
    public void Load_GuardWithBadParameters_IsRefusedWithTheGuardsPath(string guard, string reason)
    {
        var error = Refuse(Desk.Replace("{ \"name\": \"four-eyes\", \"actions\": [\"stamp\"] }", guard, StringComparison.Ordinal));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("$.states[0].tasks[0].actions[1].guards[0]", problem.Path);
        Assert.StartsWith(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BareFourEyes_MeansWhatTheModuleSaysVersionsStoredBeforeParametersMeant()
    {
        var hooks = DeskHooks().FourEyesWhenBare("stamp");
        var definition = Loader(hooks).Parse(Desk.Replace("{ \"name\": \"four-eyes\", \"actions\": [\"stamp\"] }", "\"four-eyes\"", StringComparison.Ordinal), "desk.json");
        var engine = new WorkflowEngine(hooks, CalendarDaysCalendar.Instance);
        var subject = new DeskSubject("desk:7");
        var instance = engine.Start(definition, subject, Clerk, Now).Instance;
        Assert.IsType<WorkflowSuccess>(engine.Execute(instance, definition, Clerk, "stamp", Inputs("""{"note":"no"}"""), subject, Now));

        Assert.Equal("four-eyes", Assert.IsType<GuardFailed>(engine.Execute(instance, definition, Clerk, "close", Inputs("{}"), subject, Now)).Guard);
    }

    [Fact]
    public void Scopes_ResolveThroughTheModule_AndAnUndeclaredOneIsAnError()
    {
        var hooks = DeskHooks().AddScope("anyone", _ => null, assignsOne: false);
        var subject = new DeskSubject("desk:7");

        Assert.True(hooks.InScope("desk:7", new WorkflowScope("own-desk"), subject));
        Assert.False(hooks.InScope("desk:8", new WorkflowScope("own-desk"), subject));
        Assert.True(hooks.InScope("desk:8", new WorkflowScope("anyone"), subject));
        Assert.Equal("desk:7", hooks.ResolveSingle(new WorkflowScope("own-desk"), subject));
        Assert.Null(hooks.ResolveSingle(new WorkflowScope("anyone"), subject));
        Assert.Throws<InvalidOperationException>(() => hooks.InScope("desk:7", new WorkflowScope("proposal-city"), subject));
    }

    [Fact]
    public void FixedScopes_PlaceAnOrganisationWithoutASubject_AndResolveLikeOthersOnOne()
    {
        var hooks = DeskHooks()
            .AddFixedScope("head-office", ["desk:1", "desk:2"], assignsOne: false)
            .AddFixedScope("anyone", null, assignsOne: false);
        var subject = new DeskSubject("desk:7");

        Assert.True(hooks.InFixedScope("desk:2", new WorkflowScope("head-office")));
        Assert.False(hooks.InFixedScope("desk:7", new WorkflowScope("head-office")));
        Assert.True(hooks.InFixedScope("desk:7", new WorkflowScope("anyone")));

        // A subject-dependent scope is never answered without its subject.
        Assert.False(hooks.InFixedScope("desk:7", new WorkflowScope("own-desk")));
        Assert.False(hooks.IsFixed(new WorkflowScope("own-desk")));
        Assert.True(hooks.IsFixed(new WorkflowScope("head-office")));

        // On a subject a fixed scope answers as any other scope does.
        Assert.True(hooks.InScope("desk:1", new WorkflowScope("head-office"), subject));
        Assert.False(hooks.InScope("desk:7", new WorkflowScope("head-office"), subject));
        Assert.Throws<ArgumentException>(() => hooks.AddFixedScope("head-office", ["desk:3"], assignsOne: true));
    }

    private static Dictionary<string, JsonElement> Inputs(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private sealed class DeskSubject(string desk) : IWorkflowSubject
    {
        public string Desk => desk;

        public DateTimeOffset? GetDate(string source) => null;

        public string ApprovalFingerprint() => desk;
    }
}
