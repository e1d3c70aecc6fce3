using CityCoop.Domain.Funding;
using CityCoop.Workflows;

namespace CityCoop.Domain.Budgets;

/// <summary>
/// The settlement of a proposal's approval when its fund execution ends (programme.md "Funds"): Japanese budgets
/// are single-year, so the unspent part of the commitment goes back to the fiscal year's envelope at once and nothing
/// carries over. One row per proposal, written in the transaction of the step that closes fund execution (a person's
/// <c>close</c> or the system's <c>expire</c>), never changed afterwards. Amounts are in the approval's currency; only
/// settlements in yen count in the budget (<see cref="BudgetPosition.Released"/>), as only approvals in yen are committed.
/// </summary>
public sealed class Settlement
{
    /// <summary>The actor id of the scheduler (the system's <c>expire</c> at the fiscal-year end).</summary>
    public const string SystemActor = "system";

    private Settlement()
    {
        ClosedBy = ClosedByName = Action = string.Empty;
    }

    internal Settlement(Guid proposalId, int fiscalYear, Money approved, decimal spent, string action, string closedBy, string closedByName, DateTimeOffset closedAt)
    {
        ProposalId = proposalId;
        FiscalYear = fiscalYear;
        Currency = approved.Currency;
        Approved = approved.Amount;
        Spent = spent;
        Released = approved.Amount - spent;
        Action = action;
        ClosedBy = closedBy;
        ClosedByName = closedByName;
        ClosedAt = closedAt.ToUniversalTime();
    }

    /// <summary>The proposal settled (one settlement each).</summary>
    public Guid ProposalId { get; private set; }

    /// <summary>The proposal's fiscal year, whose envelope gets the released money.</summary>
    public int FiscalYear { get; private set; }

    /// <summary>The approval's currency (the request's): JPY counts in the budget, CNY does not.</summary>
    public Currency Currency { get; private set; }

    /// <summary>The approved amount at the close (after any amendment).</summary>
    public decimal Approved { get; private set; }

    /// <summary>What was spent: activity costs and the expenses paid on or before the close date (Tokyo).</summary>
    public decimal Spent { get; private set; }

    /// <summary>Given back to the envelope: <see cref="Approved"/> − <see cref="Spent"/>, never negative.</summary>
    public decimal Released { get; private set; }

    /// <summary>The workflow action that closed fund execution (<c>close</c>, <c>expire</c>).</summary>
    public string Action { get; private set; }

    /// <summary>Who closed it: a user id, or <see cref="SystemActor"/> for the scheduler.</summary>
    public string ClosedBy { get; private set; }

    /// <summary>Their display name then.</summary>
    public string ClosedByName { get; private set; }

    /// <summary>When fund execution closed (UTC).</summary>
    public DateTimeOffset ClosedAt { get; private set; }

    /// <summary>True when the scheduler closed it at the fiscal-year end.</summary>
    public bool BySystem => ClosedBy == SystemActor;

    /// <summary>
    /// What the closing step's journal entry says: code <c>commitment-released</c>, arguments <c>approved</c>, <c>spent</c>,
    /// <c>released</c>, <c>currency</c>, <c>fiscalYear</c> (e.g. "settled: approved 300,000 JPY, spent 150,000 JPY, released 150,000 JPY to the FY2015 budget").
    /// </summary>
    public DomainText Note() => DomainText.Of(
        "commitment-released",
        $"settled: approved {new Money(Approved, Currency)}, spent {new Money(Spent, Currency)}, released {new Money(Released, Currency)} to the FY{FiscalYear} budget",
        ("approved", Approved),
        ("spent", Spent),
        ("released", Released),
        ("currency", Currency),
        ("fiscalYear", FiscalYear));
}
