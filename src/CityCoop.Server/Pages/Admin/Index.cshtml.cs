using CityCoop.Domain.Cities;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Pages.Support;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Pages.Admin;

/// <summary>Administration: users (add, deactivate, change role, reset password), workflow definitions with versions and diagrams, the jobs dashboard link.</summary>
public sealed class IndexModel(UserAdministration admin, CityCoopDbContext db, WorkflowDefinitionCatalog catalog, WorkflowModules modules, CalendarStore calendars, CalendarPublication publication, EmlFileSender mailFiles) : CityCoopPage
{
    /// <summary>The newest .eml files written instead of sending (no SMTP server configured), newest first; at most 50.</summary>
    public IReadOnlyList<EmlFileEntry> MailFiles { get; private set; } = [];

    /// <summary>Official business-day calendar years per country (bundled plus admin-loaded); other years count on a calendar computed from the law.</summary>
    public IReadOnlyList<(Country Country, IReadOnlyList<int> Years)> CalendarYears { get; private set; } = [];

    /// <summary>The next pending timers of open tasks (at most 100, soonest first), with the proposal title; timers of closed tasks are left out.</summary>
    public IReadOnlyList<(WorkflowTimer Timer, string Title, string Path)> PendingTimers { get; private set; } = [];

    /// <summary>Why an uploaded calendar file was refused, line by line; empty when nothing was refused.</summary>
    public IReadOnlyList<string> CalendarProblems { get; private set; } = [];

    /// <summary>Users with their roles.</summary>
    public IReadOnlyList<(CityCoopUser User, IList<string> Roles)> Users { get; private set; } = [];

    /// <summary>Stored workflow versions with their definitions, newest first per id.</summary>
    public IReadOnlyList<(WorkflowDefinitionRecord Record, WorkflowDefinition Definition)> Workflows { get; private set; } = [];

    /// <summary>Organisation codes for the add form.</summary>
    public IReadOnlyList<string> Organizations { get; private set; } = [];

    /// <summary>The newest outbox messages (emails), newest first.</summary>
    public IReadOnlyList<CityCoop.Infrastructure.Notifications.OutboxMessage> Outbox { get; private set; } = [];

    /// <summary>Outbox message counts by status.</summary>
    public IReadOnlyList<(string Status, int Count)> OutboxCounts { get; private set; } = [];

    /// <summary>Result message.</summary>
    public string? Notice { get; private set; }

    /// <summary>The add-user form as typed when it was refused (the password is never sent back), else empty.</summary>
    public NewUserForm Typed { get; private set; } = new(null, null, null, null, null);

    /// <summary>Problems adding a user.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Shows the page (404 for non-admins).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => Viewer.IsAdmin ? await ShowAsync(ct) : NotFound();

    /// <summary>Downloads one written .eml file (404 for non-admins and unknown names).</summary>
    public IActionResult OnGetMail(string file)
    {
        if (!Viewer.IsAdmin)
        {
            return NotFound();
        }

        try
        {
            return File(mailFiles.OpenRead(file), "message/rfc822", file);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Adds a user.</summary>
    public async Task<IActionResult> OnPostAddAsync(string email, string password, string role, string? organization, string? displayName, string? language, CancellationToken ct)
    {
        if (!Viewer.IsAdmin)
        {
            return NotFound();
        }

        Problems = await admin.AddAsync(email ?? string.Empty, password ?? string.Empty, role ?? string.Empty, organization, displayName, string.IsNullOrEmpty(language) ? null : language);
        if (Problems.Count == 0)
        {
            Notice = T["admin.added", email];
        }
        else
        {
            // Refused: the form comes back as typed (but the password), so the admin fixes one field, not all.
            Typed = new NewUserForm(email, displayName, role, organization, language);
        }

        return await ShowAsync(ct);
    }

    /// <summary>Deactivates a user; their open tasks stay assigned to role and organisation, so colleagues see them.</summary>
    public async Task<IActionResult> OnPostDeactivateAsync(string userId, CancellationToken ct)
    {
        if (!Viewer.IsAdmin)
        {
            return NotFound();
        }

        // An admin cannot lock themselves out.
        if (userId != Viewer.Actor!.UserId && await admin.SetActiveAsync(userId, active: false) is { } user)
        {
            Notice = T["admin.deactivated", user.Email];
        }

        return await ShowAsync(ct);
    }

    /// <summary>Reactivates a deactivated user (undoes a deactivation); they sign in again with their password.</summary>
    public async Task<IActionResult> OnPostReactivateAsync(string userId, CancellationToken ct)
    {
        if (!Viewer.IsAdmin)
        {
            return NotFound();
        }

        if (await admin.SetActiveAsync(userId, active: true) is { } user)
        {
            Notice = T["admin.reactivated", user.Email];
        }

        return await ShowAsync(ct);
    }

    /// <summary>
    /// Gives a user another role (and the organisation it needs); their tokens and cookies stop working at once. Not for
    /// the admin's own account, so an admin cannot take the admin role from themselves by mistake.
    /// </summary>
    public async Task<IActionResult> OnPostRoleAsync(string userId, string role, string? organization, CancellationToken ct)
    {
        if (!Viewer.IsAdmin)
        {
            return NotFound();
        }

        if (userId != Viewer.Actor!.UserId && await admin.ChangeRoleAsync(userId, role ?? string.Empty, string.IsNullOrEmpty(organization) ? null : organization) is { } problems)
        {
            Problems = problems;
            if (problems.Count == 0)
            {
                Notice = T["admin.roleChanged", (await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, ct)).Email, T["role." + role]];
            }
        }

        return await ShowAsync(ct);
    }

    /// <summary>Sets a new password for a user (lifting a lock-out); their tokens and cookies stop working at once.</summary>
    public async Task<IActionResult> OnPostPasswordAsync(string userId, string password, CancellationToken ct)
    {
        if (!Viewer.IsAdmin)
        {
            return NotFound();
        }

        if (await admin.ResetPasswordAsync(userId, password ?? string.Empty) is { } problems)
        {
            Problems = problems;
            if (problems.Count == 0)
            {
                Notice = T["admin.passwordReset", (await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, ct)).Email];
            }
        }

        return await ShowAsync(ct);
    }

