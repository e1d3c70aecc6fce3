using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Memorandums;
using CityCoop.Domain.Tests.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Memorandums;

/// <summary>The FY2015 memorandum walking the real definition with the real hooks, on a clock the test moves.</summary>
public sealed class MemorandumWorkflowTests
{
    private static readonly WorkflowDefinition Definition = MemorandumFixtures.Definition();

    private readonly WorkflowEngine engine = new(MemorandumWorkflowHooks.Create(), CalendarDaysCalendar.Instance);
    private readonly FiscalYearMemorandum memorandum = MemorandumFixtures.Memorandum();
    private readonly MemorandumWorkflowSubject subject;
    private readonly WorkflowInstance instance;
    private DateTimeOffset now = new(2015, 2, 2, 1, 0, 0, TimeSpan.Zero);

    public MemorandumWorkflowTests()
    {
        subject = new MemorandumWorkflowSubject(memorandum, MemorandumFixtures.Cities);
        instance = engine.Start(Definition, subject, Actors.PlatformJp, now).Instance;
    }

    private WorkflowResult Do(WorkflowActor actor, string action, object? inputs = null)
    {
        now = now.AddHours(1);
        return engine.Execute(instance, Definition, actor, action, inputs is null ? Inputs.None : Inputs.Of(inputs), subject, now);
    }

    private WorkflowSuccess Ok(WorkflowActor actor, string action, object? inputs = null) =>
        Do(actor, action, inputs) as WorkflowSuccess ?? throw new Xunit.Sdk.XunitException($"{action} by {actor.DisplayName} failed");

    private void ToSigning()
    {
        Ok(Actors.PlatformJp, "record-plan", new { plan = MemorandumFixtures.PlanInput });
        Ok(Actors.PlatformJp, "submit");
        Ok(Actors.PlatformCn, "agree");
    }

