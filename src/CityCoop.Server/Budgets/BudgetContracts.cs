using CityCoop.Domain.Budgets;
using CityCoop.Infrastructure.Budgets;
using CityCoop.Workflows;

namespace CityCoop.Server.Budgets;

/// <summary>
/// Body of <c>PUT /api/budgets/{fiscalYear}</c>: <c>{"envelope": 50000000, "reason": "…", "lines": [{"name": "…", "amount": 1000000}]}</c>.
/// Amounts are whole yen. <c>lines</c> is optional (absent: the lines stay as they are; <c>[]</c>: no lines); <c>reason</c>
/// is required for every change after the first setting.
/// </summary>
public sealed record BudgetRequest(decimal? Envelope, string? Reason, IReadOnlyList<BudgetLineRequest>? Lines)
{
    /// <summary>The lines as the domain takes them, or null when none were sent.</summary>
    /// <remarks>A null line never gets here: JSON input refuses it as <c>input-required</c> on <c>lines[i]</c>.</remarks>
    /// <exception cref="DomainRuleException"><c>input-required</c> on <c>lines[i].name</c> or <c>lines[i].amount</c>.</exception>
    public IReadOnlyList<BudgetLine>? ToLines() => Lines?.Select((l, i) => new BudgetLine(
        l.Name ?? throw Required($"lines[{i}].name", "the line's name"),
        l.Amount ?? throw Required($"lines[{i}].amount", "yen, e.g. 1000000"))).ToList();

    /// <summary>The envelope, or <c>input-required</c> on <c>envelope</c>.</summary>
    public decimal ToEnvelope() => Envelope ?? throw Required("envelope", "yen, e.g. 50000000");

    private static DomainRuleException Required(string field, string hint) =>
        new(field, DomainText.Of("input-required", $"{field} is required: {hint}.", ("field", field)));
}

/// <summary>A budget line as sent: its name and its amount in yen.</summary>
public sealed record BudgetLineRequest(string? Name, decimal? Amount);

/// <summary>A budget line: its name and its amount in yen.</summary>
public sealed record BudgetLineDto(string Name, decimal Amount);

/// <summary>
/// One entry of the budget journal: when (UTC), by whom (user id and display name as it was then), why, and the envelope and
/// lines before and after (<c>oldEnvelope</c> null on the first setting).
/// </summary>
public sealed record BudgetChangeDto(DateTimeOffset At, string By, string ByName, string Reason, decimal? OldEnvelope, decimal NewEnvelope, IReadOnlyList<BudgetLineDto> OldLines, IReadOnlyList<BudgetLineDto> NewLines);

/// <summary>
/// <c>GET /api/budgets/{fiscalYear}</c>: the year's money in yen. <c>set</c> is false (and <c>envelope</c> 0) while the
/// Japanese ministry has set no envelope; <c>committed</c> is the sum of the year's approvals of JPY requests, <c>spent</c>
/// what was spent against them, <c>released</c> what settlement gave back (the unspent part of approvals whose fund execution closed), and
/// <c>remaining</c> = envelope − committed + released.
/// </summary>
public sealed record BudgetResponse(
    int FiscalYear,
    string Currency,
    bool Set,
    decimal Envelope,
    decimal Committed,
    decimal Spent,
    decimal Released,
    decimal Remaining,
    IReadOnlyList<BudgetLineDto> Lines,
    IReadOnlyList<BudgetChangeDto> Changes)
{
    /// <summary>The response for a statement.</summary>
    public static BudgetResponse From(BudgetStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var p = statement.Position;
        return new BudgetResponse(
            p.FiscalYear,
            BudgetPosition.Currency.ToString(),
            p.IsSet,
            p.Envelope,
            p.Committed,
            p.Spent,
            p.Released,
            p.Remaining,
            [.. statement.Lines.Select(Line)],
            [.. statement.Changes.Select(c => new BudgetChangeDto(c.At, c.UserId, c.UserName, c.Reason, c.OldEnvelope, c.NewEnvelope, [.. c.OldLines.Select(Line)], [.. c.NewLines.Select(Line)]))]);
    }

    private static BudgetLineDto Line(BudgetLine l) => new(l.Name, l.Amount);
}

/// <summary>
/// One settled proposal of <c>GET /api/budgets/{fiscalYear}/settlement</c>: its id, title and city pair (the proposing city
/// and its partners, lead first), the approval at the close, what was spent (activity costs and expenses paid by the close
/// date) and released (approved − spent), in <c>currency</c>; when fund execution closed (UTC) and by whom (<c>closedBy</c> a
/// user id or <c>system</c> for the fiscal-year end, <c>closedByName</c>, <c>bySystem</c>), and the closing action.
/// </summary>
public sealed record SettlementDto(
    Guid ProposalId,
    string Title,
    string ProposingCity,
    IReadOnlyList<string> PartnerCities,
    string Currency,
    decimal Approved,
    decimal Spent,
    decimal Released,
    DateTimeOffset ClosedAt,
    string ClosedBy,
    string ClosedByName,
    bool BySystem,
    string Action);

/// <summary>
/// <c>GET /api/budgets/{fiscalYear}/settlement</c>: the year's settlements, oldest close first, and their totals in yen
/// (<c>totals.released</c> is the budget's <c>released</c>; settlements in CNY are listed but not counted).
/// </summary>
public sealed record SettlementResponse(int FiscalYear, string Currency, IReadOnlyList<SettlementDto> Items, SettlementTotalsDto Totals)
{
    /// <summary>The response for a statement.</summary>
    public static SettlementResponse From(SettlementStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return new SettlementResponse(
            statement.FiscalYear,
            BudgetPosition.Currency.ToString(),
            [.. statement.Rows.Select(r => new SettlementDto(
                r.Settlement.ProposalId,
                r.Title,
                r.ProposingCityCode,
                r.PartnerCityCodes,
                r.Settlement.Currency.ToString(),
                r.Settlement.Approved,
                r.Settlement.Spent,
                r.Settlement.Released,
                r.Settlement.ClosedAt,
                r.Settlement.ClosedBy,
                r.Settlement.ClosedByName,
                r.Settlement.BySystem,
                r.Settlement.Action))],
            new SettlementTotalsDto(statement.ApprovedTotal, statement.SpentTotal, statement.ReleasedTotal));
    }
}

/// <summary>Totals of the year's settlements in yen.</summary>
public sealed record SettlementTotalsDto(decimal Approved, decimal Spent, decimal Released);
