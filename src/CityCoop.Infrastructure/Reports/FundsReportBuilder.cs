using CityCoop.Domain.Activities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Budgets;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Reports;

/// <summary>
/// Builds the <see cref="FundsReport"/> of a fiscal year. The headline figures are the <see cref="BudgetLedger"/>'s
/// position, so the report and the budget page never disagree; the breakdowns read the same approvals (in yen),
/// paid expenses, so that the city-pair rows add up to committed and spent.
/// </summary>
internal static class FundsReportBuilder
{
    private static readonly Dictionary<ActivityKind, string> KindCodes = ActivityInput.Kinds.ToDictionary(k => k.Value, k => k.Key);

    /// <summary>The year's money on <paramref name="asOf"/>; <paramref name="activities"/> are the year's activities that count (not voided).</summary>
    public static async Task<FundsReport> BuildAsync(
        CityCoopDbContext db, int year, ReportText text, Func<string, string> cityName, IReadOnlyList<Activity> activities, DateOnly asOf, CancellationToken ct)
    {
        var position = await BudgetLedger.PositionAsync(db, year, asOf, ct);
        var lines = await db.Budgets.AsNoTracking().Where(b => b.FiscalYear == year).Select(b => b.Lines).SingleOrDefaultAsync(ct) ?? [];

        // The ledger's selection: the year's proposals requested in yen that have an approved amount.
        var proposals = await db.Proposals.AsNoTracking()
            .Where(p => p.FiscalYear == year && p.RequestedAmount.Currency == Currency.JPY && EF.Property<decimal?>(p, "approvedAmount") != null)
            .ToListAsync(ct);
        var ids = proposals.Select(p => p.Id).ToList();
        var expenses = await db.Expenses.AsNoTracking().Where(e => ids.Contains(e.ProposalId)).ToListAsync(ct);
        var paid = expenses.Where(e => e.IsSpentOn(asOf)).ToList();
        var approvedOn = await ApprovalDaysAsync(db, ids, ct);

        var pairs = proposals
            .GroupBy(p => (Japanese: string.Join("|", p.JapaneseCityCodes), Chinese: p.ChineseCityCode ?? string.Empty))
            .Select(g =>
            {
                var japanese = g.First().JapaneseCityCodes;
                var spent = paid.Where(e => g.Any(p => p.Id == e.ProposalId)).Sum(e => e.AmountJpy);
                return new CityPairFunds(
                    [.. japanese],
                    g.Key.Chinese,
                    string.Join(text.ListSeparator, japanese.Select(cityName)),
                    g.Key.Chinese.Length == 0 ? string.Empty : cityName(g.Key.Chinese),
                    g.Count(),
                    g.Sum(p => p.ApprovedAmount!.Value.Amount),
                    spent);
            })
            .OrderByDescending(p => p.Approved)
            .ThenBy(p => p.JapaneseCities, StringComparer.Ordinal)
            .ThenBy(p => p.ChineseCity, StringComparer.Ordinal)
            .ToList();

        var kinds = Enum.GetValues<ActivityKind>().Select(kind =>
        {
            var ofKind = activities.Where(a => a.Kind == kind).ToList();
            return new ActivityKindFunds(
                KindCodes[kind],
                text.KindName(kind),
                ofKind.Count,
                ofKind.Where(a => a.StartDate > asOf).Sum(CostJpy),
                ofKind.Where(a => a.StartDate <= asOf).Sum(CostJpy));
        }).ToList();

        var spentByLine = paid.GroupBy(e => e.BudgetLine.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Sum(e => e.AmountJpy), StringComparer.OrdinalIgnoreCase);
        var byLine = lines.Select(l => new BudgetLineFunds(l.Name, l.Amount, spentByLine.GetValueOrDefault(l.Name.Trim()))).ToList();
        byLine.AddRange(spentByLine
            .Where(s => !lines.Any(l => string.Equals(l.Name.Trim(), s.Key, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new BudgetLineFunds(s.Key, null, s.Value)));

        // Spending is the paid expenses, by their paid date; activity costs are plans (programme.md "Funds").
        var spending = paid.Select(e => (Day: e.PaidOn!.Value, Amount: e.AmountJpy)).ToList();
        var fiscalYear = new FiscalYear(year);
        var commitments = proposals.Select(p => (Day: approvedOn.TryGetValue(p.Id, out var d) ? d : fiscalYear.Start, Amount: p.ApprovedAmount!.Value.Amount)).ToList();
        var months = Enumerable.Range(0, 12).Select(m =>
        {
            var first = fiscalYear.Start.AddMonths(m);
            var cutoff = first.AddMonths(1).AddDays(-1) < asOf ? first.AddMonths(1).AddDays(-1) : asOf;
            var label = first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            return first > asOf
                ? new MonthFunds(label, false, null, null)
                : new MonthFunds(label, true, commitments.Where(c => c.Day <= cutoff).Sum(c => c.Amount), spending.Where(s => s.Day <= cutoff).Sum(s => s.Amount));
        }).ToList();

        return new FundsReport(asOf, position.IsSet, position.Envelope, position.Committed, position.Spent, position.Released, position.Remaining, pairs, kinds, byLine, months);
    }

    /// <summary>A direct cost in yen; a cost in another currency (a CNY approval) is not part of the yen budget.</summary>
    public static decimal CostJpy(Activity activity) => activity.Cost is { Currency: Currency.JPY } cost ? cost.Amount : 0m;

    /// <summary>A cost cell: the yen amount, or null when none was charged in yen.</summary>
    public static decimal? CostCell(Activity activity) => activity.Cost is { Currency: Currency.JPY } cost ? cost.Amount : null;

    // The Tokyo date of each proposal's first approve step that moved it on (the journal's time, UTC).
    private static async Task<Dictionary<Guid, DateOnly>> ApprovalDaysAsync(CityCoopDbContext db, List<Guid> proposalIds, CancellationToken ct)
    {
        var instances = await db.WorkflowInstances.AsNoTracking()
            .Where(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == ProposalModule.Type && proposalIds.Contains(EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId)))
            .Select(i => new { i.Id, Subject = EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) })
            .ToListAsync(ct);
        var instanceIds = instances.Select(i => i.Id).ToList();
        var steps = await db.Set<JournalEntry>().AsNoTracking()
            .Where(j => j.Action == ProposalSubject.ApproveAction && j.Kind == JournalEntryKind.Transition && instanceIds.Contains(EF.Property<Guid>(j, "InstanceId")))
            .Select(j => new { Instance = EF.Property<Guid>(j, "InstanceId"), j.At })
            .ToListAsync(ct);
        var subjectOf = instances.ToDictionary(i => i.Id, i => i.Subject);
        return steps
            .GroupBy(s => subjectOf[s.Instance])
            .ToDictionary(g => g.Key, g => ProgrammeTimeZones.DateIn(g.Min(s => s.At), ProgrammeTimeZones.Tokyo));
    }
}
