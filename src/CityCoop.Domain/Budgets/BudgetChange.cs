namespace CityCoop.Domain.Budgets;

/// <summary>
/// One entry of the budget journal (append-only): who set or changed a fiscal year's envelope or lines, when, why,
/// and the amounts before and after. Written by <see cref="ProgrammeBudget.Change"/>, never updated or deleted.
/// </summary>
public sealed class BudgetChange
{
    private BudgetChange()
    {
        UserId = UserName = Reason = string.Empty;
    }

    internal BudgetChange(int fiscalYear, DateTimeOffset at, string userId, string userName, string reason, decimal? oldEnvelope, decimal newEnvelope, IReadOnlyList<BudgetLine> oldLines, IReadOnlyList<BudgetLine> newLines)
    {
        FiscalYear = fiscalYear;
        At = at.ToUniversalTime();
        UserId = userId;
        UserName = userName;
        Reason = reason;
        OldEnvelope = oldEnvelope;
        NewEnvelope = newEnvelope;
        OldLines = [.. oldLines];
        NewLines = [.. newLines];
    }

    /// <summary>Identifier, increasing in the order entries were written.</summary>
    public long Id { get; private set; }

    /// <summary>The fiscal year of the budget changed.</summary>
    public int FiscalYear { get; private set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Who (user id).</summary>
    public string UserId { get; private set; }

    /// <summary>Their display name as it was then.</summary>
    public string UserName { get; private set; }

    /// <summary>Why; empty only for the first setting of a year's envelope, where none is required.</summary>
    public string Reason { get; private set; }

    /// <summary>The envelope before (yen), or null when this entry first set it.</summary>
    public decimal? OldEnvelope { get; private set; }

    /// <summary>The envelope after (yen).</summary>
    public decimal NewEnvelope { get; private set; }

    /// <summary>The lines before.</summary>
    public List<BudgetLine> OldLines { get; private set; } = [];

    /// <summary>The lines after.</summary>
    public List<BudgetLine> NewLines { get; private set; } = [];
}
