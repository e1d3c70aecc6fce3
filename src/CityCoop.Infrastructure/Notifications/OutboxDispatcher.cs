using System.Text.Json;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Observability;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CityCoop.Infrastructure.Notifications;

/// <summary>
/// Sends pending outbox rows. A row is first claimed in a short transaction (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>) by
/// counting the attempt and pushing <see cref="OutboxMessage.NextAttemptAt"/> one lease ahead, so other dispatchers skip it;
/// then it is sent outside any transaction and marked sent (or scheduled for a retry with back-off). A notice that no longer
/// holds at claim time (<see cref="NoticeValidity"/>: its task closed, its recipient deactivated) is marked
/// <see cref="OutboxStatus.Superseded"/> with its reason in that same claim, and never sent.
/// </summary>
/// <remarks>
/// Delivery is at least once with a narrow window: a process that dies after the SMTP server accepted a message but before
/// the row is marked sent sends it again after the lease. The Message-Id is derived from the row id, so such a duplicate
/// carries the same Message-Id. A process that dies before sending loses nothing: the row comes back after the lease.
/// A row is finished (sent, failed, retried) only while it is still the claim this dispatcher made, so a dispatcher stalled
/// past its lease (the SMTP timeout, 30 s by default, is well inside the 300 s lease) cannot overwrite what the dispatcher
/// that took the row over decided, superseded included.
/// </remarks>
public sealed class OutboxDispatcher(
    CityCoopDbContext db,
    IMailSender sender,
    IOptions<MailOptions> mailOptions,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger,
    WorkflowDefinitionCatalog definitions,
    WorkflowModules modules,
    CityCoopMetrics metrics)
{
    private const int ClaimSize = 20;
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    // When each claimed row became due for this attempt (its NextAttemptAt before the lease replaced it): the send lag's start.
    private readonly Dictionary<Guid, DateTimeOffset> dueAtOfClaimed = [];

    /// <summary>Sends due messages (at most the configured batch) and returns how many were sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        using var span = CityCoopMetrics.Activities.StartActivity("outbox dispatch");

        // One count per poll (an index range on Status), and only while something listens to the gauge.
        if (metrics.OutboxQueueEnabled)
        {
            metrics.RecordOutboxQueue(await db.OutboxMessages.LongCountAsync(m => m.Status == OutboxStatus.Pending, ct));
        }

        var sent = 0;
        var handled = 0;
        while (handled < options.Value.BatchSize)
        {
            var (claimed, superseded) = await ClaimBatchAsync(ClaimSize, ct);
            if (claimed.Count == 0 && superseded == 0)
            {
                break;
            }

            handled += superseded;
            foreach (var message in claimed)
            {
                handled++;
                if (await DeliverAsync(message, ct))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    /// <summary>
    /// Claims up to <paramref name="count"/> due rows for this dispatcher (one lease) and returns those to send; rows that no
    /// longer hold are superseded in the same claim and not returned. Exposed so a test can play a process that dies after claiming.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int count, CancellationToken ct = default) =>
        (await ClaimBatchAsync(count, ct)).Claimed;

    // One transaction takes the due rows (PostgreSQL: FOR UPDATE SKIP LOCKED), checks that each notice still holds
    // (NoticeValidity) and either supersedes it with its reason or leases it, so a row is never both sent and superseded.
    private async Task<(IReadOnlyList<OutboxMessage> Claimed, int Superseded)> ClaimBatchAsync(int count, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        if (!postgres)
        {
            await SqliteGate.WaitAsync(ct);
        }

        try
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = postgres
                ? await db.OutboxMessages
                    .FromSql($"""SELECT * FROM outbox_messages WHERE "Status" = 'Pending' AND "NextAttemptAt" <= {now} ORDER BY "NextAttemptAt" LIMIT {count} FOR UPDATE SKIP LOCKED""")
                    .ToListAsync(ct)
                : await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now).OrderBy(m => m.NextAttemptAt).Take(count).ToListAsync(ct);
            var reasons = await NoticeValidity.SupersededAsync(db, rows, ct);
            var claimed = new List<OutboxMessage>();
            foreach (var row in rows)
            {
                if (reasons.TryGetValue(row.Id, out var reason))
                {
                    row.Status = OutboxStatus.Superseded;
                    row.SupersededReason = reason;
                    row.SupersededAt = now;
                    logger.LogInformation("Outbox message {Id} ({Kind}) superseded: {Reason}.", row.Id, row.Kind, reason);
                    continue;
                }

                row.Attempts++;
                dueAtOfClaimed[row.Id] = row.NextAttemptAt;
                row.NextAttemptAt = now.AddSeconds(options.Value.LeaseSeconds);
                claimed.Add(row);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (claimed, reasons.Count);
        }
        finally
        {
            if (!postgres)
            {
                SqliteGate.Release();
            }
        }
    }

    private async Task<bool> DeliverAsync(OutboxMessage row, CancellationToken ct)
    {
        MimeMessage message;
        try
        {
            message = Build(row);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or TimeZoneNotFoundException)
        {
            // A message that cannot be rendered will not render on retry either.
            await FinishAsync(row, OutboxStatus.Failed, "Cannot build the message: " + e.Message, null, ct);
            return false;
        }

        try
        {
            await sender.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var failed = row.Attempts >= options.Value.MaxAttempts;
            logger.LogWarning(e, "Sending outbox message {Id} (attempt {Attempts}) failed{Final}.", row.Id, row.Attempts, failed ? "; giving up" : "");
            var retryAt = time.GetUtcNow() + NotificationOptions.BackOff(row.Attempts);
            await FinishAsync(row, failed ? OutboxStatus.Failed : OutboxStatus.Pending, e.Message, failed ? null : retryAt, ct);
            return false;
        }

        await FinishAsync(row, OutboxStatus.Sent, null, null, ct);
        return true;
    }

    // Only while the row is still this dispatcher's claim (pending, attempt count as claimed): a row another dispatcher took
    // over after the lease ran out is that dispatcher's to finish, and one statement keeps the two from both writing it.
    private async Task FinishAsync(OutboxMessage claimed, OutboxStatus status, string? error, DateTimeOffset? retryAt, CancellationToken ct)
    {
        var lastError = error is null ? null : (error.Length > 2000 ? error[..2000] : error);
        var sentAt = status == OutboxStatus.Sent ? time.GetUtcNow() : (DateTimeOffset?)null;
        var nextAttemptAt = retryAt ?? claimed.NextAttemptAt;
        var updated = await db.OutboxMessages
            .Where(m => m.Id == claimed.Id && m.Status == OutboxStatus.Pending && m.Attempts == claimed.Attempts)
            .ExecuteUpdateAsync(
                u => u.SetProperty(m => m.Status, status)
                    .SetProperty(m => m.LastError, lastError)
                    .SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.NextAttemptAt, nextAttemptAt),
                ct);
        if (updated > 0 && sentAt is { } sent && dueAtOfClaimed.Remove(claimed.Id, out var dueAt))
        {
            metrics.RecordSendLag((sent - dueAt).TotalSeconds);
        }

        if (updated == 0)
        {
            logger.LogWarning("Outbox message {Id}: its lease (attempt {Attempts}) ran out before it was finished as {Status}; another dispatcher holds it.", claimed.Id, claimed.Attempts, status);
        }
    }

    private MimeMessage Build(OutboxMessage row)
    {
        var mail = mailOptions.Value;
        using var payload = JsonDocument.Parse(row.PayloadJson);
        var p = payload.RootElement;
        var language = MailTemplates.ResolveLanguage(row.Language);
        var model = new MailModel
        {
            RecipientName = row.RecipientName,
            TimeZoneId = row.TimeZone,
            SubjectType = row.SubjectType,
            SubjectTitle = Text(p, "proposalTitle"),
            SubjectUrl = SubjectUrl(mail, row.SubjectType, row.SubjectId),
            StepName = StepName(Text(p, "taskName"), language),
            DueAt = p.TryGetProperty("taskDueAt", out var due) && due.ValueKind == JsonValueKind.String ? due.GetDateTimeOffset() : null,
            DueProvisionalYear = ProvisionalYear(p),
            DueProvisionalCountry = ProvisionalYear(p) is null ? null : Text(p, "dueCountry"),
            IsOverdue = p.TryGetProperty("isOverdue", out var overdue) && overdue.ValueKind == JsonValueKind.True,
            OverdueBusinessDays = p.TryGetProperty("overdueBusinessDays", out var days) && days.ValueKind == JsonValueKind.Number ? days.GetInt32() : 0,
            AssigneeName = Text(p, "assigneeName"),
            ActionName = Text(p, "action"),
            ApprovedAmount = p.TryGetProperty("approvedAmount", out var approved) && approved.ValueKind == JsonValueKind.Number ? approved.GetDecimal() : null,
            RequestedAmount = p.TryGetProperty("requestedAmount", out var requested) && requested.ValueKind == JsonValueKind.Number ? requested.GetDecimal() : null,
            Currency = Text(p, "currency"),
            Comment = Text(p, "comment"),
            ApprovalActionName = ActionName(Text(p, "action"), language),
            ChangedBy = Text(p, "changedBy"),
            Changes = p.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Array
                ? [.. changes.EnumerateArray().Select(c => new MailChange(Text(c, "kind") ?? string.Empty, Text(c, "from"), Text(c, "to")))]
                : [],
            DigestItems = p.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
                ? [.. items.EnumerateArray().Select(i => new DigestItem(
                    Text(i, "proposalTitle") ?? string.Empty,
                    Text(i, "path") is { } path ? mail.UrlOf(path) : mail.ProposalUrl(i.GetProperty("proposalId").GetGuid()),
                    StepName(Text(i, "taskName"), language) ?? string.Empty,
                    i.GetProperty("dueAt").GetDateTimeOffset(),
                    i.TryGetProperty("isOverdue", out var o) && o.ValueKind == JsonValueKind.True,
                    ProvisionalYear(i) is null ? null : Text(i, "dueCountry"),
                    ProvisionalYear(i)))]
                : [],
        };
        var message = MailTemplates.CreateMessage(mail, row.Kind, row.Language, row.RecipientEmail, model, time.GetUtcNow());

        // One Message-Id per outbox row: a duplicate from the at-least-once window is recognisable as the same message.
        var domain = mail.FromAddress[(mail.FromAddress.LastIndexOf('@') + 1)..];
        message.MessageId = $"{row.Id:N}@{(domain.Length > 0 ? domain : "citycoop.local")}";
        return message;
    }

    // The payload names the task as the definition does (prepare-proposal); the reader gets its display name.
    private string? StepName(string? taskName, string language) => taskName is null
        ? null
        : definitions.All.SelectMany(d => d.States).SelectMany(s => s.Tasks).FirstOrDefault(t => t.Name == taskName)?.DisplayName(language) ?? taskName;

    // As the step name: the definition's display name of the action in the reader's language (マッチング承認 for match).
    private string? ActionName(string? action, string language) => action is null
        ? null
        : definitions.All.SelectMany(d => d.States).SelectMany(s => s.Actions).Select(a => a.Action).FirstOrDefault(a => a.Name == action)?.DisplayName(language) ?? action;

    // Rows written before subject types were stored (null type, a subject id) are about proposals.
    private Uri? SubjectUrl(MailOptions mail, string? subjectType, Guid subjectId) =>
        subjectId == Guid.Empty ? null
        : subjectType is null ? mail.ProposalUrl(subjectId)
        : modules.All.FirstOrDefault(m => m.SubjectType == subjectType) is { } module ? mail.UrlOf(module.PathOf(subjectId))
        : null;

    private static int? ProvisionalYear(JsonElement owner) =>
        owner.TryGetProperty("dueProvisionalYear", out var year) && year.ValueKind == JsonValueKind.Number ? year.GetInt32() : null;

    private static string? Text(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
