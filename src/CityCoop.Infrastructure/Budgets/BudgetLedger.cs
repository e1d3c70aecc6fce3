using CityCoop.Domain.Budgets;
using CityCoop.Domain.Funding;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Budgets;

/// <summary>
/// The one place that computes a fiscal year's money position (programme.md "Funds") and changes its budget.
/// Committed is the sum of the approved amounts of the year's proposals requested in JPY (a budget is in yen; a
/// CNY request is not counted); spent is the expenses paid against them (an activity's cost is a plan, not spending); released is what the settlements of the year's
/// closed JPY proposals gave back (approved − spent at the close); remaining is envelope − committed + released. Stateless: every method works in the caller's
/// <see cref="CityCoopDbContext"/> (and transaction).
/// </summary>
/// <remarks>
/// Concurrency: whoever commits money against a year (an approval, a raise of one) or changes its envelope takes the
/// year's budget row first with <see cref="LockAsync"/> inside its transaction, then reads <see cref="PositionAsync"/>
/// and decides; the row lock (PostgreSQL <c>SELECT … FOR UPDATE</c>) queues the others behind it, so each sees the
/// commitments of those before it. <see cref="WhyNotCommittableAsync"/> does the three in one call.
/// </remarks>
public static class BudgetLedger
{
    /// <summary>The ETag of a budget revision, e.g. <c>"budget-2015-r3"</c> (revision 0: not set yet).</summary>
    public static string ETagOf(BudgetPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return $"\"budget-{position.FiscalYear}-r{position.Revision}\"";
    }

    /// <summary>
    /// The year's position: envelope (0 and <see cref="BudgetPosition.IsSet"/> false when the ministry set none),
    /// committed, spent, released (the sum of the year's settlements in yen), remaining, in yen. Spent counts the expenses paid on or before
    /// <paramref name="asOf"/> (the Tokyo date of the clock, <see cref="Expenses.ExpenseBook.Today"/>). Reads only; inside a
    /// transaction after <see cref="LockAsync"/> it sees every commitment made before the lock was granted.
    /// </summary>
    public static async Task<BudgetPosition> PositionAsync(CityCoopDbContext db, int fiscalYear, DateOnly asOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var budget = await db.Budgets.AsNoTracking()
            .Where(b => b.FiscalYear == fiscalYear)
            .Select(b => new { b.Envelope, b.Revision })
            .SingleOrDefaultAsync(ct);

        // Summed here, not in SQL: SQLite has no decimal aggregates, and a year holds few proposals.
        var approvals = await db.Proposals.AsNoTracking()
            .Where(p => p.FiscalYear == fiscalYear && p.RequestedAmount.Currency == Currency.JPY && EF.Property<decimal?>(p, "approvedAmount") != null)
            .Select(p => EF.Property<decimal?>(p, "approvedAmount")!.Value)
            .ToListAsync(ct);
        var paid = await db.Expenses.AsNoTracking()
            .Where(e => e.PaidOn != null && e.PaidOn <= asOf
                && db.Proposals.Any(p => p.Id == e.ProposalId && p.FiscalYear == fiscalYear && p.RequestedAmount.Currency == Currency.JPY && EF.Property<decimal?>(p, "approvedAmount") != null))
            .Select(e => e.AmountJpy)
            .ToListAsync(ct);
        var released = await db.Settlements.AsNoTracking()
            .Where(s => s.FiscalYear == fiscalYear && s.Currency == Currency.JPY)
            .Select(s => s.Released)
            .ToListAsync(ct);
        var revision = budget?.Revision ?? 0;
        return new BudgetPosition(
            fiscalYear,
            revision > 0,
            budget?.Envelope ?? 0m,
            approvals.Sum(),
            paid.Sum(),
            released.Sum(),
            revision);
    }

