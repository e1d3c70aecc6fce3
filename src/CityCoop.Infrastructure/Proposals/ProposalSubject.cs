using CityCoop.Domain.Proposals;
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
