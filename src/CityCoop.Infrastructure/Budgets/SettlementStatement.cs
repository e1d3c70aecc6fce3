using CityCoop.Domain.Budgets;

namespace CityCoop.Infrastructure.Budgets;

/// <summary>
/// A fiscal year's settlements as the budget page and <c>GET /api/budgets/{fiscalYear}/settlement</c> show them: one row per
/// proposal whose fund execution closed, oldest close first, and the totals in yen (settlements of approvals in CNY are
/// listed but not counted, as the budget does not count them).
/// </summary>
/// <param name="FiscalYear">The fiscal year.</param>
/// <param name="Rows">The settled proposals, oldest close first.</param>
public sealed record SettlementStatement(int FiscalYear, IReadOnlyList<SettlementRow> Rows)
{
    /// <summary>Sum of the approved amounts of the yen settlements.</summary>
    public decimal ApprovedTotal => Yen.Sum(r => r.Settlement.Approved);

    /// <summary>Sum of what the yen settlements counted as spent.</summary>
    public decimal SpentTotal => Yen.Sum(r => r.Settlement.Spent);

    /// <summary>Sum of what the yen settlements released: the budget's <see cref="BudgetPosition.Released"/>.</summary>
    public decimal ReleasedTotal => Yen.Sum(r => r.Settlement.Released);

    private IEnumerable<SettlementRow> Yen => Rows.Where(r => r.Settlement.Currency == BudgetPosition.Currency);
}

/// <summary>One settled proposal.</summary>
/// <param name="Settlement">The settlement (amounts, who closed, when).</param>
/// <param name="Title">The proposal's title.</param>
/// <param name="ProposingCityCode">The proposing city's code.</param>
/// <param name="PartnerCityCodes">The partner cities' codes, lead first.</param>
public sealed record SettlementRow(Settlement Settlement, string Title, string ProposingCityCode, IReadOnlyList<string> PartnerCityCodes);
