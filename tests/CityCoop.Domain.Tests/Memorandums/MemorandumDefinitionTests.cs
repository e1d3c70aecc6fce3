using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Domain.Memorandums;
using CityCoop.Domain.Tests.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Memorandums;

/// <summary><c>workflows/fiscal-year-memorandum.json</c> loads with the memorandum hooks and says what the programme needs.</summary>
public sealed class MemorandumDefinitionTests
{
    private static readonly WorkflowDefinition Definition = MemorandumFixtures.Definition();

    private static readonly string[] Languages = ["zh", "ja", "en"];

    [Fact]
    public void Load_TheRealDefinition_HasTheStatesInOrder()
    {
        Assert.Equal("fiscal-year-memorandum", Definition.Id);
        Assert.Equal("drafting", Definition.InitialState);
        Assert.Equal(["drafting", "chinese-review", "signing", "ministry-confirmation", "in-force", "closed"], Definition.States.Select(s => s.Name));
        Assert.Equal(["closed"], Definition.States.Where(s => s.IsFinal).Select(s => s.Name));
    }

    [Fact]
    public void Load_WithTheProposalHooks_IsRefusedForTheMemorandumNames()
    {
        var loader = WorkflowDefinitionLoader.FromSchemaFile(RepoFiles.SchemaPath, CityCoop.Domain.Proposals.ProposalWorkflowHooks.Create());

        var error = Assert.Throws<WorkflowDefinitionException>(() => loader.Load(MemorandumFixtures.DefinitionPath));

        Assert.Contains(error.Problems, p => p.Reason.StartsWith("unknown guard 'plan-complete'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Reason.StartsWith("unknown effect 'record-plan'", StringComparison.Ordinal));
    }

    [Fact]
    public void Signing_NeedsOneSignatoryOfEachPlatform_TwoDistinctPeople()
    {
        var sign = Definition.GetState("signing").Tasks.Single().Actions.Single(a => a.Name == "sign");

        var rule = Assert.IsType<ApprovalRule>(sign.Approval);
        Assert.Equal(ApprovalMode.AllOf, rule.Mode);
        Assert.Equal(2, rule.K);
        Assert.Equal([CityCoopScopes.PlatformJp, CityCoopScopes.PlatformCn], rule.Groups.Select(g => g.Scope));
        Assert.All(rule.Groups, g => Assert.Equal(CityCoopRoles.Platform, g.Role));
        Assert.True(rule.DistinctPeople);
        Assert.True(rule.DistinctOrganizations);
        Assert.Equal("ministry-confirmation", sign.Target);
    }

    [Fact]
    public void Tasks_AreForTheRightOrganisations_WithDueDatesAndReminders()
    {
        var tasks = Definition.States.SelectMany(s => s.Tasks).ToDictionary(t => t.Name);

        Assert.Equal((CityCoopRoles.Platform, CityCoopScopes.PlatformJp), (tasks["draft-plan"].Role, tasks["draft-plan"].Scope));
        Assert.Equal((CityCoopRoles.Platform, CityCoopScopes.PlatformCn), (tasks["review-plan"].Role, tasks["review-plan"].Scope));
        Assert.Equal((CityCoopRoles.Ministry, CityCoopScopes.MinistryJp), (tasks["confirm-memorandum"].Role, tasks["confirm-memorandum"].Scope));
        Assert.Equal(10, tasks["review-plan"].Due!.BusinessDays);
        Assert.False(tasks["review-plan"].Timers.Single().CalendarDays);
        Assert.Equal(MemorandumWorkflowSubject.FiscalYearEnd, tasks["carry-out-plan"].Due!.DateSource);
        // The plain reminder: the fiscal-year-end notice speaks of a proposal in fund execution.
        Assert.Equal("reminder", tasks["carry-out-plan"].Timers.Single(t => t.Kind == TimerKind.Reminder).Template);
        Assert.Equal("expire", tasks["carry-out-plan"].Timers.Single(t => t.Kind == TimerKind.Deadline).Action);
        Assert.True(tasks["carry-out-plan"].Actions.Single(a => a.Name == "expire").IsSystem);
        Assert.Contains(tasks["confirm-memorandum"].Actions.Single(a => a.Name == "confirm").Guards, g => g.Name == MemorandumWorkflowHooks.NotASignatory);
    }

    [Fact]
    public void EveryStateTaskAndAction_HasDisplayNamesInChineseJapaneseAndEnglish()
    {
        var named = Definition.States.Select(s => ($"state {s.Name}", s.DisplayNames))
            .Concat(Definition.States.SelectMany(s => s.Tasks).Select(t => ($"task {t.Name}", t.DisplayNames)))
            .Concat(Definition.States.SelectMany(s => s.Tasks).SelectMany(t => t.Actions).Select(a => ($"action {a.Name}", a.DisplayNames)));

        var missing = named.SelectMany(n => Languages.Where(l => !n.DisplayNames.ContainsKey(l)).Select(l => $"{n.Item1}: {l}")).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Returns_NeedAComment()
    {
        var returns = Definition.States.SelectMany(s => s.Actions).Where(x => x.Action.Name is "return" or "revise").ToList();

        Assert.Equal(4, returns.Count);
        Assert.All(returns, x => Assert.True(x.Action.Inputs.Single(i => i.Name == "comment").Required));
        Assert.All(returns, x => Assert.Equal("drafting", x.Action.Target));
    }
}
