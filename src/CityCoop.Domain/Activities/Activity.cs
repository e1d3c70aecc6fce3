using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Workflows;

namespace CityCoop.Domain.Activities;

/// <summary>
/// Something that happened under the programme on a span of calendar days (inclusive), optionally recorded
/// against a cooperation proposal with its cost. Imported rows carry the source table's number.
/// </summary>
public abstract class Activity
{
    // Money? is stored as two nullable columns; EF maps these fields.
    private decimal? costAmount;
    private Currency? costCurrency;

    /// <summary>For EF Core.</summary>
    protected Activity()
    {
    }

    /// <summary>Creates an activity over an inclusive date span.</summary>
    /// <exception cref="DomainRuleException">The end date is before the start date.</exception>
    protected Activity(DateOnly startDate, DateOnly endDate, int? number)
    {
        if (endDate < startDate)
        {
            throw new DomainRuleException("endDate", DomainText.Of("end-before-start", $"End date {endDate:yyyy-MM-dd} is before start date {startDate:yyyy-MM-dd}.", ("start", Day(startDate)), ("end", Day(endDate))));
        }

        Id = Guid.NewGuid();
        StartDate = startDate;
        EndDate = endDate;
        FiscalYear = FiscalYears.FiscalYear.Of(startDate).Year;
        Number = number;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>Which kind of activity this is.</summary>
    public abstract ActivityKind Kind { get; }

    /// <summary>The proposal it was recorded under, if any (imported history has none).</summary>
    public Guid? ProposalId { get; private set; }

    /// <summary>Japanese fiscal year of the start date (e.g. 2014).</summary>
    public int FiscalYear { get; private set; }

    /// <summary>Number in the fiscal year's table of its kind (编号), when it has one.</summary>
    public int? Number { get; private set; }

    /// <summary>First day (local calendar date).</summary>
    public DateOnly StartDate { get; private set; }

    /// <summary>Last day, inclusive.</summary>
    public DateOnly EndDate { get; private set; }

    /// <summary>Number of calendar days, inclusive of both ends.</summary>
    public int SpanDays => EndDate.DayNumber - StartDate.DayNumber + 1;

    /// <summary>Direct cost charged to the approved amount, if any (programme.md rule 3).</summary>
    public Money? Cost => costAmount is { } amount && costCurrency is { } currency ? new Money(amount, currency) : null;

    /// <summary>When the record was voided (UTC), or null while it counts. A voided activity stays stored and visible, but no longer counts in spent amounts or reports.</summary>
    public DateTimeOffset? VoidedAt { get; private set; }

    /// <summary>User id of who voided the record, or null.</summary>
    public string? VoidedBy { get; private set; }

    /// <summary>Display name of who voided the record, as it was then (as the journal keeps it), or null.</summary>
    public string? VoidedByName { get; private set; }

    /// <summary>Why the record was voided (the reviewer's words), or null.</summary>
    public string? VoidReason { get; private set; }

    /// <summary>Whether the record was voided.</summary>
    public bool IsVoided => VoidedAt is not null;

    /// <summary>Attaches the activity to a proposal with its direct cost.</summary>
    /// <exception cref="DomainRuleException">The cost is negative.</exception>
    public void RecordAgainst(Guid proposalId, Money? cost)
    {
        if (cost is { Amount: < 0 })
        {
            throw new DomainRuleException("cost", DomainText.Of("cost-negative", "A cost cannot be negative."));
        }

        ProposalId = proposalId;
        costAmount = cost?.Amount;
        costCurrency = cost?.Currency;
    }

    /// <summary>A date as an argument of a coded text (yyyy-MM-dd).</summary>
    protected static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Marks the record voided; only <see cref="Proposals.CooperationProposal.VoidActivity"/> calls this, so the spent amount follows.</summary>
    internal void Void(string userId, string userName, DateTimeOffset at, string reason)
    {
        VoidedAt = at.ToUniversalTime();
        VoidedBy = userId;
        VoidedByName = userName;
        VoidReason = reason;
    }

    /// <summary>The fiscal year as a value.</summary>
    public FiscalYear FiscalYearValue => new(FiscalYear);
}