    [Fact]
    public void WholePath_DraftReturnRedraftAgreeSignTwiceConfirm_IsInForceThenTheSystemClosesItAtTheFiscalYearEnd()
    {
        Assert.Equal("drafting", instance.CurrentState);
        Assert.Equal(OrganizationCodes.PlatformJp, Assert.Single(instance.OpenTasks).OrganizationCode);

        var empty = Assert.IsType<GuardFailed>(Do(Actors.PlatformJp, "submit"));
        Assert.Equal("memorandum-plan-required", empty.Reason.Code);

        Ok(Actors.PlatformJp, "record-plan", new { plan = MemorandumFixtures.PlanInput });
        Assert.Equal("chinese-review", Ok(Actors.PlatformJp, "submit").Entry.ToState);
        Assert.IsType<ActionForbidden>(Do(Actors.PlatformJp, "agree"));
        Assert.IsType<MissingInput>(Do(Actors.PlatformCn, "return"));
        Assert.Equal("drafting", Ok(Actors.PlatformCn, "return", new { comment = "Add Jiangsu to the visits." }).Entry.ToState);
        Assert.Equal("Add Jiangsu to the visits.", instance.Journal[^1].Comment);

        var redrafted = new
        {
            pairs = new[] { new { japanese = "kitakyushu", chinese = "shanghai" }, new { japanese = "fukuoka", chinese = "jiangsu" } },
            activities = new[] { new { kind = "local-seminar", count = 2 } },
            visits = new[] { new { city = "shanghai", month = "2015-07" }, new { city = "jiangsu", month = "2015-07" } },
        };
        Ok(Actors.PlatformJp, "record-plan", new { plan = redrafted });
        Ok(Actors.PlatformJp, "submit");
        Assert.Equal("signing", Ok(Actors.PlatformCn, "agree").Entry.ToState);
        Assert.Equal(new DateOnly(2015, 2, 2), memorandum.AgreedOn);

        var first = Ok(Actors.PlatformJp, "sign");
        Assert.Equal(WorkflowOutcome.ApprovalRecorded, first.Outcome);
        Assert.Equal("already-approved-person", Assert.IsType<AlreadyApproved>(Do(Actors.PlatformJp, "sign")).Reason.Code);
        Assert.Equal("already-approved-organization", Assert.IsType<AlreadyApproved>(Do(Actors.PlatformJp2, "sign")).Reason.Code);
        Assert.Null(memorandum.SignedOn);

        var second = Ok(Actors.PlatformCn, "sign", new { signedOn = "2015-02-02" });
        Assert.Equal("ministry-confirmation", second.Entry.ToState);
        Assert.Equal(new DateOnly(2015, 2, 2), memorandum.SignedOn);
        Assert.Equal(["u-pjp", "u-pcn"], instance.Journal.Where(e => e.Action == "sign").Select(e => e.ActorUserId));

        Assert.IsType<ActionForbidden>(Do(Actors.PlatformCn, "confirm"));
        var confirmed = Ok(Actors.MinistryJp, "confirm", new { confirmedOn = "2015-02-02", place = "Shanghai" });
        Assert.Equal("in-force", confirmed.Entry.ToState);
        Assert.Equal("Shanghai", memorandum.ConfirmedPlace);

        var carry = Assert.Single(instance.OpenTasks);
        Assert.Equal("carry-out-plan", carry.TaskName);
        Assert.Equal(new FiscalYear(2015).EndInstant, carry.DueAt);
        Assert.Equal(new DateTimeOffset(2016, 3, 31, 15, 0, 0, TimeSpan.Zero), carry.DueAt);
        Assert.Equal(["revise"], engine.AllowedActions(instance, Definition, Actors.PlatformCn, subject));
        Assert.IsType<SystemActionRefused>(Do(Actors.PlatformJp, "expire"));

        now = new DateTimeOffset(2016, 3, 31, 15, 0, 0, TimeSpan.Zero);
        var closed = engine.Execute(instance, Definition, WorkflowEngine.SystemActor, "expire", Inputs.None, subject, now);
        Assert.Equal("closed", Assert.IsType<WorkflowSuccess>(closed).Entry.ToState);
        Assert.Empty(instance.OpenTasks);
        Assert.True(memorandum.Covers("fukuoka", "jiangsu"));
        Assert.False(memorandum.Covers("hyogo", "guangdong"));
    }

    [Fact]
    public void Confirm_ByTheSignatoryNowActingForTheMinistry_IsRefusedByFourEyes()
    {
        ToSigning();
        Ok(Actors.PlatformJp, "sign");
        Ok(Actors.PlatformCn, "sign");

        var refused = Assert.IsType<GuardFailed>(Do(Actors.PlatformJpReviewerAsMinistry, "confirm"));

        Assert.Equal("not-a-signatory", refused.Guard);
        Assert.Equal("memorandum-signatory-confirms", refused.Reason.Code);
        Assert.Equal("ministry-confirmation", instance.CurrentState);
    }

