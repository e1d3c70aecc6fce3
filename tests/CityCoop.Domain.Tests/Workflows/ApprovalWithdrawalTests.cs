using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

/// <summary>
/// An approval binds to what was approved: the real definition's <c>match</c> resets on set-partner, record-matches and
/// set-cooperation-kind, and an approval whose content changed otherwise does not count when the last one completes.
/// </summary>
public class ApprovalWithdrawalTests
{
    [Fact]
    public void Match_RecordsWhatWasApprovedAndWho()
    {
        var s = new ProposalScenario().ReadyToMatch();

        s.Ok(Actors.PlatformJp, "match");

        var approval = Assert.Single(s.Instance.Approvals);
        Assert.Equal(s.Subject.ApprovalFingerprint(), approval.Fingerprint);
        Assert.Equal("JP reviewer", approval.ApproverName);
    }

    [Fact]
    public void SetPartner_AfterTheJapanesePlatformApproved_WithdrawsItAndTheChineseApprovalAloneDoesNotComplete()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");

        var changed = s.Ok(Actors.PlatformCn, "set-partner", new { cityCodes = new[] { "kawasaki" } });

        var withdrawn = Assert.Single(changed.WithdrawnApprovals);
        Assert.Equal((Actors.PlatformJp.UserId, "match"), (withdrawn.UserId, withdrawn.Action));
        Assert.Empty(s.Instance.Approvals);
        var note = Assert.Single(changed.Entry.Notes, n => n.Code == "approval-withdrawn");
        Assert.Equal("approval of JP reviewer withdrawn", note.English);
        Assert.Equal(new Dictionary<string, string> { ["person"] = "JP reviewer", ["action"] = "match" }, note.Arguments);
        Assert.Equal("new pairing; approval of JP reviewer withdrawn", changed.Entry.Details);

        var chinese = s.Ok(Actors.PlatformCn, "match");

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, chinese.Outcome);
        Assert.Equal("platform-matching", s.Instance.CurrentState);
        Assert.Equal(new ApprovalGroup(CityCoopRoles.Platform, CityCoopScopes.PlatformJp), Assert.Single(chinese.MissingGroups));
        Assert.Contains("1 of 2", chinese.Entry.Details);
        Assert.Contains("match", s.Engine.AllowedActions(s.Instance, s.Definition, Actors.PlatformJp, s.Subject));

        Assert.Equal(WorkflowOutcome.Transitioned, s.Ok(Actors.PlatformJp, "match").Outcome);
        Assert.Equal("ministry-approval", s.Instance.CurrentState);
    }

    [Fact]
    public void RecordMatches_AfterAnApproval_WithdrawsIt()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformCn, "match");

        var changed = s.Ok(Actors.PlatformJp, "record-matches", new { items = new[] { new { wished = "PM2.5 monitoring", offered = "Kawasaki monitoring" } } });

        Assert.Equal(Actors.PlatformCn.UserId, Assert.Single(changed.WithdrawnApprovals).UserId);
        Assert.Empty(s.Instance.Approvals);
    }

    [Fact]
    public void SetCooperationKind_AfterAnApproval_WithdrawsIt()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");

        var changed = s.Ok(Actors.PlatformCn, "set-cooperation-kind", new { cooperationKind = "continuing" });

        Assert.Equal(Actors.PlatformJp.UserId, Assert.Single(changed.WithdrawnApprovals).UserId);
        Assert.Empty(s.Instance.Approvals);
    }

    [Fact]
    public void SetPartner_ToThePartnerAlreadySet_KeepsTheApprovalBecauseNothingChanged()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");

        var same = s.Ok(Actors.PlatformCn, "set-partner", new { cityCodes = new[] { "osaka" } });

        Assert.Empty(same.WithdrawnApprovals);
        Assert.DoesNotContain(same.Entry.Notes, n => n.Code == "approval-withdrawn");
        Assert.Single(s.Instance.Approvals);
        Assert.Equal(WorkflowOutcome.Transitioned, s.Ok(Actors.PlatformCn, "match").Outcome);
    }

    [Fact]
    public void RecordConsultation_NotAResetAction_KeepsTheApproval()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");

        var recorded = s.Ok(Actors.PlatformCn, "record-consultation", new { consultation = new { level = "bureau-chief" } });

        Assert.Empty(recorded.WithdrawnApprovals);
        Assert.Single(s.Instance.Approvals);
    }

    [Fact]
    public void LastApproval_WhenAnEarlierOneApprovedOtherContent_DoesNotCompleteAndWithdrawsTheStaleOne()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");

        // The content moves without any reset action (a writer the definition does not declare).
        s.Subject.Extra = "changed elsewhere";

        Assert.Contains("match", s.Engine.AllowedActions(s.Instance, s.Definition, Actors.PlatformJp, s.Subject));
        Assert.Empty(WorkflowEngine.CountedApprovals(s.Instance, "match", s.Subject));
        var last = s.Ok(Actors.PlatformCn, "match");

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, last.Outcome);
        Assert.Equal("platform-matching", s.Instance.CurrentState);
        Assert.Equal(Actors.PlatformJp.UserId, Assert.Single(last.WithdrawnApprovals).UserId);
        Assert.Equal(["approval-stale", "approval-progress"], last.Entry.Notes.Select(n => n.Code));
        Assert.Equal(Actors.PlatformCn.UserId, Assert.Single(s.Instance.Approvals).UserId);

        Assert.Equal(WorkflowOutcome.Transitioned, s.Ok(Actors.PlatformJp, "match").Outcome);
    }

    [Fact]
    public void Approvals_WhenNothingChanged_CompleteAsBefore()
    {
        var s = new ProposalScenario().ReadyToMatch();
        s.Ok(Actors.PlatformJp, "match");

        var last = s.Ok(Actors.PlatformCn, "match");

        Assert.Equal(WorkflowOutcome.Transitioned, last.Outcome);
        Assert.Empty(last.WithdrawnApprovals);
    }
}