    /// <summary>
    /// Loads a country's official calendar year from an uploaded <c>{country}-{year}.csv</c> (as <c>calendars load</c> does):
    /// every open due date and pending timer of that country is recounted in one transaction; a wrong file changes nothing.
    /// </summary>
    public async Task<IActionResult> OnPostCalendarAsync(IFormFile? calendar, CancellationToken ct)
    {
        if (!Viewer.IsAdmin)
        {
            return NotFound();
        }

        if (calendar is null || calendar.Length == 0)
        {
            CalendarProblems = [T["admin.calendarMissing"]];
        }
        else if (calendar.Length > MaxCalendarBytes)
        {
            CalendarProblems = [T["admin.calendarTooLarge", MaxCalendarBytes / 1024]];
        }
        else
        {
            var lines = new List<string>();
            using (var reader = new StreamReader(calendar.OpenReadStream()))
            {
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    lines.Add(line);
                }
            }

            try
            {
                var result = await publication.LoadAsync(calendar.FileName, lines, ct);
                Notice = T["admin.calendarLoaded", T["country." + result.Year.Country], result.Year.Year, result.DueDatesMoved, result.DueDatesConfirmed, result.TimersRescheduled];
            }
            catch (Domain.Calendars.CalendarFileException e)
            {
                CalendarProblems = e.Errors.Count > 0 ? e.Errors : [e.Message];
            }
        }

        return await ShowAsync(ct);
    }

    /// <summary>Years as contiguous ranges: <c>2014–2027</c>, or <c>2014–2020, 2022</c> with a gap.</summary>
    public static string Ranges(IReadOnlyList<int> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var parts = new List<string>();
        var sorted = years.Order().ToList();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}–{sorted[j]}");
            i = j + 1;
        }

        return string.Join(", ", parts);
    }

    // A year's file has a few dozen rows; anything near this size is not a calendar.
    private const int MaxCalendarBytes = 64 * 1024;

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Users = await admin.ListAsync();
        var records = await db.WorkflowDefinitions.AsNoTracking().ToListAsync(ct);
        var list = new List<(WorkflowDefinitionRecord, WorkflowDefinition)>();
        foreach (var r in records.OrderBy(r => r.DefinitionId, StringComparer.Ordinal).ThenByDescending(r => r.Version))
        {
            list.Add((r, await catalog.GetAsync(db, r.DefinitionId, r.Version, ct)));
        }

        Workflows = list;
        OutboxCounts = [.. (await db.OutboxMessages.AsNoTracking().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(x => (x.Key.ToString(), x.Count))];
        Outbox = await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(50).ToListAsync(ct);
        CalendarYears = [.. new[] { Country.JP, Country.CN }.Select(c => (c, calendars.Calendars.For(c).CoveredYears))];
        var pending = await db.WorkflowTimers.AsNoTracking()
                .Where(t => t.Status == TimerStatus.Pending)
                .Join(db.WorkflowTasks.AsNoTracking().Where(k => k.ClosedAt == null), t => t.TaskId, k => k.Id, (t, k) => t)
                .Join(db.WorkflowInstances.AsNoTracking(), t => t.InstanceId, i => i.Id, (t, i) => new
                {
                    t,
                    Type = EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType),
                    Id = EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId),
                })
                .OrderBy(x => x.t.FireAt == null ? 0 : 1).ThenBy(x => x.t.FireAt)
                .Take(100)
                .ToListAsync(ct);
        var subjects = new Dictionary<Guid, WorkflowSubjectSummary>();
        foreach (var group in pending.GroupBy(x => x.Type))
        {
            foreach (var (id, summary) in await modules.Get(group.Key).SummariesAsync(db, [.. group.Select(x => x.Id).Distinct()], ct))
            {
                subjects[id] = summary;
            }
        }

        PendingTimers = [.. pending.Where(x => subjects.ContainsKey(x.Id)).Select(x => (x.t, subjects[x.Id].Title, subjects[x.Id].Path))];
        MailFiles = [.. mailFiles.List().Take(50)];
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Code).Select(o => o.Code).ToListAsync(ct);
        return Page();
    }
}

/// <summary>The add-user form's fields (no password), to show a refused form as typed.</summary>
/// <param name="Email">Email.</param>
/// <param name="DisplayName">Display name.</param>
/// <param name="Role">Role name.</param>
/// <param name="Organization">Organisation code.</param>
/// <param name="Language">Language tag.</param>
public sealed record NewUserForm(string? Email, string? DisplayName, string? Role, string? Organization, string? Language);
