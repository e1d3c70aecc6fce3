using System.Globalization;
using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Calendars;
using CityCoop.Domain.Workflows;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityCoop.Infrastructure.Timers;

/// <summary>
/// Executes due timer rows. Timer rows are the source of truth; Hangfire only calls <see cref="RunAsync"/> every minute.
/// Each timer is claimed and executed in its own transaction (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so concurrent
/// sweeps in any number of processes never take the same row), and the outbox's unique key makes a repeat harmless.
/// </summary>
public sealed class TimerSweep(
    CityCoopDbContext db,
    ProposalWorkflow workflow,
    OutboxWriter outbox,
    CalendarStore calendars,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<TimerSweep> logger)
{
    // SQLite is the single-process embedded default: one sweep at a time in the process is enough.
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Executes due timers (at most the configured batch) and returns how many were handled.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var postgres = db.Database.IsNpgsql();
        if (!postgres)
        {
            await SqliteGate.WaitAsync(ct);
        }

        try
        {
            var now = time.GetUtcNow();
            await ScheduleWaitingAsync(ct);
            var handled = 0;
            while (handled < options.Value.BatchSize && await FireOneAsync(now, postgres, ct))
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
            var record = await workflow.LoadAsync(timer.ProposalId, ct);
            var task = record?.Instance.Tasks.FirstOrDefault(t => t.Id == timer.TaskId);
            if (record is null || task is null)
            {
                continue;
            }

            var subject = await workflow.SubjectAsync(record.Proposal, ct);
            var place = TaskPlace.Of(task.OrganizationCode, record.Proposal, subject.Cities);
            var declaration = JsonSerializer.Deserialize<TimerDeclaration>(timer.DeclarationJson, Json)!;
            try
            {
                timer.FireAt = TimerSchedule.FirstFireAt(declaration, timer.TaskDueAt, calendars.Calendars.For(place.Country), place.Zone);
                timer.LastError = null;
            }
            catch (CalendarNotCoveredException)
            {
                // Still not loaded; the reason stays on the row for admins.
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task<bool> FireOneAsync(DateTimeOffset now, bool postgres, CancellationToken ct)
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
            try
            {
                await ExecuteAsync(timer, now, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A step on the same proposal committed first (escalations write the journal); the next sweep re-reads it.
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
                await db.SaveChangesAsync(ct);
                return true;
            }
        }
    }

    private async Task ExecuteAsync(WorkflowTimer timer, DateTimeOffset now, CancellationToken ct)
    {
        var record = await workflow.LoadAsync(timer.ProposalId, ct);
        var task = record?.Instance.Tasks.FirstOrDefault(t => t.Id == timer.TaskId);
        if (record is null || task is null || !task.IsOpen)
        {
            // The step completed first (its own transaction should have cancelled us): re-read state, do nothing.
            timer.Cancel(now);
            return;
        }

        var declaration = JsonSerializer.Deserialize<TimerDeclaration>(timer.DeclarationJson, Json)
            ?? throw new InvalidOperationException($"Timer {timer.Id} has no declaration.");
        var occurrence = timer.FireAt ?? now;
        var subject = await workflow.SubjectAsync(record.Proposal, ct);
        var place = TaskPlace.Of(task.OrganizationCode, record.Proposal, subject.Cities);
        var calendar = calendars.Calendars.For(place.Country);

        var recipients = declaration.Recipients.Count == 0 ? [new RecipientDeclaration(task.Role, task.Scope)] : declaration.Recipients;
        var users = new List<Identity.CityCoopUser>();
        foreach (var recipient in recipients)
        {
            users.AddRange(await outbox.UsersAsync(recipient.Role, OrganizationCodes.Resolve(recipient.Scope, subject), ct));
        }

        var kind = declaration.Template ?? (declaration.Kind == TimerKind.Escalation ? MailKinds.Escalation : MailKinds.Reminder);
        var overdue = task.DueAt is { } due && now >= due;
        var overdueDays = declaration.Kind == TimerKind.Escalation ? declaration.After?.Days ?? 0 : 0;
        string? assignee = null;
        if (declaration.Kind == TimerKind.Escalation)
        {
            var holders = await outbox.UsersAsync(task.Role, OrganizationCodes.Resolve(task.Scope, subject), ct);
            assignee = holders.Count > 0 ? string.Join(", ", holders.Select(h => h.DisplayName)) : task.OrganizationCode ?? WorkflowNames.Of(task.Scope);
            var told = string.Join(", ", users.Select(u => u.DisplayName).Distinct());
            var details = DomainText.Of(
                "escalated",
                string.Create(CultureInfo.InvariantCulture, $"task {task.TaskName} overdue by {overdueDays} business day(s) ({place.Country}); told {told}"),
                ("task", task.TaskName),
                ("days", overdueDays),
                ("country", place.Country),
                ("told", told));
            WorkflowEngine.RecordEscalation(record.Instance, task.TaskName, now, details);
        }

        var payload = new
        {
            proposalTitle = record.Proposal.Title,
            taskName = task.TaskName,
            state = task.State,
            taskDueAt = task.DueAt,
            isOverdue = overdue,
            overdueBusinessDays = overdueDays,
            assigneeName = assignee,
        };
        await outbox.AddAsync(record.Proposal.Id, kind, occurrence, users, payload, now, ct);

        timer.FireCount++;
        timer.LastError = null;
        DateTimeOffset? next = null;
        try
        {
            next = TimerSchedule.NextFireAt(declaration, occurrence, task.DueAt, timer.FireCount, calendar, place.Zone);

            // After an outage, skip the slots already past rather than sending a burst of reminders at once.
            while (next is { } missed && missed <= now)
            {
                next = TimerSchedule.NextFireAt(declaration, missed, task.DueAt, timer.FireCount, calendar, place.Zone);
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

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];
}
