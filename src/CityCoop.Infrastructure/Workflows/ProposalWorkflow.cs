using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Proposals;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Security;
using CityCoop.Infrastructure.Timers;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// Runs the cooperation-proposal workflow against the database. One step is one <c>SaveChanges</c>: the
/// instance (state, revision), journal entry, opened and closed tasks, proposal changes, recorded activities,
/// timer rows and outbox rows commit together or not at all. The instance's revision is a concurrency token,
/// so of several concurrent steps on one proposal exactly one commits.
/// </summary>
public sealed class ProposalWorkflow(CityCoopDbContext db, WorkflowEngine engine, WorkflowDefinitionCatalog catalog, ReferenceDataCache referenceData, TimeProvider time, CalendarStore calendars, SecurityAuditLog audit)
{
    /// <summary>Id of the definition in <c>workflows/cooperation-proposal.json</c>.</summary>
    public const string DefinitionId = "cooperation-proposal";

    private static readonly StepOutcome.Conflict Conflicted = new("Another change to this proposal was saved first; nothing was done. Reload it and try again.");

    /// <summary>Creates a draft proposal for the actor's city and starts its instance on the newest definition version.</summary>
    /// <exception cref="DomainRuleException">The draft breaks a rule, or the actor belongs to no city.</exception>
    public async Task<ProposalRecord> CreateAsync(ProposalDraft draft, WorkflowActor actor, DateTimeOffset? at = null, string? dateSource = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = at ?? time.GetUtcNow();
        var cityCode = actor.OrganizationCode.StartsWith("city:", StringComparison.Ordinal) ? actor.OrganizationCode[5..] : null;
        var city = cityCode is null ? null : await db.Cities.FirstOrDefaultAsync(c => c.Code == cityCode, ct);
        if (city is null)
        {
            throw new DomainRuleException("organization", "Only city staff can create proposals, for their own city.");
        }

        var proposal = new CooperationProposal(city, draft, actor.UserId, now);
        var subject = await SubjectAsync(proposal, ct);
        foreach (var unknown in proposal.PartnerCityCodes.Where(c => !subject.Cities.ContainsKey(c)))
        {
            throw new DomainRuleException("partnerCityCodes", $"Unknown city code '{unknown}'.");
        }

        if (proposal.PartnerCityCodes.Count > 0)
        {
            proposal.SetPartners([.. proposal.PartnerCityCodes.Select(c => subject.Cities[c])]);
        }

        var definition = catalog.Latest(DefinitionId);
        var start = engine.Start(definition, subject, actor, now, dateSource);
        db.Proposals.Add(proposal);
        db.WorkflowInstances.Add(start.Instance);
        db.Entry(start.Instance).Property(CityCoopDbContext.InstanceProposalId).CurrentValue = proposal.Id;
        await WriteOutputsAsync(proposal, start.Instance, definition, subject, start.Outputs, actor.UserId, now, ct);
        await db.SaveChangesAsync(ct);
        return new ProposalRecord(proposal, start.Instance, definition);
    }

    /// <summary>Loads a proposal with its instance (tracked, for a step or an edit), or null.</summary>
    public async Task<ProposalRecord?> LoadAsync(Guid proposalId, CancellationToken ct = default)
    {
        var proposal = await db.Proposals.FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null)
        {
            return null;
        }

