using System.Globalization;
using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Timers;

/// <summary>What loading an official calendar year changed.</summary>
/// <param name="Year">The year loaded.</param>
/// <param name="Replaced">True when an official file of that year was there before.</param>
/// <param name="DueDatesMoved">Open tasks whose due date in that country moved.</param>
/// <param name="DueDatesConfirmed">Open tasks whose due date stayed but is no longer provisional.</param>
/// <param name="TimersRescheduled">Pending timers of that country whose next firing moved.</param>
public sealed record CalendarLoadResult(CalendarYear Year, bool Replaced, int DueDatesMoved, int DueDatesConfirmed, int TimersRescheduled);

/// <summary>
/// Loads a country's official calendar year (the <c>calendars load</c> command and the admin page's upload): validates the
/// file, recounts on the new calendar every open task's due date in that country and every pending timer of that
/// country, all in one transaction with an admins-only journal note on each instance whose due date changed, and then
/// puts the file where every server reads calendars (<see cref="CalendarStore.AdminFolder"/>).
/// </summary>
public sealed class CalendarPublication(CityCoopDbContext db, CalendarStore store, WorkflowDefinitionCatalog catalog, TimeProvider time)
{
    /// <summary>Validates and loads a calendar file named <c>{country}-{year}.csv</c> (e.g. <c>cn-2027.csv</c>).</summary>
    /// <param name="fileName">The file's name, which says country and year.</param>
    /// <param name="lines">Its lines (header <c>date,kind,name</c>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CalendarFileException">The name or a line is wrong; nothing was changed.</exception>
    public async Task<CalendarLoadResult> LoadAsync(string fileName, IReadOnlyList<string> lines, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var name = Path.GetFileName(fileName ?? string.Empty);
        if (!BusinessCalendars.TryParseFileName(name, out var country, out var year))
        {
            throw new CalendarFileException(name, ["the file name must be {country}-{year}.csv, e.g. jp-2027.csv or cn-2027.csv"]);
        }

        var parsed = CalendarFile.Parse(country, year, lines, name);
        var before = store.Calendars.For(country);
        var replaced = !before.IsProvisional(year);
        var calendar = before.WithYear(parsed);

        Directory.CreateDirectory(store.AdminFolder);
        var target = Path.Combine(store.AdminFolder, BusinessCalendars.FileNameOf(country, year));
        var staged = target + ".loading";
        await File.WriteAllLinesAsync(staged, lines, ct);
        try
        {
            var (moved, confirmed, timers) = await RecountAsync(country, year, calendar, ct);
            File.Move(staged, target, overwrite: true);
            return new CalendarLoadResult(parsed, replaced, moved, confirmed, timers);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    private async Task<(int Moved, int Confirmed, int Timers)> RecountAsync(Country country, int year, BusinessCalendar calendar, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var place = country.ToString();
        var zone = ProgrammeTimeZones.Of(country);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var instances = await db.WorkflowInstances
            .Include(i => i.Tasks).Include(i => i.Journal)
            .Where(i => i.Tasks.Any(t => t.ClosedAt == null && t.DueAt != null))
            .AsSplitQuery()
            .ToListAsync(ct);
        var moved = 0;
        var confirmed = 0;
        var recounted = new Dictionary<Guid, WorkflowTask>();
        foreach (var instance in instances)
        {
            var definition = await catalog.GetAsync(db, instance.DefinitionId, instance.Version, ct);
            foreach (var task in instance.OpenTasks.ToList())
            {
                var old = task.DueDates.FirstOrDefault(d => d.Place == place);
                var rule = definition.FindState(task.State)?.Tasks.FirstOrDefault(d => d.Name == task.TaskName)?.Due;
                if (old is null || rule is not { IsCounted: true })
                {
                    continue;
                }

                recounted[task.Id] = task;
                var fresh = BusinessDayCalendar.Due(task.OpenedAt, rule, country, calendar);
                if (fresh == old)
                {
                    continue;
                }

                task.MoveDueTo([.. task.DueDates.Select(d => d.Place == place ? fresh : d)]);
                var changed = fresh.At != old.At;
                var from = ProgrammeTimeZones.LocalDateTime(old.At, zone);
                var to = ProgrammeTimeZones.LocalDateTime(fresh.At, zone);
                var note = changed
                    ? DomainText.Of("due-recounted", $"The official {year} calendar of {country} was loaded: the due date of '{task.TaskName}' there moved from {from} to {to} ({zone.Id}).", ("year", year), ("country", place), ("task", task.TaskName), ("from", from), ("to", to))
                    : DomainText.Of("due-confirmed", $"The official {year} calendar of {country} was loaded: the due date of '{task.TaskName}' there, {to} ({zone.Id}), is no longer provisional.", ("year", year), ("country", place), ("task", task.TaskName), ("to", to));
                WorkflowEngine.RecordNotice(instance, "calendar-loaded", task.TaskName, now, note, forAdmins: true);
                if (changed)
                {
                    moved++;
                }
                else
                {
                    confirmed++;
                }
            }
        }

        // Pending timers of this country that have not fired yet are counted again from their task's (possibly new) due date.
        var taskIds = recounted.Keys.ToList();
        var timers = await db.WorkflowTimers
            .Where(t => t.Status == TimerStatus.Pending && t.FireCount == 0 && taskIds.Contains(t.TaskId))
            .ToListAsync(ct);
        var rescheduled = 0;
        foreach (var timer in timers)
        {
            var task = recounted[timer.TaskId];
            var timerCountry = timer.Country ?? (task.DueDates.Count == 1 ? Enum.Parse<Country>(task.DueDates[0].Place) : (Country?)null);
            if (timerCountry != country)
            {
                continue;
            }

            var declaration = JsonSerializer.Deserialize<TimerDeclaration>(timer.DeclarationJson, StoredTimerJson.Options)!;
            var due = task.DueIn(place)?.At;
            var fireAt = TimerSchedule.FirstFireAt(declaration, due, calendar, zone, openedAt: task.OpenedAt);
            if (fireAt is null && declaration.Kind == TimerKind.Reminder)
            {
                timer.Cancel(now);
                rescheduled++;
                continue;
            }

            if (fireAt != timer.FireAt || due != timer.TaskDueAt)
            {
                timer.TaskDueAt = due;
                timer.FireAt = fireAt;
                timer.LastError = null;
                rescheduled++;
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (moved, confirmed, rescheduled);
    }
}
