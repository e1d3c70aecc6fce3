using CityCoop.Domain.Budgets;

namespace CityCoop.Infrastructure.Budgets;

/// <summary>A fiscal year's budget as pages and the API show it: the position, the lines and the journal (oldest first).</summary>
/// <param name="Position">Envelope, committed, spent, released, remaining (yen).</param>
/// <param name="Lines">The budget lines; empty when the envelope is not split.</param>
/// <param name="Changes">Every setting and change, oldest first.</param>
public sealed record BudgetStatement(BudgetPosition Position, IReadOnlyList<BudgetLine> Lines, IReadOnlyList<BudgetChange> Changes);
