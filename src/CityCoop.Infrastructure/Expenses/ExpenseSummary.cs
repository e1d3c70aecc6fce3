namespace CityCoop.Infrastructure.Expenses;

/// <summary>
/// A proposal's money on a day, in yen: approved; spent = activity costs + expenses paid on or before that day; expenses
/// dated later (scheduled) and without a date (planned); remaining = approved − activity costs − every expense, so a
/// planned or scheduled expense already holds its part of the approval.
/// </summary>
/// <param name="Approved">The approved amount (yen), or null before approval.</param>
/// <param name="ActivityCosts">Costs recorded with activities (<c>record-activity</c>).</param>
/// <param name="ExpensesPaid">Expenses paid on or before the day.</param>
/// <param name="ExpensesScheduled">Expenses with a paid date after the day.</param>
/// <param name="ExpensesPlanned">Expenses without a paid date.</param>
public sealed record ExpenseSummary(decimal? Approved, decimal ActivityCosts, decimal ExpensesPaid, decimal ExpensesScheduled, decimal ExpensesPlanned)
{
    /// <summary>What counts as spent: activity costs and expenses paid by the day.</summary>
    public decimal Spent => ActivityCosts + ExpensesPaid;

    /// <summary>What may still be charged: approved − activity costs − all expenses (0 before approval).</summary>
    public decimal Remaining => (Approved ?? 0m) - ActivityCosts - ExpensesPaid - ExpensesScheduled - ExpensesPlanned;
}
