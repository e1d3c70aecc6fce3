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

    /// <summary>The Japanese ministry's amendment of the approved amount in fund execution.</summary>
    public const string AmendAction = "amend-approval";

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
    /// programme.md "Funds", inside the step's transaction: the ministry's approval commits its amount (JPY) against the fiscal
    /// year's envelope, and an amendment's raise commits the difference, under the year's budget row lock, so of commitments
    /// sent at once exactly those that fit commit (code <c>over-budget</c>); a year whose envelope the ministry has not set yet
    /// has no limit to check against. A step that ends fund execution (<c>close</c>, <c>expire</c>) settles the approval: the
    /// settlement row (approved, spent, released) is written and its amounts noted in the step's journal entry.
    /// </summary>
    public override async Task<DomainText?> BeforeCommitAsync(CityCoopDbContext db, WorkflowSuccess success, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(success);
        var entry = success.Entry;
        if (entry.FromState == ExpenseBook.FundExecution && entry.ToState != entry.FromState && subject.Proposal.ApprovedAmount is not null)
        {
            await SettleAsync(db, entry, now, ct);
            return null;
        }

        var committing = entry.Action switch
        {
            ApproveAction => subject.Proposal.ApprovedAmount?.Amount,
            AmendAction => subject.Proposal.ApprovedAmount?.Amount - db.Entry(subject.Proposal).Property<decimal?>("approvedAmount").OriginalValue,
            _ => null,
        };
        if (committing is not { } amount || amount <= 0 || subject.Proposal.ApprovedAmount is not { Currency: Currency.JPY })
        {
            return null;
        }

        await BudgetLedger.LockAsync(db, subject.Proposal.FiscalYear, ct);
        var position = await BudgetLedger.PositionAsync(db, subject.Proposal.FiscalYear, ExpenseBook.Today(now), ct);
        return position.IsSet ? position.WhyNotCommittable(amount) : null;
    }

    // Spent counts the expenses paid on or before the close date in Tokyo. An expense recorded meanwhile changed the
    // proposal's revision, so this step (which changes it too) conflicts rather than settling without it.
    private async Task SettleAsync(CityCoopDbContext db, JournalEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        var proposal = subject.Proposal;
        var paid = proposal.ApprovedAmount is { Currency: Currency.JPY }
            ? (await ExpenseBook.SummaryAsync(db, proposal, ExpenseBook.Today(now), ct)).ExpensesPaid
            : 0m;
        var settlement = proposal.Settle(paid, entry.Action, entry.ActorUserId, entry.ActorDisplayName, now);
        db.Settlements.Add(settlement);
        entry.AddNote(settlement.Note());
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
