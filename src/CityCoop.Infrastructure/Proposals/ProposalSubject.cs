using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Budgets;
using CityCoop.Infrastructure.Expenses;
using CityCoop.Infrastructure.Notifications.Payloads;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Proposals;

/// <summary>
/// A proposal loaded for a step: after the step it saves the activities the effects recorded and tells withdrawn
/// approvers what changed; a decision notice says the amounts decided.
/// </summary>
/// <param name="subject">The proposal as the engine sees it, with its cities, activities and (for <c>match</c>) its history.</param>
public sealed class ProposalSubject(ProposalWorkflowSubject subject) : LoadedSubject(subject, subject.Proposal.Title, () => subject.Proposal.Revision)
{
    /// <summary>The ministry's funding decision in <c>workflows/cooperation-proposal.json</c>.</summary>
    public const string ApproveAction = "approve";

    /// <summary>The proposal (tracked).</summary>
    public CooperationProposal Proposal => subject.Proposal;

    /// <summary>The proposal as the engine sees it.</summary>
    public ProposalWorkflowSubject Workflow => subject;

    /// <inheritdoc/>
    public override async Task AfterStepAsync(CityCoopDbContext db, WorkflowInstance instance, WorkflowDefinition definition, WorkflowSuccess success, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var activity in subject.RecordedActivities)
        {
            db.Activities.Add(activity);
        }

        await WithdrawnApprovalNotices.AddAsync(db, subject.Proposal, definition, success, subject.Cities, now, ct);
    }

    /// <summary>
    /// programme.md "Funds": the ministry's approval commits its amount (JPY) against the fiscal year's envelope, under the
    /// year's budget row lock, so of approvals sent at once exactly those that fit commit (code <c>over-budget</c>). A year
    /// whose envelope the ministry has not set yet has no limit to check against.
    /// </summary>
    public override async Task<DomainText?> BeforeCommitAsync(CityCoopDbContext db, WorkflowSuccess success, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(success);
        if (success.Entry.Action != ApproveAction || subject.Proposal.ApprovedAmount is not { Currency: Currency.JPY } approved)
        {
            return null;
        }

        await BudgetLedger.LockAsync(db, subject.Proposal.FiscalYear, ct);
        var position = await BudgetLedger.PositionAsync(db, subject.Proposal.FiscalYear, ExpenseBook.Today(now), ct);
        return position.IsSet ? position.WhyNotCommittable(approved.Amount) : null;
    }

    /// <inheritdoc/>
    public override TaskNoticePayload Describe(TaskNoticePayload notice, WorkflowInstance instance, WorkflowTask task, bool closing)
    {
        ArgumentNullException.ThrowIfNull(notice);

        // A decision notice says what was decided: the amount (possibly less than requested) and the decider's reason.
        return notice with
        {
            ApprovedAmount = closing ? subject.Proposal.ApprovedAmount?.Amount : null,
            RequestedAmount = closing ? subject.Proposal.RequestedAmount.Amount : null,
            Currency = subject.Proposal.RequestedAmount.Currency.ToString(),
        };
    }
}
