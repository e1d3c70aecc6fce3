namespace CityCoop.Domain.Budgets;

/// <summary>
/// One line of a fiscal year's budget (e.g. "travel and per diem", "interpretation and translation"; programme.md
/// "Funds"): its name as the ministry wrote it and its amount in whole yen.
/// </summary>
/// <param name="Name">The line's name, 1–200 characters on one line, unique within the budget.</param>
/// <param name="Amount">Yen, whole, zero or more.</param>
public sealed record BudgetLine(string Name, decimal Amount);