    /// <summary>
    /// Takes the year's budget row for the rest of the caller's transaction, creating it unset (envelope 0, revision 0)
    /// when the ministry has set none yet, so that even then concurrent commitments queue. PostgreSQL:
    /// <c>INSERT … ON CONFLICT DO NOTHING</c>, then <c>SELECT … FOR UPDATE</c> (other lockers wait until this transaction
    /// ends). SQLite: <c>INSERT OR IGNORE</c>, a write, which takes the database's write lock, so writers queue there.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>: a lock outside one would end at once.</exception>
    public static async Task LockAsync(CityCoopDbContext db, int fiscalYear, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("BudgetLedger.LockAsync needs the caller's open transaction.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO budgets ("FiscalYear", "Envelope", "Revision", "UpdatedAt", "UpdatedBy", "Lines") VALUES ({fiscalYear}, 0, 0, {DateTimeOffset.UnixEpoch}, '', '[]') ON CONFLICT DO NOTHING""",
                ct);
            await db.Database
                .SqlQuery<int>($"""SELECT "Revision" AS "Value" FROM budgets WHERE "FiscalYear" = {fiscalYear} FOR UPDATE""")
                .SingleAsync(ct);
        }
        else
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT OR IGNORE INTO budgets ("FiscalYear", "Envelope", "Revision", "UpdatedAt", "UpdatedBy", "Lines") VALUES ({fiscalYear}, 0, 0, 0, '', '[]')""",
                ct);
        }
    }

    /// <summary>
    /// For the approve step (and amendments): locks the year (<see cref="LockAsync"/>) and says why committing
    /// <paramref name="amount"/> more yen would exceed what remains (code <c>over-budget</c>, arguments
    /// <c>amount</c>, <c>remaining</c>, <c>envelope</c>, <c>committed</c>, <c>fiscalYear</c>, <c>currency</c>), or
    /// null when it fits. The lock is held until the caller's transaction ends, so the caller saves its approval in that
    /// same transaction.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    public static async Task<DomainText?> WhyNotCommittableAsync(CityCoopDbContext db, int fiscalYear, decimal amount, CancellationToken ct)
    {
        await LockAsync(db, fiscalYear, ct);

        // Spent does not decide a commitment, so any day will do for it.
        return (await PositionAsync(db, fiscalYear, DateOnly.MaxValue, ct)).WhyNotCommittable(amount);
    }

    /// <summary>The year's position on <paramref name="asOf"/>, lines and journal (oldest first).</summary>
    public static async Task<BudgetStatement> StatementAsync(CityCoopDbContext db, int fiscalYear, DateOnly asOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var position = await PositionAsync(db, fiscalYear, asOf, ct);
        var lines = await db.Budgets.AsNoTracking().Where(b => b.FiscalYear == fiscalYear).Select(b => b.Lines).SingleOrDefaultAsync(ct);
        var changes = await db.BudgetChanges.AsNoTracking().Where(c => c.FiscalYear == fiscalYear).OrderBy(c => c.Id).ToListAsync(ct);
        return new BudgetStatement(position, lines ?? [], changes);
    }

    /// <summary>The year's settlements with their proposals' titles and cities, oldest close first.</summary>
    public static async Task<SettlementStatement> SettlementsAsync(CityCoopDbContext db, int fiscalYear, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (
            from s in db.Settlements.AsNoTracking()
            where s.FiscalYear == fiscalYear
            join p in db.Proposals.AsNoTracking() on s.ProposalId equals p.Id
            select new { s, p.Title, p.ProposingCityCode, p.PartnerCityCodes })
            .ToListAsync(ct);
        return new SettlementStatement(fiscalYear, [.. rows
            .OrderBy(r => r.s.ClosedAt)
            .ThenBy(r => r.s.ProposalId)
            .Select(r => new SettlementRow(r.s, r.Title, r.ProposingCityCode, r.PartnerCityCodes))]);
    }

    /// <summary>
    /// Sets or changes the year's envelope and lines (<see cref="ProgrammeBudget.Change"/>) in one transaction, under the
    /// year's lock so no approval commits meanwhile, and journals it. Nothing is written when a rule refuses or
    /// <paramref name="ifMatch"/> (an ETag of <see cref="ETagOf"/>, or null to skip the check) is not the current one.
    /// </summary>
    /// <exception cref="DomainRuleException">A rule of <see cref="ProgrammeBudget.Change"/> refused (e.g. <c>below-committed</c>).</exception>
    public static async Task<BudgetChangeOutcome> ChangeAsync(
        CityCoopDbContext db, int fiscalYear, decimal envelope, IReadOnlyList<BudgetLine>? lines, string? reason, string? ifMatch, WorkflowActor actor, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        _ = new ProgrammeBudget(fiscalYear); // refuses a year outside the programme before anything is written
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, fiscalYear, ct);
        var position = await PositionAsync(db, fiscalYear, Expenses.ExpenseBook.Today(now), ct);
        if (ifMatch is not null && ifMatch != "*" && ifMatch != ETagOf(position))
        {
            return new BudgetChangeOutcome.Stale(position);
        }

        var budget = await db.Budgets.SingleAsync(b => b.FiscalYear == fiscalYear, ct);
        // What settlement released is no longer committed: the envelope may go down to what stays committed.
        var change = budget.Change(envelope, lines, reason, position.Committed - position.Released, actor.UserId, actor.DisplayName, now);
        db.BudgetChanges.Add(change);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new BudgetChangeOutcome.Saved(position with { IsSet = true, Envelope = budget.Envelope, Revision = budget.Revision }, change);
    }
}
