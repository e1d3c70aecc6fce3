using CityCoop.Domain.Funding;
using CityCoop.Workflows;

namespace CityCoop.Domain.Budgets;

/// <summary>
/// Where a fiscal year's programme money stands, all in yen (programme.md "Funds"): the envelope the Japanese ministry
/// set, what approvals committed against it, what was paid out of those commitments, what settlement gave back, and
/// what remains to commit.
/// </summary>
/// <param name="FiscalYear">The fiscal year (e.g. 2015 for 2015-04-01 to 2016-03-31).</param>
/// <param name="IsSet">Whether the ministry has set an envelope for the year; when not, <paramref name="Envelope"/> is 0.</param>
/// <param name="Envelope">The envelope (yen).</param>
/// <param name="Committed">Sum of the approved amounts of the year's JPY proposals (yen).</param>
/// <param name="Spent">Sum of what was spent against those approvals (yen).</param>
/// <param name="Released">Commitments given back to the envelope by settlement (yen): the sum of the year's settlements of JPY approvals (<see cref="Settlement.Released"/>).</param>
/// <param name="Revision">The budget row's revision (0 while not set); part of the ETag.</param>
public sealed record BudgetPosition(int FiscalYear, bool IsSet, decimal Envelope, decimal Committed, decimal Spent, decimal Released, int Revision)
{
    /// <summary>The currency of every amount of a budget: Japanese budgets are in yen.</summary>
    public static Currency Currency => Currency.JPY;

    /// <summary>What may still be committed: envelope − committed + released (negative when commitments exceed an envelope set later or not at all).</summary>
    public decimal Remaining => Envelope - Committed + Released;

    /// <summary>
    /// Why committing <paramref name="amount"/> more yen (an approval, or the raise of one) would exceed the envelope,
    /// or null when it fits. Code <c>over-budget</c>, arguments <c>amount</c>, <c>remaining</c>, <c>envelope</c>,
    /// <c>committed</c>, <c>fiscalYear</c>, <c>currency</c>.
    /// </summary>
    public DomainText? WhyNotCommittable(decimal amount) => amount > Remaining
        ? DomainText.Of(
            "over-budget",
            $"Committing {amount:0} JPY would exceed the FY{FiscalYear} budget: {Math.Max(Remaining, 0):0} JPY remain of the envelope of {Envelope:0} JPY.",
            ("amount", amount),
            ("remaining", Remaining),
            ("envelope", Envelope),
            ("committed", Committed),
            ("fiscalYear", FiscalYear),
            ("currency", Currency))
        : null;
}
