namespace CityCoop.Infrastructure.Reports;

/// <summary>
/// The money of a fiscal year (programme.md "Funds"), all in whole yen as plain numbers: the position of the budget
/// ledger on <see cref="AsOf"/> and its breakdowns. Only approvals in yen count (a budget is in yen), as in the ledger.
/// </summary>
/// <param name="AsOf">The Tokyo date of the clock when the report was built: expenses paid after it do not count as spent.</param>
/// <param name="EnvelopeSet">Whether the ministry set an envelope for the year; when not, <paramref name="Envelope"/> is 0.</param>
/// <param name="Envelope">The year's envelope.</param>
/// <param name="Committed">Sum of the approved amounts.</param>
/// <param name="Spent">Activity costs plus expenses paid on or before <paramref name="AsOf"/>.</param>
/// <param name="Released">Commitments given back by settlement.</param>
/// <param name="Remaining">Envelope − committed + released.</param>
/// <param name="ByCityPair">Approved and spent per city pair of the proposals, largest approval first.</param>
/// <param name="ByActivityKind">Count and costs per activity kind, every kind in the order of programme.md "Kinds of activity".</param>
/// <param name="ByBudgetLine">Each budget line with what was paid against it; then lines expenses name that the budget has not.</param>
/// <param name="ByMonth">The twelve months April→March with cumulative committed and spent (the chart's data).</param>
public sealed record FundsReport(
    DateOnly AsOf,
    bool EnvelopeSet,
    decimal Envelope,
    decimal Committed,
    decimal Spent,
    decimal Released,
    decimal Remaining,
    IReadOnlyList<CityPairFunds> ByCityPair,
    IReadOnlyList<ActivityKindFunds> ByActivityKind,
    IReadOnlyList<BudgetLineFunds> ByBudgetLine,
    IReadOnlyList<MonthFunds> ByMonth);

/// <summary>
/// The money of one city pair: the proposals whose Japanese cities (lead first) and Chinese city are these. A proposal
/// with several Japanese partners is one pair row naming them all, so that the rows add up to committed and spent.
/// </summary>
/// <param name="JapaneseCityCodes">Codes of the Japanese cities, lead first.</param>
/// <param name="ChineseCityCode">Code of the Chinese city.</param>
/// <param name="JapaneseCities">Their names in the report's language, joined as in the consultations table.</param>
/// <param name="ChineseCity">The Chinese city's name.</param>
/// <param name="Proposals">How many approved proposals.</param>
/// <param name="Approved">Sum of their approved amounts (yen).</param>
/// <param name="Spent">Their activity costs plus their expenses paid on or before the report's day (yen).</param>
public sealed record CityPairFunds(IReadOnlyList<string> JapaneseCityCodes, string ChineseCityCode, string JapaneseCities, string ChineseCity, int Proposals, decimal Approved, decimal Spent);

/// <summary>
/// The activities of one kind in the year (voided ones left out) and their direct costs in yen. An activity is
/// planned while it has not started on the report's day and actual from its first day on.
/// </summary>
/// <param name="Kind">The kind as the API names it, e.g. <c>local-seminar</c>.</param>
/// <param name="Name">The kind's name in the report's language.</param>
/// <param name="Count">How many activities.</param>
/// <param name="PlannedCost">Costs of those starting after the report's day (yen).</param>
/// <param name="ActualCost">Costs of those started on or before it (yen).</param>
public sealed record ActivityKindFunds(string Kind, string Name, int Count, decimal PlannedCost, decimal ActualCost);

/// <summary>A budget line and the expenses paid against it (matched by name, ignoring case).</summary>
/// <param name="Name">The line's name as the ministry wrote it (or as the expense named it).</param>
/// <param name="Amount">The line's amount (yen); null for a line expenses name that the budget does not have.</param>
/// <param name="Spent">Expenses charged to it and paid on or before the report's day (yen); activity costs have no line.</param>
public sealed record BudgetLineFunds(string Name, decimal? Amount, decimal Spent);

/// <summary>
/// One month of the fiscal year with what was committed and spent from April up to its end. Committed counts an
/// approval on the Tokyo date of its <c>approve</c> step (the first one; an approval without one from April on);
/// spent counts an activity cost on its first day and an expense on its paid date.
/// </summary>
/// <param name="Month">The month as <c>yyyy-MM</c>, e.g. <c>2015-04</c>.</param>
/// <param name="Reached">Whether the month has begun on the report's day; the figures of a later month are null.</param>
/// <param name="CumulativeCommitted">Committed from April to the month's end, or to the report's day (yen).</param>
/// <param name="CumulativeSpent">Spent likewise (yen).</param>
public sealed record MonthFunds(string Month, bool Reached, decimal? CumulativeCommitted, decimal? CumulativeSpent);
