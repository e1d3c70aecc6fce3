using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Pipeline;

/// <summary>
/// Every open proposal (its instance not in a final state) with its step, days in it, the open task due first and the
/// amounts: one SQL query over proposals, their instances, journal and tasks (no query per row), then ordered in memory.
/// </summary>
public static class PipelineQuery
{
    /// <summary>The rows on <paramref name="now"/>.</summary>
    /// <param name="db">The unit of work.</param>
    /// <param name="finalStates">The states in which a proposal is finished (from its definition).</param>
    /// <param name="filter">Filters and order.</param>
    /// <param name="now">The clock's instant: overdue is a due date before it; days count Tokyo dates.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IReadOnlyList<PipelineRow>> FindAsync(CityCoopDbContext db, IReadOnlyCollection<string> finalStates, PipelineFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(finalStates);
        ArgumentNullException.ThrowIfNull(filter);
        var final = finalStates.ToList();
        var query =
            from p in db.Proposals.AsNoTracking()
            join i in db.WorkflowInstances.AsNoTracking().Where(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == ProposalModule.Type)
                on p.Id equals EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId)
            where !final.Contains(i.CurrentState)
            select new { p, i };
        if (!string.IsNullOrEmpty(filter.State))
        {
            query = query.Where(x => x.i.CurrentState == filter.State);
        }

        if (filter.FiscalYear is { } fy)
        {
            query = query.Where(x => x.p.FiscalYear == fy);
        }

        var loaded = await query.Select(x => new
        {
            x.p.Id,
            x.p.Title,
            x.p.FiscalYear,
            x.p.ProposingCityCode,
            x.p.PartnerCityCodes,
            Requested = x.p.RequestedAmount.Amount,
            x.p.RequestedAmount.Currency,
            Approved = EF.Property<decimal?>(x.p, "approvedAmount"),
            x.i.CurrentState,
            x.i.StartedAt,

            // The step began with the latest entry that moved the instance into its state (a return and a new visit count afresh).
            Entered = x.i.Journal
                .Where(j => j.ToState == x.i.CurrentState && (j.Kind == JournalEntryKind.Started || j.FromState != j.ToState))
                .Max(j => (DateTimeOffset?)j.At),
            Task = x.i.Tasks
                .Where(t => t.ClosedAt == null && t.DueAt != null)
                .OrderBy(t => t.DueAt)
                .Select(t => new { t.TaskName, t.DueAt })
                .FirstOrDefault(),
        }).ToListAsync(ct);

        var today = ProgrammeTimeZones.DateIn(now, ProgrammeTimeZones.Tokyo);
        var rows = loaded.Select(x =>
        {
            var since = x.Entered ?? x.StartedAt;
            var days = today.DayNumber - ProgrammeTimeZones.DateIn(since, ProgrammeTimeZones.Tokyo).DayNumber;
            var due = x.Task?.DueAt;
            return new PipelineRow(
                x.Id, x.Title, x.FiscalYear, x.ProposingCityCode, x.PartnerCityCodes, x.CurrentState, since, days,
                x.Task?.TaskName, due, due is { } d && d < now, new Money(x.Requested, x.Currency), x.Approved);
        });
        if (filter.OverdueOnly)
        {
            rows = rows.Where(r => r.Overdue);
        }

        return [.. Order(rows, filter.Sort)];
    }

    private static IOrderedEnumerable<PipelineRow> Order(IEnumerable<PipelineRow> rows, PipelineSort sort) => (sort switch
    {
        PipelineSort.Days => rows.OrderByDescending(r => r.DaysInStep).ThenBy(r => r.DueAt ?? DateTimeOffset.MaxValue),
        PipelineSort.Due => rows.OrderBy(r => r.DueAt ?? DateTimeOffset.MaxValue).ThenByDescending(r => r.DaysInStep),
        PipelineSort.Amount => rows.OrderByDescending(r => r.Requested.Amount).ThenByDescending(r => r.DaysInStep),
        _ => rows.OrderByDescending(r => r.Overdue).ThenByDescending(r => r.DaysInStep).ThenBy(r => r.DueAt ?? DateTimeOffset.MaxValue),
    }).ThenBy(r => r.Title, StringComparer.Ordinal).ThenBy(r => r.ProposalId);
}
