using CityCoop.Workflows;

namespace CityCoop.Domain.FiscalYears;

/// <summary>
/// The fiscal years CityCoop takes: from FY2014, the programme's first (the seed's tables), to FY2100, a bound for input
/// rather than a plan. Proposals, memorandums and budgets are refused outside it, and routes and reports answer 400.
/// </summary>
public static class ProgrammeYears
{
    /// <summary>The first fiscal year, 2014.</summary>
    public const int First = 2014;

    /// <summary>The last fiscal year taken, 2100.</summary>
    public const int Last = 2100;

    /// <summary>Whether the fiscal year is one of the programme's.</summary>
    public static bool Contains(int fiscalYear) => fiscalYear is >= First and <= Last;

    /// <summary>Refuses a fiscal year outside the programme's: code <c>fiscal-year-range</c> on <c>fiscalYear</c>.</summary>
    /// <exception cref="DomainRuleException">The year is before <see cref="First"/> or after <see cref="Last"/>.</exception>
    public static void Check(int fiscalYear)
    {
        if (!Contains(fiscalYear))
        {
            throw new DomainRuleException("fiscalYear", DomainText.Of("fiscal-year-range", $"The programme's fiscal years run from FY{First} to FY{Last}."));
        }
    }
}
