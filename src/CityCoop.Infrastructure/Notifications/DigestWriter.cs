using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Notifications;

/// <summary>
/// Writes one digest outbox row per user who chose the daily digest, once their local clock passed 09:00; the unique key
/// (no subject, <c>digest</c>, user, that day's 09:00 instant) makes it once per user per day however often it runs.
/// </summary>
public sealed class DigestWriter(CityCoopDbContext db, OutboxWriter outbox, Workflows.WorkflowModules modules, TimeProvider time)
{
    /// <summary>Writes the digests that are due now and returns how many rows were added.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var users = await db.Users.Where(u => u.DailyDigest && u.IsActive && u.Email != null).ToListAsync(ct);
        if (users.Count == 0)
        {
            return 0;
        }

        var roles = await RolesAsync(ct);
        var open = await OpenTasksAsync(ct);
        var added = 0;
        foreach (var user in users)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone);
            var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            var slot = TimerSchedule.At(localToday, TimerSchedule.NoticeTime, zone);
            if (now >= slot)
            {
                added += await AddAsync(user, slot, now, roles, open, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>
    /// Writes one digest now for a user who leaves the daily digest for immediate emails: tasks opened since their last
    /// digest were not emailed one by one, so without this they would hear of them from nobody. Returns 1 when a row
    /// was added (0 when they hold no open task with a due date). The caller saves the changes.
    /// </summary>
    public async Task<int> FlushAsync(CityCoopUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        return user.Email is null || !user.IsActive ? 0 : await AddAsync(user, now, now, await RolesAsync(ct), await OpenTasksAsync(ct), ct);
    }

    private async Task<int> AddAsync(CityCoopUser user, DateTimeOffset slot, DateTimeOffset now, List<UserRole> roles, List<OpenTask> open, CancellationToken ct)
    {
        var userRoles = roles.Where(r => r.UserId == user.Id).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var items = open
            .Where(x => x.Task.DueAt is not null
                && userRoles.Contains(x.Task.Role.ToString().ToLowerInvariant())
                && Holds(user.OrganizationCode, x))
            .Select(x => (x.Subject, x.Task.TaskName, Due: TaskPlace.DueFor(x.Task, user.OrganizationCode)!))
            .OrderBy(x => x.Due.At)
            .Select(x => new Payloads.DigestPayloadItem(x.Subject.Id, x.Subject.Title, x.TaskName, x.Due.At, x.Due.ProvisionalYear, x.Due.Place, now >= x.Due.At) { Path = x.Subject.Path })
            .ToList();
        return items.Count == 0 ? 0 : await outbox.AddAsync(NoticeSubject.None, MailKinds.Digest, slot, [user], new Payloads.DigestPayload(items), now, ct);
    }

    private async Task<List<UserRole>> RolesAsync(CancellationToken ct) =>
        await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new UserRole(ur.UserId, r.Name)).ToListAsync(ct);

    private async Task<List<OpenTask>> OpenTasksAsync(CancellationToken ct)
    {
        var rows = await (
            from t in db.WorkflowTasks.AsNoTracking()
            where t.ClosedAt == null
            join i in db.WorkflowInstances.AsNoTracking() on EF.Property<Guid>(t, "InstanceId") equals i.Id
            select new { Task = t, Type = EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType), Id = EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) }).ToListAsync(ct);
        var open = new List<OpenTask>();
        foreach (var group in rows.GroupBy(r => r.Type))
        {
            var module = modules.Get(group.Key);
            var summaries = await module.SummariesAsync(db, [.. group.Select(r => r.Id).Distinct()], ct);
            open.AddRange(group.Where(r => summaries.ContainsKey(r.Id)).Select(r => new OpenTask(r.Task, summaries[r.Id], module.Hooks)));
        }

        return open;
    }

    private sealed record UserRole(string UserId, string? Name);

    private sealed record OpenTask(WorkflowTask Task, Workflows.WorkflowSubjectSummary Subject, WorkflowHooks Hooks);

    // The engine's scope rule, on the subject as scopes see it; an assigned task is its organisation's alone.
    private static bool Holds(string? organization, OpenTask open) => organization is not null && (open.Task.OrganizationCode is { } code
        ? code == organization
        : open.Hooks.InScope(organization, open.Task.Scope, open.Subject.Scope));
}
