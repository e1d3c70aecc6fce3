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
/// fund execution, against an approval in yen; the expenses together never exceed the approval, also when several are
/// recorded at once. Only paid expenses count as spent; an activity's cost is its plan (programme.md "Funds").
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

    /// <summary>
    /// What each of <paramref name="proposalIds"/> has spent on <paramref name="today"/>: the sum of its expenses paid on or
    /// before that day, in yen; a proposal without paid expenses is missing from the map (spent 0).
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, decimal>> SpentByProposalAsync(CityCoopDbContext db, IReadOnlyCollection<Guid> proposalIds, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(proposalIds);
        if (proposalIds.Count == 0)
        {
            return new Dictionary<Guid, decimal>();
        }

        // Summed here, not in SQL: SQLite (the embedded default) has no decimal aggregates.
        var paid = await db.Expenses.AsNoTracking()
            .Where(e => proposalIds.Contains(e.ProposalId) && e.PaidOn != null && e.PaidOn <= today)
            .Select(e => new { e.ProposalId, e.AmountJpy })
            .ToListAsync(ct);
        return paid.GroupBy(e => e.ProposalId).ToDictionary(g => g.Key, g => g.Sum(e => e.AmountJpy));
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
            proposal.PlannedActivityCosts,
            all.Where(e => e.IsSpentOn(today)).Sum(e => e.AmountJpy),
            all.Where(e => e.PaidOn is { } d && d > today).Sum(e => e.AmountJpy),
            all.Where(e => e.PaidOn is null).Sum(e => e.AmountJpy),
            proposal.ApprovedAmount?.Currency ?? Currency.JPY);
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
        var (proposal, refused) = await TakeInFundExecutionAsync(db, proposalId, ct);
        if (proposal is null)
        {
            return refused!;
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
    /// Marks a planned expense paid on <paramref name="paidOn"/> in one transaction, under the proposal's row as
    /// <see cref="RecordAsync"/> takes it (so it queues behind recordings and steps, and the proposal's ETag changes). It
    /// checks the state and that what is then dated paid — every expense with a paid date, this one included — stays
    /// within the approval: an approval lowered since the expense was planned may no longer hold it.
    /// Nothing is written when it is refused.
    /// </summary>
    /// <param name="db">The unit of work (no transaction open).</param>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="expenseId">One of its expenses.</param>
    /// <param name="paidOn">The day it was paid, within the proposal's fiscal year.</param>
    /// <param name="now">The clock's instant; its Tokyo date is today.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>
    /// <see cref="ExpenseOutcome.Recorded"/> with the expense as saved; <see cref="ExpenseOutcome.NotFound"/> for an unknown
    /// proposal or an expense of another; <see cref="ExpenseOutcome.Refused"/> with <c>expense-not-in-fund-execution</c> or
    /// <c>expense-paid-over-approved</c>.
    /// </returns>
    /// <exception cref="DomainRuleException"><c>date-outside-fiscal-year</c> or <c>expense-already-paid</c> (<see cref="Expense.MarkPaid"/>).</exception>
    public static async Task<ExpenseOutcome> MarkPaidAsync(CityCoopDbContext db, Guid proposalId, Guid expenseId, DateOnly paidOn, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (proposal, refused) = await TakeInFundExecutionAsync(db, proposalId, ct);
        var expense = await db.Expenses.SingleOrDefaultAsync(e => e.Id == expenseId && e.ProposalId == proposalId, ct);
        if (expense is null || refused is ExpenseOutcome.NotFound)
        {
            return new ExpenseOutcome.NotFound();
        }

        if (proposal is null)
        {
            return refused!;
        }

        expense.MarkPaid(paidOn, proposal.FiscalYear);

        // Summed here, not in SQL: SQLite (the embedded default) has no decimal aggregates.
        var others = (await db.Expenses.AsNoTracking().Where(e => e.ProposalId == proposalId && e.Id != expenseId && e.PaidOn != null).Select(e => e.AmountJpy).ToListAsync(ct)).Sum();
        var dated = others + expense.AmountJpy;
        var approved = proposal.ApprovedAmount?.Amount ?? 0m;
        if (dated > approved)
        {
            return new ExpenseOutcome.Refused(DomainText.Of(
                "expense-paid-over-approved",
                $"Paying {expense.AmountJpy:0} JPY now would take what is paid to {dated:0} JPY, over the approved {approved:0} JPY.",
                ("amount", expense.AmountJpy),
                ("paid", dated),
                ("approved", approved),
                ("currency", Currency.JPY)));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ExpenseOutcome.Recorded(expense, Summarize(proposal, await ListAsync(db, proposalId, ct), Today(now)));
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

    // Takes the proposal's row first (a conditional UPDATE of its revision: concurrent recordings and steps queue behind
    // it, and its ETag changes as its money does), then reads it and checks it is in fund execution. Returns the proposal,
    // or null with NotFound or the refusal.
    private static async Task<(CooperationProposal? Proposal, ExpenseOutcome? Refused)> TakeInFundExecutionAsync(CityCoopDbContext db, Guid proposalId, CancellationToken ct)
    {
        var taken = await db.Proposals.Where(p => p.Id == proposalId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Revision, p => p.Revision + 1), ct);
        if (taken == 0)
        {
            return (null, new ExpenseOutcome.NotFound());
        }

        var proposal = await db.Proposals.AsNoTracking().SingleAsync(p => p.Id == proposalId, ct);
        var state = await StateAsync(db, proposalId, ct);
        return state == FundExecution
            ? (proposal, null)
            : (null, new ExpenseOutcome.Refused(DomainText.Of(
                "expense-not-in-fund-execution",
                $"Expenses are recorded in fund execution; this proposal is in '{state}'.",
                ("state", state))));
    }

    private static Task<string> StateAsync(CityCoopDbContext db, Guid proposalId, CancellationToken ct) =>
        db.WorkflowInstances.AsNoTracking()
            .Where(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == Proposals.ProposalModule.Type && EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == proposalId)
            .Select(i => i.CurrentState)
            .SingleAsync(ct);
}
