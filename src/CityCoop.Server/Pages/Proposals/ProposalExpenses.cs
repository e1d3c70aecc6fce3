using CityCoop.Domain.Expenses;
using CityCoop.Infrastructure.Expenses;

namespace CityCoop.Server.Pages.Proposals;

/// <summary>
/// The expenses panel of the proposal page (programme.md "Funds"): the expenses with their evidence, the money summary
/// in yen on today's Tokyo date, and whether the reader records expenses now (platform reviewers in fund execution).
/// </summary>
/// <param name="Items">The expenses, oldest first.</param>
/// <param name="Summary">Approved, activity costs, paid / scheduled / planned expenses, spent and remaining (yen).</param>
/// <param name="EvidenceNames">File names of the proposal's attachments by id (an expense's evidence is one of them).</param>
/// <param name="Today">The Tokyo date that decides paid vs scheduled.</param>
/// <param name="CanRecord">Whether the reader sees the form and the "mark paid" buttons.</param>
/// <param name="BudgetLines">The fiscal year's budget line names to choose from; empty when the year has none (free text then).</param>
public sealed record ProposalExpenses(
    IReadOnlyList<Expense> Items,
    ExpenseSummary Summary,
    IReadOnlyDictionary<Guid, string> EvidenceNames,
    DateOnly Today,
    bool CanRecord,
    IReadOnlyList<string> BudgetLines)
{
    /// <summary>The evidence's file name, or null when the expense has none.</summary>
    public string? EvidenceName(Expense expense)
    {
        ArgumentNullException.ThrowIfNull(expense);
        return expense.EvidenceId is { } id ? EvidenceNames.GetValueOrDefault(id, id.ToString()) : null;
    }
}
