using System.Globalization;
using CityCoop.Domain.Expenses;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Expenses;
using CityCoop.Workflows;

namespace CityCoop.Server.Expenses;

/// <summary>
/// Body of <c>POST /api/proposals/{id}/expenses</c>:
/// <c>{"budgetLine":"travel and per diem","amount":1200,"currency":"CNY","rate":20.5,"paidOn":"2015-07-10","payee":"Wuhan EPB guest house"}</c>.
/// <c>rate</c> (yen per yuan, up to 6 decimals) is required for CNY and refused for JPY; <c>paidOn</c> (yyyy-MM-dd, within the
/// proposal's fiscal year) is absent for a planned expense.
/// </summary>
public sealed record ExpenseRequest(string? BudgetLine, decimal? Amount, Currency? Currency, decimal? Rate, string? PaidOn, string? Payee)
{
    /// <summary>The expense for a proposal, or a <see cref="DomainRuleException"/> naming the field.</summary>
    public Expense ToExpense(CooperationProposal proposal, WorkflowActor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(actor);
        DateOnly? paidOn = string.IsNullOrWhiteSpace(PaidOn) ? null
            : DateOnly.TryParseExact(PaidOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new DomainRuleException("paidOn", DomainText.Of("date-format", "paidOn must be a date of the form yyyy-MM-dd.", ("field", "paidOn")));
        return Expense.Create(
            proposal.Id,
            proposal.FiscalYear,
            BudgetLine,
            Amount ?? throw Required("amount"),
            Currency ?? throw Required("currency"),
            Rate,
            paidOn,
            Payee,
            actor.UserId,
            actor.DisplayName,
            now);
    }

    private static DomainRuleException Required(string field) =>
        new(field, DomainText.Of("input-required", $"{field} is required.", ("field", field)));
}

/// <summary>
/// Body of <c>POST /api/proposals/{id}/expenses/{expenseId}/paid</c>: <c>{"paidOn":"2026-07-10"}</c>, the day a planned
/// expense was paid (yyyy-MM-dd, within the proposal's fiscal year).
/// </summary>
public sealed record MarkPaidRequest(string? PaidOn)
{
    /// <summary>The day, or a <see cref="DomainRuleException"/> on <c>paidOn</c> (<c>input-required</c>, <c>date-format</c>).</summary>
    public DateOnly Day() =>
        string.IsNullOrWhiteSpace(PaidOn) ? throw new DomainRuleException("paidOn", DomainText.Of("input-required", "paidOn is required.", ("field", "paidOn")))
        : DateOnly.TryParseExact(PaidOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new DomainRuleException("paidOn", DomainText.Of("date-format", "paidOn must be a date of the form yyyy-MM-dd.", ("field", "paidOn")));
}

/// <summary>
/// An expense as the API gives it. <c>status</c> is <c>paid</c> (paid on or before today, Tokyo date: counts as spent),
/// <c>scheduled</c> (a paid date after today) or <c>planned</c> (no paid date). <c>amountJpy</c> is what it counts in yen.
/// </summary>
public sealed record ExpenseDto(
    Guid Id,
    string BudgetLine,
    decimal Amount,
    Currency Currency,
    decimal? Rate,
    decimal AmountJpy,
    DateOnly? PaidOn,
    string Status,
    string Payee,
    EvidenceDto? Evidence,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string RecordedByName)
{
    /// <summary>The API shape of an expense on a day.</summary>
    public static ExpenseDto From(Expense e, DateOnly today, string? evidenceName)
    {
        ArgumentNullException.ThrowIfNull(e);
        var status = e.IsSpentOn(today) ? "paid" : e.PaidOn is null ? "planned" : "scheduled";
        return new ExpenseDto(
            e.Id, e.BudgetLine, e.Amount, e.Currency, e.RateToJpy, e.AmountJpy, e.PaidOn, status, e.Payee,
            e.EvidenceId is { } id ? new EvidenceDto(id, evidenceName ?? string.Empty, $"/proposals/{e.ProposalId}/attachments/{id}") : null,
            e.RecordedAt, e.RecordedBy, e.RecordedByName);
    }
}

/// <summary>An expense's evidence: the attachment's id, file name and the page address that downloads it (signed-in readers of the proposal).</summary>
public sealed record EvidenceDto(Guid Id, string FileName, string Download);

/// <summary>
/// <c>GET /api/proposals/{id}/expenses</c>: the proposal's money in yen on today's Tokyo date — approved, activity costs,
/// expenses paid, scheduled and planned, spent (activity costs + paid) and remaining (approved − activity costs − every
/// expense) — and the expenses, oldest first.
/// </summary>
public sealed record ExpenseListDto(
    string Currency,
    decimal? Approved,
    decimal ActivityCosts,
    decimal ExpensesPaid,
    decimal ExpensesScheduled,
    decimal ExpensesPlanned,
    decimal Spent,
    decimal Remaining,
    IReadOnlyList<ExpenseDto> Items)
{
    /// <summary>The list for a summary and its rows.</summary>
    public static ExpenseListDto From(ExpenseSummary s, IReadOnlyList<ExpenseDto> items)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new ExpenseListDto(s.Currency.ToString(), s.Approved, s.ActivityCosts, s.ExpensesPaid, s.ExpensesScheduled, s.ExpensesPlanned, s.Spent, s.Remaining, items);
    }
}
