using System.Diagnostics;
using System.Text.Json;
using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Notifications.Payloads;
using CityCoop.Infrastructure.Observability;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Security;
using CityCoop.Infrastructure.Timers;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// Runs every workflow against the database, whatever its subject: start, load, act (as a person or as the system) and
/// write a step's outputs. One step is one transaction: the instance (state, revision), journal entry, opened and closed
/// tasks, the module's own rows, timer rows and outbox rows commit together or not at all. The instance's revision is a
/// concurrency token, so of several concurrent steps on one subject exactly one commits. The runtime knows a subject only
/// through its <see cref="IWorkflowModule"/>.
/// </summary>
public sealed class WorkflowRuntime(
    CityCoopDbContext db,
    WorkflowModules modules,
    WorkflowDefinitionCatalog catalog,
    ReferenceDataCache referenceData,
    CalendarStore calendars,
    SecurityAuditLog audit,
    TimeProvider time,
    CityCoopMetrics metrics)
{
    private static readonly StepOutcome.Conflict Conflicted = new("Another change was saved first; nothing was done. Reload and try again.");

    private IQueryable<WorkflowInstance> Instances => WithParts(db.WorkflowInstances);

    /// <summary>The registered modules.</summary>
    public WorkflowModules Modules => modules;

    /// <summary>
    /// Starts the instance of a subject the caller has just added to the unit of work, on the newest version of its module's
    /// definition, and saves both with the start's timers and notices.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The module's definition is not loaded.</exception>
    public async Task<WorkflowRecord> StartAsync(IWorkflowModule module, Guid subjectId, LoadedSubject subject, WorkflowActor actor, DateTimeOffset? at = null, string? dateSource = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(subject);
        var now = at ?? time.GetUtcNow();
        var definition = catalog.Latest(module.DefinitionId);
        var start = modules.EngineFor(module).Start(definition, subject.Subject, actor, now, dateSource);
        db.WorkflowInstances.Add(start.Instance);
        var entry = db.Entry(start.Instance);
        entry.Property<string>(CityCoopDbContext.InstanceSubjectType).CurrentValue = module.SubjectType;
        entry.Property<Guid>(CityCoopDbContext.InstanceSubjectId).CurrentValue = subjectId;
        var record = new WorkflowRecord(module, subjectId, subject, start.Instance, definition);
        await WriteOutputsAsync(record, start.Outputs, actor.UserId, now, ct);
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>Loads a subject with its instance (tracked, for a step or an edit), or null when either is missing.</summary>
    /// <param name="subjectType">The module's subject type.</param>
    /// <param name="subjectId">The subject's id.</param>
    /// <param name="action">The action about to be taken (the module loads what its guards need), or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="KeyNotFoundException">No module declares <paramref name="subjectType"/>.</exception>
    public async Task<WorkflowRecord?> LoadAsync(string subjectType, Guid subjectId, string? action = null, CancellationToken ct = default)
    {
        modules.Get(subjectType);
        var instance = await OfSubject(Instances, subjectType, subjectId).FirstOrDefaultAsync(ct);
        return instance is null ? null : await RecordOfAsync(instance, action, ct);
    }

    // A step's load, one statement. PostgreSQL, inside the step's transaction: the statement that reads the instance takes
    // its row, so a step needs no separate FOR UPDATE round trip, and two steps on one subject (a person's and a
    // deadline's) queue on that row instead of deadlocking on the rows they write later. SQLite has no row locks; there the
    // instance's revision decides at save time, as it does everywhere.
    private async Task<WorkflowRecord?> LoadForStepAsync(string subjectType, Guid subjectId, string action, CancellationToken ct)
    {
        modules.Get(subjectType);
        var instances = db.Database.IsNpgsql()
            ? db.WorkflowInstances.FromSqlInterpolated($"""SELECT * FROM workflow_instances WHERE "SubjectType" = {subjectType} AND "SubjectId" = {subjectId} FOR UPDATE""")
            : OfSubject(db.WorkflowInstances, subjectType, subjectId);
        var instance = await ForStep(instances).FirstOrDefaultAsync(ct);
        return instance is null ? null : await RecordOfAsync(instance, action, ct);
    }

    private static IQueryable<WorkflowInstance> OfSubject(IQueryable<WorkflowInstance> instances, string subjectType, Guid subjectId) =>
        instances.Where(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == subjectType && EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == subjectId);

    // What a step works on, in one statement: the open tasks only (a step closes and opens no others; closed ones are
    // history), the approvals and the journal (guards read it and the next entry's sequence follows it). Open tasks and
    // approvals are a handful, so the joined rows stay about as many as the journal's. (Not a compiled query: EF compiles
    // none that start from FromSql.)
    private static IQueryable<WorkflowInstance> ForStep(IQueryable<WorkflowInstance> instances) =>
        instances.Include(i => i.Tasks.Where(t => t.ClosedAt == null)).Include(i => i.Approvals).Include(i => i.Journal).AsSingleQuery();

    // What a page or a migration works on: the instance with every task, its approvals and its journal, each collection in
    // a query of its own.
    private static IQueryable<WorkflowInstance> WithParts(IQueryable<WorkflowInstance> instances) =>
        instances.Include(i => i.Tasks).Include(i => i.Approvals).Include(i => i.Journal).AsSplitQuery();

    /// <summary>Loads an instance (tracked) with its subject, by the instance's id (a timer knows only that), or null.</summary>
    public async Task<WorkflowRecord?> LoadAsync(Guid instanceId, string? action, CancellationToken ct)
    {
        var instance = await Instances.FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        return instance is null ? null : await RecordOfAsync(instance, action, ct);
    }

    /// <summary>
    /// The record of an instance the caller loaded with its tasks, approvals and journal (a migration loads many at once):
    /// its module's subject, loaded for <paramref name="action"/>'s guards, on the definition version it is pinned to; null
    /// when the subject no longer exists.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No module declares the instance's subject type.</exception>
    public async Task<WorkflowRecord?> RecordOfAsync(WorkflowInstance instance, string? action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var entry = db.Entry(instance);
        var module = modules.Get(entry.Property<string>(CityCoopDbContext.InstanceSubjectType).CurrentValue);
        var subjectId = entry.Property<Guid>(CityCoopDbContext.InstanceSubjectId).CurrentValue;
        var definition = await catalog.GetAsync(db, instance.DefinitionId, instance.Version, ct);
        IReadOnlyCollection<string> guards = action is null ? [] : [.. definition.FindState(instance.CurrentState)?.Actions
            .Where(x => x.Action.Name == action).SelectMany(x => x.Action.Guards).Select(g => g.Name) ?? []];
        var subject = await module.LoadAsync(db, subjectId, guards, ct);
        return subject is null ? null : new WorkflowRecord(module, subjectId, subject, instance, definition);
    }

    /// <summary>
    /// Takes an action on a subject. <paramref name="ifMatch"/> (an ETag) makes the step conditional (412 when stale);
    /// <paramref name="at"/> and <paramref name="dateSource"/> let a replay set the clock and say whether the date was
    /// recorded or assumed; <paramref name="visibleTo"/> makes a subject the caller may not see answer
    /// <see cref="StepOutcome.NotFound"/>. Every person's action refused for role or organisation
    /// (<see cref="ActionForbidden"/>) is written to the security audit log here, the one door all of them pass.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No module declares <paramref name="subjectType"/>.</exception>
    public async Task<StepOutcome> ExecuteAsync(
        string subjectType,
        Guid subjectId,
        WorkflowActor actor,
        string action,
        IReadOnlyDictionary<string, JsonElement> inputs,
        string? ifMatch = null,
        DateTimeOffset? at = null,
        string? dateSource = null,
        Func<WorkflowRecord, Task<bool>>? visibleTo = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);

        // Observability: one span and one duration per step, around the whole step (audit row included).
        using var span = CityCoopMetrics.Activities.StartActivity("workflow step");
        span?.SetTag(CityCoopMetrics.SubjectTypeTag, subjectType);
        span?.SetTag(CityCoopMetrics.ActionTag, action);
        var started = time.GetTimestamp();
        var outcomeTag = "error";
        try
        {
            var outcome = await ExecuteLoadedAsync(subjectType, subjectId, actor, action, inputs, ifMatch, at, dateSource, visibleTo, ct);

            // After the step's transaction ended, so a refused step's audit row is written whatever became of the step.
            if (outcome is StepOutcome.Refused { Failure: ActionForbidden forbidden })
            {
                await audit.RecordAsync(SecurityEvents.ActionForbidden, $"{subjectType}:{subjectId}", $"{action}: {forbidden.Text.Code}", actor.UserId);
            }

            outcomeTag = CityCoopMetrics.OutcomeOf(outcome);
            return outcome;
        }
        finally
        {
            span?.SetTag(CityCoopMetrics.OutcomeTag, outcomeTag);
            span?.SetStatus(outcomeTag == "error" ? ActivityStatusCode.Error : ActivityStatusCode.Unset);
            metrics.RecordStep(subjectType, action, outcomeTag, time.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<StepOutcome> ExecuteLoadedAsync(
        string subjectType,
        Guid subjectId,
        WorkflowActor actor,
        string action,
        IReadOnlyDictionary<string, JsonElement> inputs,
        string? ifMatch,
        DateTimeOffset? at,
        string? dateSource,
        Func<WorkflowRecord, Task<bool>>? visibleTo,
        CancellationToken ct)
    {
        // PostgreSQL: the transaction opens before the load, which takes the instance's row (LoadForStepAsync).
        var transaction = db.Database.IsNpgsql() && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using (transaction)
        {
            var record = await LoadForStepAsync(subjectType, subjectId, action, ct);
            if (record is null || (visibleTo is not null && !await visibleTo(record)))
            {
                return new StepOutcome.NotFound();
            }

            if (ifMatch is not null && ifMatch != "*" && ifMatch.Trim() != record.ETag)
            {
                return new StepOutcome.Stale(record.ETag);
            }

            var outcome = await StepAsync(record, actor, action, inputs, at ?? time.GetUtcNow(), dateSource, ct);
            if (transaction is not null && outcome is StepOutcome.Done)
            {
                await transaction.CommitAsync(ct);
            }

            return outcome;
        }
    }

    /// <summary>
    /// Takes a deadline's action (e.g. <c>expire</c>) on a loaded subject as <see cref="WorkflowEngine.SystemActor"/>, through
    /// the same path as a person's step (inside the caller's transaction when it has one). A person's step that committed
    /// first makes this a <see cref="StepOutcome.Conflict"/>.
    /// </summary>
    public Task<StepOutcome> ExecuteAsSystemAsync(WorkflowRecord record, string action, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return StepAsync(record, WorkflowEngine.SystemActor, action, new Dictionary<string, JsonElement>(), now, null, ct);
    }

    /// <summary>Writes a migration's outputs (timers, notices, cancelled timers); the caller's transaction must be open, as cancelling runs at once.</summary>
    public async Task WriteMigrationOutputsAsync(WorkflowRecord record, WorkflowOutputs outputs, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(outputs);
        await WriteOutputsAsync(record, outputs, null, now, ct);
        await CancelTimersAsync(outputs, now, ct);
    }

    /// <summary>
    /// Saves an edit the module made to a loaded subject outside the engine (a draft's fields); an edit another save overtook
    /// (the subject's revision is a concurrency token) answers <see cref="StepOutcome.Conflict"/> and saves nothing.
    /// </summary>
    public async Task<StepOutcome> SaveEditAsync(WorkflowRecord record, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
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

    /// <summary>The cities by code (reference data), for the places of tasks and recipients.</summary>
    public async Task<IReadOnlyDictionary<string, City>> CitiesAsync(CancellationToken ct) => (await referenceData.GetAsync(db, ct)).Cities;

    private async Task<StepOutcome> StepAsync(WorkflowRecord record, WorkflowActor actor, string action, IReadOnlyDictionary<string, JsonElement> inputs, DateTimeOffset now, string? dateSource, CancellationToken ct)
    {
        var engine = modules.EngineFor(record.Module);
        var result = engine.Execute(record.Instance, record.Definition, actor, action, inputs, record.Subject.Subject, now, dateSource);
        if (result is WorkflowFailure failure)
        {
            return new StepOutcome.Refused(failure);
        }

        var success = (WorkflowSuccess)result;
        await record.Subject.AfterStepAsync(db, record.Instance, record.Definition, success, now, ct);
        await WriteOutputsAsync(record, success.Outputs, actor.UserId, now, ct);

        // One transaction for the step's rows and the cancelling of its closed tasks' timers, which is a statement of its own.
        // A person's step on PostgreSQL and the sweep come with their transaction open and the instance's row taken; any
        // other caller (SQLite, a test) gets one here, and on PostgreSQL the row is taken before anything is written.
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

                if (await record.Subject.BeforeCommitAsync(db, success, now, ct) is { } refusal)
                {
                    // The transaction rolls back on disposal; forget the step's changes so nothing of it is saved later.
                    db.ChangeTracker.Clear();
                    return new StepOutcome.Refused(new GuardFailed(success.Entry.Action, refusal));
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

        return new StepOutcome.Done(record, success);
    }

    private static bool IsDuplicateKey(DbUpdateException e) =>
        e.InnerException?.GetType().Name is "PostgresException" or "SqliteException"
        && (e.InnerException.Message.Contains("23505", StringComparison.Ordinal)
            || e.InnerException.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)
            || e.InnerException.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal));

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

    private async Task WriteOutputsAsync(WorkflowRecord record, WorkflowOutputs outputs, string? actorUserId, DateTimeOffset now, CancellationToken ct)
    {
        var instance = record.Instance;
        var subject = record.Subject.Subject;
        var hooks = record.Module.Hooks;
        var cities = await CitiesAsync(ct);

        // Due dates come out of the engine final (counted in each place's business days). Timers: one row per recipient
        // country, each counting that country's business days from the task's due date there; a deadline that takes an
        // action is one row, as the action happens once for everybody.
        foreach (var timer in outputs.Timers)
        {
            var task = instance.Tasks.First(t => t.Id == timer.TaskId);
            var taskDefinition = record.Definition.GetState(task.State).Tasks.First(d => d.Name == task.TaskName);
            IReadOnlyList<Country?> countries = timer.Timer.Action is null
                && TaskPlace.RecipientCountries(timer.Timer.Recipients.Count == 0 ? [new RecipientDeclaration(taskDefinition.Role, taskDefinition.Scope)] : timer.Timer.Recipients, subject, cities, hooks) is { } recipientCountries
                ? [.. recipientCountries.Select(c => (Country?)c)]
                : [null];
            foreach (var country in countries)
            {
                var place = country is { } c ? TaskPlace.Of(c) : TaskPlace.Of(task.OrganizationCode, subject.OrganizationCode, cities);
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
                    TaskId = timer.TaskId,
                    TaskName = timer.TaskName,
                    Kind = timer.Timer.Kind,
                    Country = country,
                    DeclarationJson = JsonSerializer.Serialize(timer.Timer, StoredTimerJson.Options),
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
        var about = new NoticeSubject(record.Module.SubjectType, record.SubjectId);
        foreach (var notification in outputs.Notifications)
        {
            var task = instance.Tasks.First(t => t.Id == notification.TaskId);
            var kind = notification.Template ?? (notification.Trigger == NotificationTrigger.TaskOpened ? "task-opened" : "task-closed");
            var dueAt = notification.Trigger == NotificationTrigger.TaskOpened ? task.OpenedAt : task.ClosedAt ?? now;
            var closing = notification.Trigger == NotificationTrigger.TaskClosed;
            NotificationPayload Payload(CityCoopUser user)
            {
                var due = TaskPlace.DueFor(task, user.OrganizationCode, cities);
                var notice = new TaskNoticePayload(record.Subject.Title, task.TaskName, task.State, due?.At, due?.ProvisionalYear, due?.Place)
                {
                    Action = task.ClosedByAction,
                    Comment = closing ? instance.Journal.MaxBy(j => j.Sequence)?.Comment : null,
                };
                return record.Subject.Describe(notice, instance, task, closing);
            }

            foreach (var recipient in notification.Recipients)
            {
                await outbox.AddAsync(about, task.Id, kind, dueAt, await outbox.UsersAsync(recipient.Role, recipient.OrganizationCodes, ct), Payload, now, ct);
            }
        }
    }
}
