using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

public class WorkflowEngineTests
{
    [Fact]
    public void Start_OpensTheCityTaskInDraftAndJournalsTheStart()
    {
        var s = new ProposalScenario();

        Assert.Equal("draft", s.Instance.CurrentState);
        Assert.Equal(1, s.Instance.Version);
        Assert.Equal(1, s.Instance.Revision);
        var task = Assert.Single(s.Instance.OpenTasks);
        Assert.Equal("prepare-proposal", task.TaskName);
        Assert.Equal(CityCoopRoles.City, task.Role);
        Assert.Equal("city:shanghai", task.OrganizationCode);
        Assert.Null(task.DueAt);
        Assert.Equal(JournalEntryKind.Started, Assert.Single(s.Instance.Journal).Kind);
        Assert.Single(s.Started.Outputs.Notifications);
    }

    [Fact]
    public void Submit_ByTheProposalCity_MovesToMatchingAndOpensPlatformTaskWithDueDateTimersAndNotice()
    {
        var s = new ProposalScenario();

        var result = s.Ok(Actors.ShanghaiCity, "submit");

        Assert.Equal(WorkflowOutcome.Transitioned, result.Outcome);
        Assert.Equal("platform-matching", s.Instance.CurrentState);
        Assert.Equal("prepare-proposal", Assert.Single(result.Outputs.TasksClosed).TaskName);
        Assert.False(result.Outputs.TasksClosed[0].IsOpen);
        Assert.Equal(["match-proposal", "follow-matching"], result.Outputs.TasksOpened.Select(t => t.TaskName));
        var review = result.Outputs.TasksOpened[0];
        Assert.Null(review.OrganizationCode);
        // The engine's default calendar counts a business day as a day; the server passes the business calendars.
        Assert.Equal(s.Now.AddDays(20), review.DueAt);
        Assert.Equal(["CN", "JP"], review.DueDates.Select(d => d.Place));
        var reminder = Assert.Single(result.Outputs.Timers, t => t.Timer.Kind == TimerKind.Reminder);
        Assert.Equal(review.Id, reminder.TaskId);
        Assert.Equal(s.Now.AddDays(17), reminder.DueAt);
        var escalation = Assert.Single(result.Outputs.Timers, t => t.Timer.Kind == TimerKind.Escalation);
        Assert.Equal(s.Now.AddDays(27), escalation.DueAt);
        var notice = Assert.Single(result.Outputs.Notifications);
        Assert.Equal(NotificationTrigger.TaskOpened, notice.Trigger);
        Assert.Equal([OrganizationCodes.PlatformJp, OrganizationCodes.PlatformCn], Assert.Single(notice.Recipients).OrganizationCodes);
    }

    [Fact]
    public void Submit_ByAnotherCity_IsForbiddenByOrganizationScope()
    {
        var s = new ProposalScenario();

        var result = s.Do(Actors.TianjinCity, "submit");

        Assert.IsType<ActionForbidden>(result);
        Assert.Equal("draft", s.Instance.CurrentState);
        Assert.Equal(1, s.Instance.Revision);
    }

    [Fact]
    public void Submit_ByPlatformReviewer_IsForbiddenByRole()
    {
        var s = new ProposalScenario();

        var result = s.Do(Actors.PlatformJp, "submit");

        Assert.Contains("city role", Assert.IsType<ActionForbidden>(result).Message);
    }

    [Fact]
    public void Submit_ByAdminWithEveryRole_IsForbiddenBecauseAdminDoesNotBypassScopes()
    {
        var s = new ProposalScenario();

        Assert.IsType<ActionForbidden>(s.Do(Actors.Admin, "submit"));
    }

    [Fact]
    public void Approve_InDraft_IsNotAllowedAndListsTheActorsAllowedActions()
    {
        var s = new ProposalScenario();

        var result = Assert.IsType<ActionNotAllowedInState>(s.Do(Actors.ShanghaiCity, "approve", new { amount = 1m }));

        Assert.Equal("draft", result.State);
        Assert.Equal(["submit", "withdraw"], result.AllowedActions);
    }

