using System.Globalization;
using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Calendars;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Observability;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCoop.Infrastructure.Timers;

/// <summary>
/// Executes due timer rows. Timer rows are the source of truth; Hangfire only calls <see cref="RunAsync"/> every minute.
/// A sweep reads its due timers with one query on the ("Status", "FireAt") index, so its cost follows the due work, not the
/// number of open instances, and reads the tasks and subjects of its reminders together (<see cref="DueReminders"/>) and
/// each role's recipients once (<see cref="SweepRecipients"/>). Each timer is then claimed and executed in its own
/// transaction (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so concurrent sweeps in any number of processes never take the
/// same row), and the outbox's unique key makes a repeat harmless.
/// A deadline that names an action takes it through <see cref="WorkflowRuntime.ExecuteAsSystemAsync"/> in the same
/// transaction; a row with a <see cref="WorkflowTimer.Country"/> counts and notifies for that country only.
/// </summary>
public sealed class TimerSweep(
    CityCoopDbContext db,
    WorkflowRuntime runtime,
    OutboxWriter outbox,
    CalendarStore calendars,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<TimerSweep> logger,
    CityCoopMetrics metrics)
{
    // SQLite is the single-process embedded default: one sweep at a time in the process is enough.
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    /// <summary>Executes due timers (at most the configured batch) and returns how many were handled.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var postgres = db.Database.IsNpgsql();
        if (!postgres)
        {
            await SqliteGate.WaitAsync(ct);
        }

        using var span = CityCoopMetrics.Activities.StartActivity("timer sweep");
        var started = time.GetTimestamp();
        try
        {
            var now = time.GetUtcNow();
            await ScheduleWaitingAsync(ct);

            // Read without a lock, only to load the reminders' tasks and subjects together; each timer is claimed in its own
            // transaction below, as before (a claimed timer that is not in this read is loaded on its own).
            db.ChangeTracker.Clear();
            var due = await db.WorkflowTimers.AsNoTracking()
                .Where(t => t.Status == TimerStatus.Pending && t.FireAt <= now)
                .OrderBy(t => t.FireAt)
                .Take(options.Value.BatchSize)
                .ToListAsync(ct);
            var reminders = await DueReminders.LoadAsync(db, runtime.Modules, [.. due.Where(t => t.Kind == TimerKind.Reminder)], ct);
            var recipients = new SweepRecipients(outbox);
            var handled = 0;
            while (handled < options.Value.BatchSize && await FireOneAsync(now, postgres, reminders, recipients, ct))
            {
                handled++;
            }

            return handled;
        }
        finally
        {
            if (!postgres)
            {
                SqliteGate.Release();
            }

            metrics.RecordSweep(time.GetElapsedTime(started).TotalSeconds);
        }
    }

    // Timers whose day lay past the loaded calendars wait unscheduled (FireAt null, LastError set) until the year is loaded.
    private async Task ScheduleWaitingAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var waiting = await db.WorkflowTimers
            .Where(t => t.Status == TimerStatus.Pending && t.FireAt == null && t.TaskDueAt != null && t.LastError != null)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);
        foreach (var timer in waiting)
        {
            var record = await runtime.LoadAsync(timer.InstanceId, null, ct);
            var task = record?.Instance.Tasks.FirstOrDefault(t => t.Id == timer.TaskId);
            if (record is null || task is null)
            {
                continue;
            }

            var (place, due) = PlaceOf(timer, task, record.Subject.Subject.OrganizationCode, await runtime.CitiesAsync(ct));
            var declaration = JsonSerializer.Deserialize<TimerDeclaration>(timer.DeclarationJson, StoredTimerJson.Options)!;
            try
            {
                timer.FireAt = TimerSchedule.FirstFireAt(declaration, due?.At, calendars.Calendars.For(place.Country), place.Zone, openedAt: task.OpenedAt) ?? timer.TaskDueAt;
                timer.LastError = null;
            }
            catch (CalendarNotCoveredException)
            {
                // Still not loaded; the reason stays on the row for admins.
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A step cancelled one of these meanwhile (a timer's status is a concurrency token): the next run tries again.
        }

        db.ChangeTracker.Clear();
    }

    private async Task<bool> FireOneAsync(DateTimeOffset now, bool postgres, DueReminders reminders, SweepRecipients recipients, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Guid timerId;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var timer = postgres
                ? (await db.WorkflowTimers
                    .FromSql($"""SELECT * FROM workflow_timers WHERE "Status" = 'Pending' AND "FireAt" <= {now} ORDER BY "FireAt" LIMIT 1 FOR UPDATE SKIP LOCKED""")
                    .ToListAsync(ct)).FirstOrDefault()
                : await db.WorkflowTimers.Where(t => t.Status == TimerStatus.Pending && t.FireAt <= now).OrderBy(t => t.FireAt).FirstOrDefaultAsync(ct);
            if (timer is null)
            {
                return false;
            }

            timerId = timer.Id;
            var dueAt = timer.FireAt;
            try
            {
                if (!await ExecuteAsync(timer, now, postgres, reminders, recipients, ct))
                {
                    await tx.RollbackAsync(ct);
                    return false;
                }

                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);

                // A timer whose task had closed is cancelled, not fired: only fired ones say how late the sweep is.
                if (timer.Status != TimerStatus.Cancelled && dueAt is { } due)
                {
                    metrics.RecordTimerFired((time.GetUtcNow() - due).TotalSeconds);
                }

                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A step on the same subject committed first (escalations write the journal); the next sweep re-reads it.
                await tx.RollbackAsync(ct);
                return false;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                // A person's step on this subject is committing; it wins, and the next sweep finds the task closed.
                await tx.RollbackAsync(ct);
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await tx.RollbackAsync(ct);
                logger.LogError(e, "Timer {TimerId} failed; retrying in 5 minutes.", timerId);
                db.ChangeTracker.Clear();
                var failed = await db.WorkflowTimers.FirstAsync(t => t.Id == timerId, ct);
                failed.LastError = Truncate(e.Message);
                failed.FireAt = now.AddMinutes(5);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Its task closed meanwhile and a step cancelled it: nothing to retry.
                }

                return true;
            }
        }
    }

    // False: a concurrent step won; the caller rolls back and the next sweep re-reads.
    private async Task<bool> ExecuteAsync(WorkflowTimer timer, DateTimeOffset now, bool postgres, DueReminders reminders, SweepRecipients recipients, CancellationToken ct)
    {
        var declaration = JsonSerializer.Deserialize<TimerDeclaration>(timer.DeclarationJson, StoredTimerJson.Options)
            ?? throw new InvalidOperationException($"Timer {timer.Id} has no declaration.");
        var writesJournal = declaration.Action is not null || declaration.Kind == TimerKind.Escalation;
        if (!writesJournal && reminders.TryGet(timer.Id, out var dueTask, out var dueSubject))
        {
            // A reminder only reads: its task and subject were loaded with the sweep's other reminders.
            if (!dueTask.IsOpen)
            {
                timer.Cancel(now);
                return true;
            }

            await NotifyAsync(timer, declaration, dueTask, dueSubject, null, now, recipients, ct);
            return true;
        }

        if (postgres && writesJournal)
        {
            // Timers that write the journal take the instance row too. A person's step holds that row while it cancels
            // this timer row, which we hold: fail at once and let that step win rather than wait for a deadlock.
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM workflow_instances WHERE "Id" = {timer.InstanceId} FOR UPDATE NOWAIT""", ct);
        }

        var record = await runtime.LoadAsync(timer.InstanceId, declaration.Action, ct);
        var task = record?.Instance.Tasks.FirstOrDefault(t => t.Id == timer.TaskId);
        if (record is null || task is null || !task.IsOpen)
        {
            // The step completed first (its own transaction should have cancelled us): re-read state, do nothing.
            timer.Cancel(now);
            return true;
        }

        if (declaration is { Kind: TimerKind.Deadline, Action: { } action })
        {
            return await TakeActionAsync(timer, record, task, action, now, ct);
        }

        await NotifyAsync(timer, declaration, task, TimerSubject.Of(record), record.Instance, now, recipients, ct);
        return true;
    }

    // A reminder or an escalation: outbox rows for the recipients (of the row's country), then the next repeat. An
    // escalation also journals itself on the instance, which only the one-by-one, locked load supplies.
    private async Task NotifyAsync(WorkflowTimer timer, TimerDeclaration declaration, WorkflowTask task, TimerSubject about, WorkflowInstance? instance, DateTimeOffset now, SweepRecipients recipients, CancellationToken ct)
    {
        var occurrence = timer.FireAt ?? now;
        var subject = about.Subject;
        var hooks = about.Module.Hooks;
        var cities = await runtime.CitiesAsync(ct);
        var (place, due) = PlaceOf(timer, task, subject.OrganizationCode, cities);
        var calendar = calendars.Calendars.For(place.Country);

        var declared = declaration.Recipients.Count == 0 ? [new RecipientDeclaration(task.Role, task.Scope)] : declaration.Recipients;
        var users = new List<Identity.CityCoopUser>();
        foreach (var recipient in declared)
        {
            users.AddRange(await recipients.UsersAsync(recipient.Role, hooks.Resolve(recipient.Scope, subject), ct));
        }

        if (timer.Country is { } country)
        {
            // The other countries' recipients have rows of their own, firing on their own business days.
            users.RemoveAll(u => TaskPlace.CountryOf(u.OrganizationCode, cities) != country);
        }

        var kind = declaration.Template ?? (declaration.Kind == TimerKind.Escalation ? MailKinds.Escalation : MailKinds.Reminder);
        var overdue = due is { } d && now >= d.At;
        var overdueDays = declaration.Kind == TimerKind.Escalation ? declaration.After?.Days ?? 0 : 0;
        string? assignee = null;
        if (declaration.Kind == TimerKind.Escalation)
        {
            var holders = await recipients.UsersAsync(task.Role, hooks.Resolve(task.Scope, subject), ct);
            assignee = holders.Count > 0 ? string.Join(", ", holders.Select(h => h.DisplayName)) : task.OrganizationCode ?? task.Scope.Name;
            var told = string.Join(", ", users.Select(u => u.DisplayName).Distinct());
            var details = DomainText.Of(
                "escalated",
                string.Create(CultureInfo.InvariantCulture, $"task {task.TaskName} overdue by {overdueDays} business day(s) ({place.Country}); told {told}"),
                ("task", task.TaskName),
                ("days", overdueDays),
                ("country", place.Country),
                ("told", told));
            WorkflowEngine.RecordEscalation(instance ?? throw new InvalidOperationException("An escalation is fired with its instance loaded."), task.TaskName, now, details);
        }

        var payload = new Notifications.Payloads.TaskNoticePayload(about.Title, task.TaskName, task.State, due?.At, due?.ProvisionalYear, place.Country.ToString())
        {
            IsOverdue = overdue,
            OverdueBusinessDays = overdueDays,
            AssigneeName = assignee,
        };
        await outbox.AddAsync(new NoticeSubject(about.Module.SubjectType, about.SubjectId), task.Id, kind, occurrence, users, _ => payload, now, ct);

        timer.FireCount++;
        timer.LastError = null;
        DateTimeOffset? next = null;
        try
        {
            next = TimerSchedule.NextFireAt(declaration, occurrence, due?.At, timer.FireCount, calendar, place.Zone);

            // After an outage, skip the slots already past rather than sending a burst of reminders at once.
            while (next is { } missed && missed <= now)
            {
                next = TimerSchedule.NextFireAt(declaration, missed, due?.At, timer.FireCount, calendar, place.Zone);
            }
        }
        catch (CalendarNotCoveredException e)
        {
            timer.LastError = Truncate("Not repeated: " + e.Message);
        }

        if (next is { } at)
        {
            timer.FireAt = at;
        }
        else
        {
            timer.Status = TimerStatus.Fired;
            timer.CompletedAt = now;
        }
    }

    // A deadline's action goes through the step path a person's action takes, as the system actor, in this transaction.
    private async Task<bool> TakeActionAsync(WorkflowTimer timer, WorkflowRecord record, WorkflowTask task, string action, DateTimeOffset now, CancellationToken ct)
    {
        // Fired (saved, in this transaction) before the step runs, so the step's conditional cancelling of its task's pending
        // timers leaves this row alone.
        timer.FireCount++;
        timer.Status = TimerStatus.Fired;
        timer.CompletedAt = now;
        timer.LastError = null;
        await db.SaveChangesAsync(ct);
        switch (await runtime.ExecuteAsSystemAsync(record, action, now, ct))
        {
            case StepOutcome.Done:
                return true;
            case StepOutcome.Refused refused:
                // A guard said no: journal why, once, where people read the proposal's history. Retrying every minute
                // would only refuse again; a person can still close the task.
                var reason = $"The deadline of '{task.TaskName}' did not take '{action}': {refused.Failure.Message}";
                db.ChangeTracker.Clear();
                var again = await db.WorkflowTimers.FirstAsync(t => t.Id == timer.Id, ct);
                again.LastError = Truncate(reason);
                var fresh = await runtime.LoadAsync(timer.InstanceId, null, ct)
                    ?? throw new InvalidOperationException($"The subject of instance {timer.InstanceId} disappeared during its deadline.");
                WorkflowEngine.RecordNotice(fresh.Instance, action + "-refused", task.TaskName, now, DomainText.Of("deadline-action-refused", reason, ("task", task.TaskName), ("action", action), ("reason", refused.Failure.Text.English)));
                logger.LogWarning("Timer {TimerId}: {Reason}", timer.Id, reason);
                return true;
            default:
                return false;
        }
    }

    // A row with a country counts that country's days from the task's due date there and fires at 09:00 in its zone; a row
    // without one (a deadline that acts, or a row written before per-country timers) keeps the task's own place.
    private static (TaskPlace Place, TaskDueDate? Due) PlaceOf(WorkflowTimer timer, WorkflowTask task, string ownerOrganizationCode, IReadOnlyDictionary<string, Domain.Cities.City> cities)
    {
        var place = timer.Country is { } country ? TaskPlace.Of(country) : TaskPlace.Of(task.OrganizationCode, ownerOrganizationCode, cities);
        return (place, task.DueIn(place.Country.ToString()));
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];
}
