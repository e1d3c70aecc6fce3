using System.Text.Json;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Notifications.Payloads;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Notifications;

/// <summary>Adds outbox rows to the caller's unit of work; the caller saves them in the same transaction as the change that causes them.</summary>
public sealed class OutboxWriter(CityCoopDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Kinds a user who chose the daily digest does not get one by one (the digest lists the tasks instead).</summary>
    public static IReadOnlySet<string> DigestedKinds { get; } = new HashSet<string>(StringComparer.Ordinal) { "task-opened", "reminder" };

    /// <summary>Active users holding a role, in any of the organisations (any organisation when the list is empty).</summary>
    public async Task<List<CityCoopUser>> UsersAsync(WorkflowRole role, IReadOnlyList<string> organizationCodes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(organizationCodes);
        var roleName = role.ToString().ToLowerInvariant();
        var query =
            from u in db.Users.AsNoTracking()
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == roleName && u.IsActive
            select u;
        if (organizationCodes.Count > 0)
        {
            query = query.Where(u => u.OrganizationCode != null && organizationCodes.Contains(u.OrganizationCode));
        }

        return await query.ToListAsync(ct);
    }

    /// <summary>
    /// The user whose action writes these rows, or null (a timer, a migration). Never one of the recipients: nobody is told of
    /// a task their own step opened or of a decision they took themselves; others of their organisation still are.
    /// </summary>
    public string? ActorUserId { get; init; }

    /// <summary>
    /// Adds one row per user about <paramref name="about"/> and no single task (a digest), unless a row with the same key
    /// (subject, kind, recipient, due instant) exists, the user takes this kind in their digest or is
    /// <see cref="ActorUserId"/>; returns how many rows were added to the unit of work (inside a PostgreSQL transaction a
    /// row whose key is already stored is skipped when saved, so fewer may be written).
    /// </summary>
    public Task<int> AddAsync(NoticeSubject about, string kind, DateTimeOffset dueAt, IEnumerable<CityCoopUser> users, NotificationPayload payload, DateTimeOffset now, CancellationToken ct)
    {
        var json = Serialize(payload);
        return AddRowsAsync(about, null, kind, dueAt, users, _ => json, now, ct);
    }

    /// <summary>
    /// As <see cref="AddAsync(NoticeSubject, string, DateTimeOffset, IEnumerable{CityCoopUser}, NotificationPayload, DateTimeOffset, CancellationToken)"/>,
    /// about the task <paramref name="taskId"/> when given (stored on the row, so a <see cref="NoticeValidity.TaskBoundKinds">task-bound</see>
    /// notice is superseded once the task closes), with a payload per recipient (e.g. the due date in the recipient's country).
    /// </summary>
    public Task<int> AddAsync(NoticeSubject about, Guid? taskId, string kind, DateTimeOffset dueAt, IEnumerable<CityCoopUser> users, Func<CityCoopUser, NotificationPayload> payloadFor, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payloadFor);
        return AddRowsAsync(about, taskId, kind, dueAt, users, u => Serialize(payloadFor(u)), now, ct);
    }

    // As its own type, so every member of the concrete payload is written, not only the base record's.
    private static string Serialize(NotificationPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return JsonSerializer.Serialize(payload, payload.GetType(), Json);
    }

    // The rows join the caller's unit of work, so a refusal that clears it drops them too. Inside a PostgreSQL transaction
    // (a step, the sweep) the unique index decides when they are saved (OutboxInsertInterceptor: ON CONFLICT DO NOTHING);
    // elsewhere (SQLite, a start outside a transaction) each key is looked for first.
    private async Task<int> AddRowsAsync(NoticeSubject about, Guid? taskId, string kind, DateTimeOffset dueAt, IEnumerable<CityCoopUser> users, Func<CityCoopUser, string> jsonFor, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(about);
        ArgumentNullException.ThrowIfNull(users);
        var lookFirst = !OutboxInsertInterceptor.Applies(db);
        var added = 0;
        foreach (var user in users.DistinctBy(u => u.Id))
        {
            if (string.IsNullOrEmpty(user.Email) || user.Id == ActorUserId || (user.DailyDigest && DigestedKinds.Contains(kind)))
            {
                continue;
            }

            var key = OutboxMessage.KeyOf(about.SubjectId, kind, user.Id, dueAt);
            if (db.OutboxMessages.Local.Any(m => m.UniqueKey == key) || (lookFirst && await db.OutboxMessages.AnyAsync(m => m.UniqueKey == key, ct)))
            {
                continue;
            }

            db.OutboxMessages.Add(new OutboxMessage
            {
                SubjectType = about.SubjectType,
                SubjectId = about.SubjectId,
                TaskId = taskId,
                Kind = kind,
                RecipientUserId = user.Id,
                RecipientEmail = user.Email,
                RecipientName = user.DisplayName,
                Language = user.PreferredLanguage,
                TimeZone = user.TimeZone,
                DueAt = dueAt,
                UniqueKey = key,
                PayloadJson = jsonFor(user),
                NextAttemptAt = now,
                CreatedAt = now,
            });
            added++;
        }

        return added;
    }
}
