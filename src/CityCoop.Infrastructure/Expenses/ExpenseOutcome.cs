using CityCoop.Domain.Expenses;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Expenses;

/// <summary>What <see cref="ExpenseBook.RecordAsync"/> or <see cref="ExpenseBook.MarkPaidAsync"/> did.</summary>
public abstract record ExpenseOutcome
{
    /// <summary>Saved.</summary>
    public sealed record Recorded(Expense Expense, ExpenseSummary Summary) : ExpenseOutcome;

    /// <summary>No such proposal (or no such expense of it).</summary>
    public sealed record NotFound : ExpenseOutcome;

    /// <summary>A rule of the proposal's state or approval refused it (409): <c>expense-not-in-fund-execution</c>, <c>expense-approval-not-jpy</c>, <c>expense-over-approved</c>, <c>expense-paid-over-approved</c>.</summary>
    public sealed record Refused(DomainText Reason) : ExpenseOutcome;
}