    [Fact]
    public void Sign_AfterThePlanChangedUnderAFirstSignature_DoesNotCountTheOldSignature()
    {
        ToSigning();
        Ok(Actors.PlatformJp, "sign");

        // A write outside the workflow (as a stale form would) changes what the Japanese platform signed.
        memorandum.RecordPlan(MemorandumFixtures.Plan(activities: [new(Activities.ActivityKind.LocalSeminar, 5)]), MemorandumFixtures.Cities);
        Assert.Empty(WorkflowEngine.CountedApprovals(instance, "sign", subject));
        var cn = Ok(Actors.PlatformCn, "sign");

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, cn.Outcome);
        Assert.Equal("u-pjp", Assert.Single(cn.WithdrawnApprovals).UserId);
        Assert.Equal("signing", instance.CurrentState);
        Assert.Equal("ministry-confirmation", Ok(Actors.PlatformJp2, "sign").Entry.ToState);
    }

    [Fact]
    public void Sign_WithADateAfterToday_IsInvalidInputAndSignsNothing()
    {
        ToSigning();
        Ok(Actors.PlatformJp, "sign");

        var refused = Assert.IsType<InvalidInput>(Do(Actors.PlatformCn, "sign", new { signedOn = "2015-02-03" }));

        Assert.Equal("signedOn", refused.Field);
        Assert.Equal("memorandum-date-future", refused.Reason.Code);
        Assert.Null(memorandum.SignedOn);
        Assert.Equal("signing", instance.CurrentState);
    }

    [Fact]
    public void FirstSignature_WithADateAfterTodayOrNoDate_IsInvalidInputAndRecordsNoApproval()
    {
        ToSigning();
        var journal = instance.Journal.Count;

        var future = Assert.IsType<InvalidInput>(Do(Actors.PlatformJp, "sign", new { signedOn = "2015-02-03" }));
        var garbage = Assert.IsType<InvalidInput>(Do(Actors.PlatformJp, "sign", new { signedOn = "yesterday" }));

        Assert.Equal(("signedOn", "memorandum-date-future"), (future.Field, future.Reason.Code));
        Assert.Equal(("signedOn", "date-format"), (garbage.Field, garbage.Reason.Code));
        Assert.Empty(instance.Approvals);
        Assert.Equal(journal, instance.Journal.Count);
        Assert.Equal(WorkflowOutcome.ApprovalRecorded, Ok(Actors.PlatformJp, "sign", new { signedOn = "2015-02-02" }).Outcome);
    }

    [Fact]
    public void RecordPlan_WithAVisitOutsideTheFiscalYear_IsInvalidInputNamingTheMonth()
    {
        var plan = new
        {
            pairs = new[] { new { japanese = "kitakyushu", chinese = "shanghai" } },
            activities = new[] { new { kind = "model-project", count = 1 } },
            visits = new[] { new { city = "shanghai", month = "2016-04" } },
        };

        var refused = Assert.IsType<InvalidInput>(Do(Actors.PlatformJp, "record-plan", new { plan }));

        Assert.Equal("visits.month", refused.Field);
        Assert.Equal("memorandum-visit-outside-fiscal-year", refused.Reason.Code);
        Assert.False(memorandum.HasPlan);
    }

    [Fact]
    public void Revise_InForce_GoesBackToDraftingAndClearsTheDates()
    {
        ToSigning();
        Ok(Actors.PlatformJp, "sign");
        Ok(Actors.PlatformCn, "sign");
        Ok(Actors.MinistryJp, "confirm");
        Assert.NotNull(memorandum.ConfirmedOn);

        Assert.Equal("drafting", Ok(Actors.PlatformJp, "revise", new { comment = "Tangshan added in October." }).Entry.ToState);

        Assert.Null(memorandum.AgreedOn);
        Assert.Null(memorandum.SignedOn);
        Assert.Null(memorandum.ConfirmedOn);
        Assert.True(memorandum.HasPlan);
    }

    [Fact]
    public void Submit_OpensTheChineseReview_WithItsDueDateReminderAndEmailToTheChinesePlatform()
    {
        Ok(Actors.PlatformJp, "record-plan", new { plan = MemorandumFixtures.PlanInput });

        var submitted = Ok(Actors.PlatformJp, "submit");

        var task = Assert.Single(submitted.Outputs.TasksOpened);
        Assert.Equal("review-plan", task.TaskName);
        Assert.Equal(OrganizationCodes.PlatformCn, task.OrganizationCode);
        Assert.NotNull(task.DueAt);
        Assert.Equal(TimerKind.Reminder, Assert.Single(submitted.Outputs.Timers).Timer.Kind);
        var mail = Assert.Single(submitted.Outputs.Notifications, n => n.Trigger == NotificationTrigger.TaskOpened);
        Assert.Equal([OrganizationCodes.PlatformCn], Assert.Single(mail.Recipients).OrganizationCodes);
    }
}
