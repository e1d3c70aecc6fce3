using CityCoop.Domain.Budgets;

namespace CityCoop.Infrastructure.Budgets;

/// <summary>What <see cref="BudgetLedger.ChangeAsync"/> did.</summary>
public abstract record BudgetChangeOutcome
{
    /// <summary>Saved: the position after the change and its journal entry.</summary>
    public sealed record Saved(BudgetPosition Position, BudgetChange Change) : BudgetChangeOutcome;

    /// <summary>Nothing saved: <c>If-Match</c> named another revision than the current one.</summary>
    public sealed record Stale(BudgetPosition Current) : BudgetChangeOutcome;
}
