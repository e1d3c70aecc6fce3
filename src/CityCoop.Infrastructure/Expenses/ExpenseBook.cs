using CityCoop.Domain.Expenses;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Expenses;

/// <summary>
/// Records and sums a proposal's expenses (programme.md "Funds"). The platform records them while the proposal is in
/// fund execution, against an approval in yen; activity costs and every expense together never exceed the approval,
/// also when several are recorded at once.
/// </summary>
public static class ExpenseBook
{
    /// <summary>The workflow state in which expenses are recorded.</summary>
    public const string FundExecution = "fund-execution";

    /// <summary>The day that counts for "paid on or before today": the date in Tokyo (the budget is Japanese).</summary>
    public static DateOnly Today(DateTimeOffset now) => ProgrammeTimeZones.DateIn(now, ProgrammeTimeZones.Tokyo);

    /// <summary>The proposal's expenses, oldest first.</summary>
    public static async Task<IReadOnlyList<Expense>> ListAsync(CityCoopDbContext db, Guid proposalId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Expenses.AsNoTracking().Where(e => e.ProposalId == proposalId).OrderBy(e => e.RecordedAt).ThenBy(e => e.Id).ToListAsync(ct);
    }

    /// <summary>The proposal's money on <paramref name="today"/>.</summary>
    public static async Task<ExpenseSummary> SummaryAsync(CityCoopDbContext db, CooperationProposal proposal, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return Summarize(proposal, await ListAsync(db, proposal.Id, ct), today);
    }

    /// <summary>Sums expenses of one proposal on a day.</summary>
    public static ExpenseSummary Summarize(CooperationProposal proposal, IEnumerable<Expense> expenses, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(expenses);
        var all = expenses.ToList();
        return new ExpenseSummary(
            proposal.ApprovedAmount?.Amount,
            proposal.SpentAmount,
            all.Where(e => e.IsSpentOn(today)).Sum(e => e.AmountJpy),
            all.Where(e => e.PaidOn is { } d && d > today).Sum(e => e.AmountJpy),
            all.Where(e => e.PaidOn is null).Sum(e => e.AmountJpy));
    }

    /// <summary>
    /// Records an expense in one transaction. It first takes the proposal's row (a conditional
    /// <c>UPDATE proposals SET "Revision" = "Revision" + 1</c>, so concurrent recordings, and workflow steps that change
    /// the proposal, queue behind it; the proposal's ETag changes, as its money did), then checks the state, the approval's
    /// currency and the remaining amount as they are now, and inserts. Nothing is written when it is refused.
    /// </summary>
    /// <param name="db">The unit of work (no transaction open).</param>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="create">Builds the expense for the proposal's fiscal year (throws <see cref="DomainRuleException"/> for bad input).</param>
    /// <param name="now">The clock's instant; its Tokyo date is today.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DomainRuleException">The input breaks a rule of <see cref="Expense.Create"/>.</exception>
    public static async Task<ExpenseOutcome> RecordAsync(CityCoopDbContext db, Guid proposalId, Func<CooperationProposal, Expense> create, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(create);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Proposals.Where(p => p.Id == proposalId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Revision, p => p.Revision + 1), ct);
        if (taken == 0)
        {
            return new ExpenseOutcome.NotFound();
        }

        var proposal = await db.Proposals.AsNoTracking().SingleAsync(p => p.Id == proposalId, ct);
        var state = await db.WorkflowInstances.AsNoTracking()
            .Where(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == Proposals.ProposalModule.Type && EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == proposalId)
            .Select(i => i.CurrentState)
            .SingleAsync(ct);
        if (state != FundExecution)
        {
            return new ExpenseOutcome.Refused(DomainText.Of(
                "expense-not-in-fund-execution",
                $"Expenses are recorded in fund execution; this proposal is in '{state}'.",
                ("state", state)));
        }

        if (proposal.ApprovedAmount is not { Currency: Currency.JPY })
        {
            return new ExpenseOutcome.Refused(DomainText.Of(
                "expense-approval-not-jpy",
                "Expenses count in yen against an approval in JPY; this proposal's approval is not in JPY.",
                ("currency", proposal.RequestedAmount.Currency)));
        }

        var expense = create(proposal);
        var today = Today(now);
        var before = Summarize(proposal, await ListAsync(db, proposalId, ct), today);
        if (expense.AmountJpy > before.Remaining)
        {
            return new ExpenseOutcome.Refused(DomainText.Of(
                "expense-over-approved",
                $"An expense of {expense.AmountJpy:0} JPY exceeds the {before.Remaining:0} JPY that remain of the approval.",
                ("amount", expense.AmountJpy),
                ("remaining", before.Remaining),
                ("approved", before.Approved),
                ("currency", Currency.JPY)));
        }

        db.Expenses.Add(expense);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ExpenseOutcome.Recorded(expense, Summarize(proposal, [.. await ListAsync(db, proposalId, ct)], today));
    }

    /// <summary>
    /// Sets an expense's evidence (an attachment already saved under its proposal).
    /// </summary>
    /// <returns>False when the proposal has no such expense.</returns>
    public static async Task<bool> AttachEvidenceAsync(CityCoopDbContext db, Guid proposalId, Guid expenseId, Guid attachmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var expense = await db.Expenses.SingleOrDefaultAsync(e => e.Id == expenseId && e.ProposalId == proposalId, ct);
        if (expense is null)
        {
            return false;
        }

        expense.AttachEvidence(attachmentId);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
