using CityCoop.Domain.Funding;

namespace CityCoop.Infrastructure.Expenses;

/// <summary>
/// A proposal's money on a day, in the approval's currency (programme.md "Funds": only paid expenses count as spent):
/// expenses are recorded in yen against a yen approval only, so a yuan approval has none and its remaining is the approval,
/// in yuan. Approved; the planned
/// costs of its activities (a plan, not spending); spent = expenses paid on or before that day; expenses dated later
/// (scheduled) and without a date (planned); remaining = approved − every expense, so a planned or scheduled expense
/// already holds its part of the approval.
/// </summary>
/// <param name="Approved">The approved amount (yen), or null before approval.</param>
/// <param name="ActivityCosts">Planned costs of the recorded activities (<c>record-activity</c>); never counted as spent.</param>
/// <param name="ExpensesPaid">Expenses paid on or before the day.</param>
/// <param name="ExpensesScheduled">Expenses with a paid date after the day.</param>
/// <param name="ExpensesPlanned">Expenses without a paid date.</param>
/// <param name="Currency">The currency of every amount above: the approval's, yen before approval.</param>
public sealed record ExpenseSummary(decimal? Approved, decimal ActivityCosts, decimal ExpensesPaid, decimal ExpensesScheduled, decimal ExpensesPlanned, Currency Currency)
{
    /// <summary>What counts as spent: the expenses paid by the day.</summary>
    public decimal Spent => ExpensesPaid;

    /// <summary>What expenses may still take: approved − all expenses (0 before approval).</summary>
    public decimal Remaining => (Approved ?? 0m) - ExpensesPaid - ExpensesScheduled - ExpensesPlanned;
}