        var instance = await db.WorkflowInstances
            .Include(i => i.Tasks).Include(i => i.Approvals).Include(i => i.Journal)
            .AsSplitQuery()
            .FirstAsync(i => EF.Property<Guid>(i, CityCoopDbContext.InstanceProposalId) == proposalId, ct);
        var definition = await catalog.GetAsync(db, instance.DefinitionId, instance.Version, ct);
        return new ProposalRecord(proposal, instance, definition);
    }

    /// <summary>The subject adapter the engine needs for a loaded proposal.</summary>
    public async Task<ProposalWorkflowSubject> SubjectAsync(CooperationProposal proposal, CancellationToken ct = default)
    {
        var (cities, friendships) = await referenceData.GetAsync(db, ct);
        return new ProposalWorkflowSubject(proposal, cities, friendships);
    }

    /// <summary>
    /// Takes an action on a proposal. <paramref name="ifMatch"/> (an ETag) makes the step conditional (412 when
    /// stale); <paramref name="at"/> and <paramref name="dateSource"/> let a replay set the clock and say whether the
    /// date was recorded or assumed; <paramref name="visibleTo"/> makes a proposal the caller may not see answer
    /// <see cref="StepOutcome.NotFound"/>. Every person's action refused for role or organisation
    /// (<see cref="ActionForbidden"/>) is written to the security audit log here, the one door all of them pass.
    /// </summary>
    public async Task<StepOutcome> ExecuteAsync(
        Guid proposalId,
        WorkflowActor actor,
        string action,
        IReadOnlyDictionary<string, JsonElement> inputs,
        string? ifMatch = null,
        DateTimeOffset? at = null,
        string? dateSource = null,
        Func<CooperationProposal, Task<bool>>? visibleTo = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var record = await LoadAsync(proposalId, ct);
        if (record is null || (visibleTo is not null && !await visibleTo(record.Proposal)))
        {
            return new StepOutcome.NotFound();
        }

        if (ifMatch is not null && ifMatch != "*" && ifMatch.Trim() != record.ETag)
        {
            return new StepOutcome.Stale(record.ETag);
        }

        var outcome = await StepAsync(record, actor, action, inputs, at ?? time.GetUtcNow(), dateSource, ct);
        if (outcome is StepOutcome.Refused { Failure: ActionForbidden forbidden })
        {
            await audit.RecordAsync(SecurityEvents.ActionForbidden, $"proposal:{proposalId}", $"{action}: {forbidden.Text.Code}", actor.UserId);
        }

        return outcome;
    }

    /// <summary>
    /// Takes a deadline's action (e.g. <c>expire</c>) on a loaded proposal as <see cref="WorkflowEngine.SystemActor"/>, through
    /// the same path as a person's step: journal, closed tasks, cancelled timers and notifications in one <c>SaveChanges</c>
    /// (inside the caller's transaction when it has one). A person's step that committed first makes this a
    /// <see cref="StepOutcome.Conflict"/>.
    /// </summary>
    public Task<StepOutcome> ExecuteAsSystemAsync(ProposalRecord record, string action, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return StepAsync(record, WorkflowEngine.SystemActor, action, new Dictionary<string, JsonElement>(), now, null, ct);
    }

    private async Task<StepOutcome> StepAsync(
        ProposalRecord record,
        WorkflowActor actor,
        string action,
        IReadOnlyDictionary<string, JsonElement> inputs,
        DateTimeOffset now,
        string? dateSource,
        CancellationToken ct)
    {
        // Tracked, so a void an effect applies to one of them is saved with the step.
        var activities = await db.Activities.Where(a => a.ProposalId == record.Proposal.Id).ToListAsync(ct);
        var (cities, friendships) = await referenceData.GetAsync(db, ct);

        // Read only for the steps whose guard asks which pairs cooperated before (match), not for every step.
        var history = record.Definition.FindState(record.Instance.CurrentState)?.Actions
            .Any(x => x.Action.Name == action && x.Action.Guards.Any(g => g.Name == ProposalWorkflowHooks.KindFitsPairingGuard)) == true
            ? await CooperationHistoryQuery.LoadAsync(db, record.Proposal, ct)
            : null;
        var subject = new ProposalWorkflowSubject(record.Proposal, cities, friendships, activities, history);
        var result = engine.Execute(record.Instance, record.Definition, actor, action, inputs, subject, now, dateSource);
        if (result is WorkflowFailure failure)
        {
            return new StepOutcome.Refused(failure);
        }

        var success = (WorkflowSuccess)result;
        foreach (var activity in subject.RecordedActivities)
        {
            db.Activities.Add(activity);
        }

        await WriteOutputsAsync(record.Proposal, record.Instance, record.Definition, subject, success.Outputs, actor.UserId, now, ct);
        await WithdrawnApprovalNotices.AddAsync(db, record.Proposal, record.Definition, success, cities, now, ct);

        // One transaction for the step's rows and the cancelling of its closed tasks' timers, which is a statement of its own.
        // PostgreSQL: a step takes its instance's row before writing anything, so two steps on one proposal (a person's
        // and a deadline's) queue on that row instead of deadlocking on the rows they write later. The sweep's own
        // transaction already holds the row.
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (transaction)
        {
            try
            {
                if (transaction is not null && db.Database.IsNpgsql())
                {
                    var revision = db.Entry(record.Instance).Property(i => i.Revision).OriginalValue;
                    var current = await db.Database
                        .SqlQuery<int>($"""SELECT "Revision" AS "Value" FROM workflow_instances WHERE "Id" = {record.Instance.Id} FOR UPDATE""")
                        .SingleAsync(ct);
                    if (current != revision)
                    {
                        return Conflicted;
                    }
                }

                await CancelTimersAsync(success.Outputs, now, ct);
                await db.SaveChangesAsync(ct);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(ct);
                }
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || IsDuplicateKey(e))
            {
                return Conflicted;
            }
        }

        return new StepOutcome.Done(record.Proposal, record.Instance, success);
    }

    /// <summary>
    /// Saves an edit of a draft (the caller checked state, permission and the version it edits); an edit that another save
    /// overtook (the proposal's revision is a concurrency token) answers <see cref="StepOutcome.Conflict"/> and saves nothing.
    /// </summary>
    public async Task<StepOutcome> SaveEditAsync(ProposalRecord record, ProposalDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var subject = await SubjectAsync(record.Proposal, ct);
        var unknown = draft.PartnerCityCodes.Where(c => !subject.Cities.ContainsKey(c)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainRuleException("partnerCityCodes", $"Unknown city code(s): {string.Join(", ", unknown)}.");
        }

        record.Proposal.Edit(draft);
        if (record.Proposal.PartnerCityCodes.Count > 0)
        {
            record.Proposal.SetPartners([.. record.Proposal.PartnerCityCodes.Select(c => subject.Cities[c])]);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Forget the refused edit, so a reload in this unit of work reads the version that was saved first.
            db.ChangeTracker.Clear();
            return Conflicted;
        }

        return new StepOutcome.Edited(record);
    }

    private static bool IsDuplicateKey(DbUpdateException e) =>
        e.InnerException?.GetType().Name is "PostgresException" or "SqliteException"
        && (e.InnerException.Message.Contains("23505", StringComparison.Ordinal)
            || e.InnerException.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)
            || e.InnerException.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal));

    /// <summary>Writes a migration's outputs (timers, notices, cancelled timers); the caller's transaction must be open, as cancelling runs at once.</summary>
    internal async Task WriteOutputsAsync(CooperationProposal proposal, WorkflowInstance instance, WorkflowOutputs outputs, DateTimeOffset now, CancellationToken ct)
    {
        var definition = await catalog.GetAsync(db, instance.DefinitionId, instance.Version, ct);
        await WriteOutputsAsync(proposal, instance, definition, await SubjectAsync(proposal, ct), outputs, null, now, ct);
        await CancelTimersAsync(outputs, now, ct);
    }

    // A completed task's timers are cancelled in the step's transaction, so no reminder follows a done step. Conditional
    // (WHERE "Status" = 'Pending'): a timer a sweep fired meanwhile (it holds the row until it commits; then this statement
    // re-reads it) stays fired, as its reminder was written; the dispatcher supersedes that reminder, its task being closed.
    private async Task CancelTimersAsync(WorkflowOutputs outputs, DateTimeOffset now, CancellationToken ct)
    {
        var closed = outputs.TasksClosed.Select(t => t.Id).ToList();
        if (closed.Count > 0)
        {
            await db.WorkflowTimers
                .Where(t => closed.Contains(t.TaskId) && t.Status == TimerStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TimerStatus.Cancelled).SetProperty(t => t.CompletedAt, now), ct);
        }
    }

    private async Task WriteOutputsAsync(
        CooperationProposal proposal,
        WorkflowInstance instance,
        WorkflowDefinition definition,
        ProposalWorkflowSubject subject,
        WorkflowOutputs outputs,
        string? actorUserId,
        DateTimeOffset now,
        CancellationToken ct)
    {
        // Due dates come out of the engine final (counted in each place's business days). Timers: one row per recipient
        // country, each counting that country's business days from the task's due date there; a deadline that takes an
        // action is one row, as the action happens once for everybody.
        foreach (var timer in outputs.Timers)
        {
            var task = instance.Tasks.First(t => t.Id == timer.TaskId);
            var taskDefinition = definition.GetState(task.State).Tasks.First(d => d.Name == task.TaskName);
            IReadOnlyList<Country?> countries = timer.Timer.Action is null
                && TaskPlace.RecipientCountries(timer.Timer.Recipients.Count == 0 ? [new RecipientDeclaration(taskDefinition.Role, taskDefinition.Scope)] : timer.Timer.Recipients, subject, subject.Cities, engine.Hooks) is { } recipientCountries
                ? [.. recipientCountries.Select(c => (Country?)c)]
                : [null];
            foreach (var country in countries)
            {
                var place = country is { } c ? TaskPlace.Of(c) : TaskPlace.Of(task.OrganizationCode, proposal, subject.Cities);
                var due = task.DueIn(place.Country.ToString())?.At;
                DateTimeOffset? fireAt;
                string? unscheduled = null;
                try
                {
                    fireAt = TimerSchedule.FirstFireAt(timer.Timer, due, calendars.Calendars.For(place.Country), place.Zone, openedAt: task.OpenedAt);
                    if (fireAt is null && timer.Timer.Kind == TimerKind.Reminder)
                    {
                        // Its time lay before the task opened and no repeat follows: nothing to remind of.
                        continue;
                    }
                }
                catch (CalendarNotCoveredException e)
                {
                    // Past the years the holiday rules are kept for: keep the row unscheduled with the reason for admins.
                    fireAt = null;
                    unscheduled = e.Message;
                }

                db.WorkflowTimers.Add(new WorkflowTimer
                {
                    InstanceId = instance.Id,
                    ProposalId = proposal.Id,
                    TaskId = timer.TaskId,
                    TaskName = timer.TaskName,
                    Kind = timer.Timer.Kind,
                    Country = country,
                    DeclarationJson = JsonSerializer.Serialize(timer.Timer, Timers.StoredTimerJson.Options),
                    TaskDueAt = due,
                    FireAt = fireAt,
                    LastError = unscheduled,
                    CreatedAt = now,
                });
            }
        }

        // One writer for every notice: same unique key, same digest rule, same skipping of users without email and of the
        // step's own actor.
        var outbox = new OutboxWriter(db) { ActorUserId = actorUserId };
        foreach (var notification in outputs.Notifications)
        {
            var task = instance.Tasks.First(t => t.Id == notification.TaskId);
            var kind = notification.Template ?? (notification.Trigger == NotificationTrigger.TaskOpened ? "task-opened" : "task-closed");
            var dueAt = notification.Trigger == NotificationTrigger.TaskOpened ? task.OpenedAt : task.ClosedAt ?? now;
            var closing = notification.Trigger == NotificationTrigger.TaskClosed;
            Notifications.Payloads.NotificationPayload Payload(Identity.CityCoopUser user)
            {
                var due = TaskPlace.DueFor(task, user.OrganizationCode, subject.Cities);
                return new Notifications.Payloads.TaskNoticePayload(proposal.Title, task.TaskName, task.State, due?.At, due?.ProvisionalYear, due?.Place)
                {
                    Action = task.ClosedByAction,

                    // A decision notice says what was decided: the amount (possibly less than requested) and the decider's reason.
                    ApprovedAmount = closing ? proposal.ApprovedAmount?.Amount : null,
                    RequestedAmount = closing ? proposal.RequestedAmount.Amount : null,
                    Currency = proposal.RequestedAmount.Currency.ToString(),
                    Comment = closing ? instance.Journal.MaxBy(j => j.Sequence)?.Comment : null,
                };
            }

            foreach (var recipient in notification.Recipients)
            {
                await outbox.AddAsync(proposal.Id, task.Id, kind, dueAt, await outbox.UsersAsync(recipient.Role, recipient.OrganizationCodes, ct), Payload, now, ct);
            }
        }
    }
}