    [Fact]
    public void AnActionNoStateHas_IsUnknown_NotAnActionOfAnotherState()
    {
        var s = new ProposalScenario();

        var result = Assert.IsType<UnknownAction>(s.Do(Actors.ShanghaiCity, "frobnicate"));

        Assert.Equal("frobnicate", result.Action);
        Assert.Equal(["submit", "withdraw"], result.AllowedActions);
        Assert.Equal("unknown-action", result.Text.Code);
    }

    [Fact]
    public void AllowedActions_InMatching_DependOnRoleAndOrganization()
    {
        var s = new ProposalScenario().InMatching();

        Assert.Equal(
            ["set-partner", "record-consultation", "void-activity", "record-matches", "set-cooperation-kind", "match", "return", "decline"],
            s.Engine.AllowedActions(s.Instance, s.Definition, Actors.PlatformCn, s.Subject));
        Assert.Equal(["withdraw"], s.Engine.AllowedActions(s.Instance, s.Definition, Actors.ShanghaiCity, s.Subject));
        Assert.Empty(s.Engine.AllowedActions(s.Instance, s.Definition, Actors.TianjinCity, s.Subject));
        Assert.Empty(s.Engine.AllowedActions(s.Instance, s.Definition, Actors.MinistryJp, s.Subject));
    }

    [Fact]
    public void AllowedActions_AfterReviewerApprovedMatch_NoLongerOfferMatchToThem()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");

        Assert.DoesNotContain("match", s.Engine.AllowedActions(s.Instance, s.Definition, Actors.PlatformJp, s.Subject));
        Assert.DoesNotContain("match", s.Engine.AllowedActions(s.Instance, s.Definition, Actors.PlatformJp2, s.Subject));
        Assert.Contains("match", s.Engine.AllowedActions(s.Instance, s.Definition, Actors.PlatformCn, s.Subject));
    }

    [Fact]
    public void Return_WithoutComment_FailsWithMissingInputNamingTheField()
    {
        var s = new ProposalScenario().InMatching();

        var result = Assert.IsType<MissingInput>(s.Do(Actors.PlatformJp, "return"));

        Assert.Equal("comment", result.Field);
        Assert.Equal("platform-matching", s.Instance.CurrentState);
    }

    [Fact]
    public void Return_WithBlankComment_FailsWithMissingInput()
    {
        var s = new ProposalScenario().InMatching();

        Assert.Equal("comment", Assert.IsType<MissingInput>(s.Do(Actors.PlatformJp, "return", new { comment = "  " })).Field);
    }

    [Fact]
    public void Return_WithComment_GoesBackToDraftAndJournalsTheComment()
    {
        var s = new ProposalScenario().InMatching();

        var result = s.Ok(Actors.PlatformCn, "return", new { comment = "Please list the wished items." });

        Assert.Equal("draft", s.Instance.CurrentState);
        Assert.Equal("Please list the wished items.", result.Entry.Comment);
        Assert.Equal("""{"comment":"Please list the wished items."}""", result.Entry.InputsJson);
        Assert.Equal(2, result.Outputs.TasksClosed.Count);
    }

    [Fact]
    public void Action_WithUndeclaredInput_FailsWithInvalidInput()
    {
        var s = new ProposalScenario();

        Assert.Equal("amount", Assert.IsType<InvalidInput>(s.Do(Actors.ShanghaiCity, "submit", new { amount = 3 })).Field);
    }

    [Fact]
    public void Approve_WithNegativeAmount_FailsWithInvalidInput()
    {
        var s = new ProposalScenario().InMinistryApproval();

        Assert.Equal("amount", Assert.IsType<InvalidInput>(s.Do(Actors.MinistryJp, "approve", new { amount = -5 })).Field);
    }

    [Fact]
    public void Approve_WithAmountAsText_FailsWithInvalidInput()
    {
        var s = new ProposalScenario().InMinistryApproval();

        Assert.IsType<InvalidInput>(s.Do(Actors.MinistryJp, "approve", new { amount = "lots" }));
    }

    [Fact]
    public void SetPartner_RecordsWithoutLeavingTheStateAndAppliesTheEffect()
    {
        var s = new ProposalScenario().InMatching();
        var revision = s.Instance.Revision;

        var result = s.Ok(Actors.PlatformJp, "set-partner", new { cityCodes = new[] { "yokkaichi", "kobe", "kitakyushu" } });

        Assert.Equal(WorkflowOutcome.Recorded, result.Outcome);
        Assert.Equal("platform-matching", s.Instance.CurrentState);
        Assert.Equal(["city:yokkaichi", "city:kobe", "city:kitakyushu"], s.Subject.Partners);
        Assert.Equal(revision + 1, s.Instance.Revision);
        Assert.Equal("new pairing", result.Entry.Details);
        Assert.Equal(result.Entry.FromState, result.Entry.ToState);
        Assert.Empty(result.Outputs.TasksOpened);
        Assert.Empty(result.Outputs.TasksClosed);
    }

    [Fact]
    public void SetPartner_WithDuplicateCityCodes_FailsWithInvalidInput()
    {
        var s = new ProposalScenario().InMatching();

        Assert.IsType<InvalidInput>(s.Do(Actors.PlatformJp, "set-partner", new { cityCodes = new[] { "kobe", "kobe" } }));
    }

    [Fact]
    public void Effect_RefusingInput_FailsWithInvalidInputAndLeavesInstanceUnchanged()
    {
        var s = new ProposalScenario().InMatching();
        var revision = s.Instance.Revision;
        var journal = s.Instance.Journal.Count;

        var result = Assert.IsType<InvalidInput>(s.Do(Actors.PlatformJp, "set-partner", new { cityCodes = new[] { "atlantis" } }));

        Assert.Equal("cityCodes", result.Field);
        Assert.Equal(revision, s.Instance.Revision);
        Assert.Equal(journal, s.Instance.Journal.Count);
    }

    [Fact]
    public void Match_WithoutPartnerCity_FailsTheHasPartnerCityGuard()
    {
        var s = new ProposalScenario().InMatching();

        var result = Assert.IsType<GuardFailed>(s.Do(Actors.PlatformJp, "match"));

        Assert.Equal("has-partner-city", result.Guard);
        Assert.Empty(s.Instance.Approvals);
    }

    [Fact]
    public void Match_WithoutMatchedItem_FailsTheHasMatchedItemGuard()
    {
        var s = new ProposalScenario().InMatching();
        s.Ok(Actors.PlatformJp, "set-partner", new { cityCodes = new[] { "osaka" } });

        Assert.Equal("has-matched-item", Assert.IsType<GuardFailed>(s.Do(Actors.PlatformJp, "match")).Guard);
    }

    [Fact]
    public void Match_WithOnlyJapanesePlatformApproval_StaysInMatchingAndReportsTheMissingChineseGroup()
    {
        var s = new ProposalScenario().ReadyToMatch();

        var result = s.Ok(Actors.PlatformJp, "match");

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, result.Outcome);
        Assert.Equal("platform-matching", s.Instance.CurrentState);
        Assert.Equal(new ApprovalGroup(CityCoopRoles.Platform, CityCoopScopes.PlatformCn), Assert.Single(result.MissingGroups));
        Assert.Equal(1, result.ApprovalsMissing);
        var approval = Assert.Single(s.Instance.Approvals);
        Assert.Equal((Actors.PlatformJp.UserId, 0), (approval.UserId, approval.GroupIndex));
        Assert.Equal(JournalEntryKind.ApprovalRecorded, result.Entry.Kind);
    }

    [Fact]
    public void Match_BySamePersonTwice_IsCountedOnceAndTheSecondCallIsRefused()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");
        var revision = s.Instance.Revision;

        var second = s.Do(Actors.PlatformJp, "match");

        Assert.IsType<AlreadyApproved>(second);
        Assert.Single(s.Instance.Approvals);
        Assert.Equal(revision, s.Instance.Revision);
        Assert.Equal("platform-matching", s.Instance.CurrentState);
    }

    [Fact]
    public void Match_BySecondJapaneseReviewer_IsRefusedBecauseTheJapaneseGroupIsFilled()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");

        Assert.IsType<AlreadyApproved>(s.Do(Actors.PlatformJp2, "match"));
        Assert.Single(s.Instance.Approvals);
    }

    [Fact]
    public void Match_WithJapaneseAndChinesePlatformApprovals_MovesToMinistryApprovalAndClearsApprovals()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");

        var result = s.Ok(Actors.PlatformCn, "match");

        Assert.Equal(WorkflowOutcome.Transitioned, result.Outcome);
        Assert.Equal("ministry-approval", s.Instance.CurrentState);
        Assert.Empty(s.Instance.Approvals);
        Assert.Contains("2 of 2", result.Entry.Details);
        var ministryTask = result.Outputs.TasksOpened.Single(t => t.TaskName == "approve-funding");
        Assert.Equal(OrganizationCodes.MinistryJp, ministryTask.OrganizationCode);
        Assert.Equal(s.Now.AddDays(10), ministryTask.DueAt);
    }

    [Fact]
    public void Match_ByAdminHoldingThePlatformRole_IsForbidden()
    {
        var s = new ProposalScenario().ReadyToMatch();

        Assert.IsType<ActionForbidden>(s.Do(Actors.Admin, "match"));
    }

    [Fact]
    public void Match_ApprovalsFromAnEarlierVisit_DoNotCountAfterReturn()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");
        s.Ok(Actors.PlatformCn, "return", new { comment = "Fix the items." });
        s.Ok(Actors.ShanghaiCity, "submit");

        var result = s.Ok(Actors.PlatformCn, "match");

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, result.Outcome);
        Assert.Equal("platform-matching", s.Instance.CurrentState);
    }

    [Fact]
    public void Approve_ByMinistryOfficer_MovesToFundExecutionWithFiscalYearEndDue()
    {
        var s = new ProposalScenario().InMinistryApproval();

        var result = s.Ok(Actors.MinistryJp, "approve", new { amount = 400_000m });

        Assert.Equal("fund-execution", s.Instance.CurrentState);
        Assert.Equal(400_000m, s.Subject.Approved);
        // The platform's task, due at the fiscal-year end, and the ministry's standing right to amend, due never.
        Assert.Equal(["execute-funds", "amend-funding"], result.Outputs.TasksOpened.Select(t => t.TaskName).ToList());
        var execution = result.Outputs.TasksOpened.Single(t => t.TaskName == "execute-funds");
        Assert.Equal(s.Subject.Dates["fiscal-year-end"], execution.DueAt);
        var amend = result.Outputs.TasksOpened.Single(t => t.TaskName == "amend-funding");
        Assert.Equal(("ministry", "ministry-jp", (DateTimeOffset?)null), (amend.Role.Name, amend.Scope.Name, amend.DueAt));
        Assert.True(s.Definition.GetState("fund-execution").Tasks.Single(t => t.Name == "amend-funding").IsStanding);
        Assert.DoesNotContain(result.Outputs.Timers, t => t.TaskName == "amend-funding");
        Assert.DoesNotContain(result.Outputs.Notifications, n => n.TaskId == amend.Id);
        Assert.Contains(result.Outputs.Timers, t => t.Timer.Kind == TimerKind.Deadline && t.DueAt == execution.DueAt);
        Assert.Contains(result.Outputs.Notifications, n => n.Trigger == NotificationTrigger.TaskClosed && n.Recipients[0].OrganizationCodes.SequenceEqual(["city:shanghai"]));
    }

    [Fact]
    public void Approve_ByChineseMinistry_IsForbiddenBecauseOnlyTheJapaneseMinistrySignsOff()
    {
        var s = new ProposalScenario().InMinistryApproval();

        Assert.IsType<ActionForbidden>(s.Do(Actors.MinistryCn, "approve", new { amount = 1m }));
    }

    [Fact]
    public void Approve_WithoutAmount_FailsWithMissingInputAmount()
    {
        var s = new ProposalScenario().InMinistryApproval();

        Assert.Equal("amount", Assert.IsType<MissingInput>(s.Do(Actors.MinistryJp, "approve")).Field);
    }

    [Fact]
    public void Approve_AboveRequestedAmount_FailsTheAmountGuard()
    {
        var s = new ProposalScenario().InMinistryApproval();

        Assert.Equal("amount-within-requested", Assert.IsType<GuardFailed>(s.Do(Actors.MinistryJp, "approve", new { amount = 2_000_000m })).Guard);
    }

    [Fact]
    public void Approve_ForContinuingCooperation_FailsTheFundableGuard()
    {
        var s = new ProposalScenario().InMinistryApproval();
        s.Subject.IsNewCooperation = false;

        Assert.Equal("fundable-cooperation", Assert.IsType<GuardFailed>(s.Do(Actors.MinistryJp, "approve", new { amount = 1m })).Guard);
    }

    [Fact]
    public void Approve_ByPersonWhoApprovedTheMatch_FailsFourEyesWhateverRolesTheyHold()
    {
        var s = new ProposalScenario().InMinistryApproval();

        var result = Assert.IsType<GuardFailed>(s.Do(Actors.PlatformJpReviewerAsMinistry, "approve", new { amount = 1m }));

        Assert.Equal(WorkflowHooks.FourEyesGuard, result.Guard);
        Assert.Equal("ministry-approval", s.Instance.CurrentState);
    }

    [Fact]
    public void Approve_ByPersonWhoSubmitted_FailsFourEyes()
    {
        var s = new ProposalScenario().InMinistryApproval();
        var submitterAsMinistry = Actors.ShanghaiCity with { Roles = new HashSet<WorkflowRole> { CityCoopRoles.Ministry }, OrganizationCode = OrganizationCodes.MinistryJp };

        Assert.Equal(WorkflowHooks.FourEyesGuard, Assert.IsType<GuardFailed>(s.Do(submitterAsMinistry, "approve", new { amount = 1m })).Guard);
    }

    [Fact]
    public void Withdraw_ByTheCityDuringMinistryApproval_EndsInWithdrawnAndClosesAllTasks()
    {
        var s = new ProposalScenario().InMinistryApproval();

        var result = s.Ok(Actors.ShanghaiCity, "withdraw");

        Assert.Equal("withdrawn", s.Instance.CurrentState);
        Assert.Empty(s.Instance.OpenTasks);
        Assert.Empty(result.Outputs.TasksOpened);
        Assert.Equal(2, result.Outputs.TasksClosed.Count);
        Assert.Empty(s.Engine.AllowedActions(s.Instance, s.Definition, Actors.ShanghaiCity, s.Subject));
    }

    [Fact]
    public void Withdraw_InFundExecution_IsNotAllowed()
    {
        var s = new ProposalScenario().InFundExecution();

        Assert.IsType<ActionNotAllowedInState>(s.Do(Actors.ShanghaiCity, "withdraw"));
    }

    [Fact]
    public void RecordActivity_OverTheApprovedAmount_FailsAndRecordsNothing()
    {
        var s = new ProposalScenario().InFundExecution(amount: 100m);
        s.Ok(Actors.PlatformCn, "record-activity", new { activity = new { kind = "training-visit", cost = 60m } });

        var result = s.Do(Actors.PlatformJp, "record-activity", new { activity = new { kind = "local-seminar", cost = 41m } });

        Assert.Equal("within-approved-amount", Assert.IsType<GuardFailed>(result).Guard);
        Assert.Equal(60m, s.Subject.Spent);
    }

    [Fact]
    public void Close_AfterActivities_EndsInClosed()
    {
        var s = new ProposalScenario().InFundExecution();
        s.Ok(Actors.PlatformJp, "record-consultation", new { consultation = new { level = "bureau-chief" } });

        s.Ok(Actors.PlatformJp, "close");

        Assert.Equal("closed", s.Instance.CurrentState);
        Assert.Equal(1, s.Subject.Consultations);
    }

    [Fact]
    public void Journal_OfAFullPath_IsSequentialAndRecordsFromAndToStates()
    {
        var s = new ProposalScenario().InFundExecution();
        s.Ok(Actors.PlatformJp, "close");

        var journal = s.Instance.Journal;
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(e => e.Sequence));
        Assert.Equal(journal.Count, s.Instance.Revision);
        Assert.True(journal.Zip(journal.Skip(1)).All(p => p.First.At <= p.Second.At));
        Assert.True(journal.Zip(journal.Skip(1)).All(p => p.First.ToState == p.Second.FromState));
        Assert.Equal(
            ["draft", "platform-matching", "ministry-approval", "fund-execution", "closed"],
            journal.Where(e => e.Kind is JournalEntryKind.Started or JournalEntryKind.Transition).Select(e => e.ToState));
        Assert.All(journal, e => Assert.Equal(TimeSpan.Zero, e.At.Offset));
    }

    [Fact]
    public void Journal_KeepsEarlierEntriesUnchangedWhenActionsAreAdded()
    {
        var s = new ProposalScenario().InMatching();
        var before = s.Instance.Journal.Select(e => (e.Sequence, e.Action, e.FromState, e.ToState, e.At)).ToList();

        s.Ok(Actors.PlatformJp, "record-consultation", new { consultation = new { date = "2014-07-01" } });
        s.Ok(Actors.PlatformJp, "decline", new { comment = "No partner." });

        Assert.Equal(before, s.Instance.Journal.Take(before.Count).Select(e => (e.Sequence, e.Action, e.FromState, e.ToState, e.At)));
        Assert.Equal(before.Count + 2, s.Instance.Journal.Count);
    }

    [Fact]
    public void Execute_WithReplayDateSource_MarksTheJournalEntry()
    {
        var s = new ProposalScenario();

        var result = (WorkflowSuccess)s.Engine.Execute(s.Instance, s.Definition, Actors.ShanghaiCity, "submit", Inputs.None, s.Subject, s.Now, JournalDateSource.Assumed);

        Assert.Equal(JournalDateSource.Assumed, result.Entry.DateSource);
    }

    [Fact]
    public void Execute_ConvertsTheClockToUtc()
    {
        var s = new ProposalScenario();
        var tokyo = new DateTimeOffset(2014, 7, 1, 9, 0, 0, TimeSpan.FromHours(9));

        var result = (WorkflowSuccess)s.Engine.Execute(s.Instance, s.Definition, Actors.ShanghaiCity, "submit", Inputs.None, s.Subject, tokyo);

        Assert.Equal(new DateTimeOffset(2014, 7, 1, 0, 0, 0, TimeSpan.Zero), result.Entry.At);
        Assert.Equal(TimeSpan.Zero, result.Entry.At.Offset);
    }

    [Fact]
    public void Execute_AgainstAnotherDefinitionVersion_Throws()
    {
        var s = new ProposalScenario();
        var v2 = s.Definition with { Version = 2 };

        Assert.Throws<ArgumentException>(() => s.Engine.Execute(s.Instance, v2, Actors.ShanghaiCity, "submit", Inputs.None, s.Subject, s.Now));
    }

    [Fact]
    public void FundExecution_WhenSubjectHasNoFiscalYearEnd_OpensTaskWithoutDueDateOrTimerInstant()
    {
        var s = new ProposalScenario().InMinistryApproval();
        s.Subject.Dates.Clear();

        var result = s.Ok(Actors.MinistryJp, "approve", new { amount = 1m });

        Assert.All(result.Outputs.TasksOpened, t => Assert.Null(t.DueAt));
        Assert.All(result.Outputs.Timers, t => Assert.Null(t.DueAt));
    }
}
