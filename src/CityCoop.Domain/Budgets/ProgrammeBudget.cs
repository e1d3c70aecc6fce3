using System.Globalization;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Workflows;

namespace CityCoop.Domain.Budgets;

/// <summary>
/// The programme's budget for one fiscal year: the envelope the Japanese ministry sets (programme.md rule 2 and
/// "Funds"), in whole yen, optionally split into budget lines. Every setting or change is journaled as a
/// <see cref="BudgetChange"/> with who, when, why and the amounts before and after.
/// </summary>
public sealed class ProgrammeBudget
{
    /// <summary>Longest reason, in characters (as a workflow comment).</summary>
    public const int ReasonMaxLength = 4000;

    /// <summary>Longest line name, in characters.</summary>
    public const int LineNameMaxLength = 200;

    /// <summary>Most lines a budget has.</summary>
    public const int MaxLines = 50;

    private ProgrammeBudget()
    {
        UpdatedBy = string.Empty;
    }

    /// <summary>A budget for <paramref name="fiscalYear"/> with no envelope yet; <see cref="Change"/> sets it.</summary>
    /// <exception cref="DomainRuleException">A fiscal year before FY2014 or after 2100 (code <c>fiscal-year-range</c>).</exception>
    public ProgrammeBudget(int fiscalYear)
    {
        ProgrammeYears.Check(fiscalYear);

        FiscalYear = fiscalYear;
        UpdatedBy = string.Empty;
    }

    /// <summary>The fiscal year (key).</summary>
    public int FiscalYear { get; private set; }

    /// <summary>The envelope in yen; 0 until first set.</summary>
    public decimal Envelope { get; private set; }

    /// <summary>The budget lines; their sum never exceeds <see cref="Envelope"/>.</summary>
    public List<BudgetLine> Lines { get; private set; } = [];

    /// <summary>Incremented by every change; a concurrency token and part of the ETag. 0 before the first setting.</summary>
    public int Revision { get; private set; }

    /// <summary>When it was last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Who last changed it (user id).</summary>
    public string UpdatedBy { get; private set; }

    /// <summary>
    /// Sets or changes the envelope (and, when <paramref name="lines"/> is given, replaces the lines; otherwise the lines
    /// stay) and returns the journal entry to store with it.
    /// </summary>
    /// <param name="envelope">The new envelope, whole yen, 0 to <see cref="Money.MaxAmount"/>.</param>
    /// <param name="lines">The new lines, or null to keep the current ones.</param>
    /// <param name="reason">Why; required once the envelope has been set (a change), optional for the first setting.</param>
    /// <param name="committed">What approvals keep committed in the year (yen; less what settlement released): the envelope may not go below it.</param>
    /// <param name="userId">Who (user id).</param>
    /// <param name="userName">Their display name.</param>
    /// <param name="at">When.</param>
    /// <exception cref="DomainRuleException">
    /// <c>amount-negative</c>, <c>too-many-decimals</c> or <c>amount-too-large</c> (field <c>envelope</c>);
    /// <c>budget-reason-required</c>, <c>text-too-long</c> or a <see cref="TextRules"/> code (field <c>reason</c>);
    /// on field <c>lines</c>: <c>too-many-items</c>, <c>budget-line-name-required</c>, <c>budget-line-twice</c>,
    /// a line amount that is negative (<c>amount-negative</c>) or not whole yen, <c>budget-lines-over-envelope</c>
    /// (arguments <c>lines</c>, <c>envelope</c>); <c>below-committed</c> (field <c>envelope</c>; arguments
    /// <c>envelope</c>, <c>committed</c>, <c>currency</c>) when the envelope would be less than what is committed;
    /// <c>budget-unchanged</c> when nothing would change.
    /// </exception>
    public BudgetChange Change(decimal envelope, IReadOnlyList<BudgetLine>? lines, string? reason, decimal committed, string userId, string userName, DateTimeOffset at)
    {
        CheckAmount("envelope", envelope);
        var first = Revision == 0;
        var why = reason?.Trim() ?? string.Empty;
        if (!first && why.Length == 0)
        {
            throw new DomainRuleException("reason", DomainText.Of("budget-reason-required", "Say why the budget is changed."));
        }

        TextLimits.Check("reason", why, ReasonMaxLength, TextKind.MultiLine);
        var newLines = lines is null ? Lines : CheckLines(lines);
        var sum = newLines.Sum(l => l.Amount);
        if (sum > envelope)
        {
            throw new DomainRuleException("lines", DomainText.Of(
                "budget-lines-over-envelope",
                $"The budget lines add up to {Plain(sum)} JPY, more than the envelope of {Plain(envelope)} JPY.",
                ("lines", sum),
                ("envelope", envelope),
                ("currency", Currency.JPY)));
        }

        if (envelope < committed)
        {
            throw new DomainRuleException("envelope", DomainText.Of(
                "below-committed",
                $"The envelope cannot be {Plain(envelope)} JPY: approvals have already committed {Plain(committed)} JPY of FY{FiscalYear}.",
                ("envelope", envelope),
                ("committed", committed),
                ("currency", Currency.JPY),
                ("fiscalYear", FiscalYear)));
        }

        if (!first && envelope == Envelope && newLines.SequenceEqual(Lines))
        {
            throw new DomainRuleException("envelope", DomainText.Of("budget-unchanged", "The envelope and lines are already as given; nothing was changed."));
        }

        // Each owner gets line objects of its own: the store keeps a budget's lines and a change's old and new lines as rows
        // of their owner, and one object cannot belong to two owners (an unchanged list would otherwise be shared).
        var change = new BudgetChange(FiscalYear, at, userId, userName, why, first ? null : Envelope, envelope, Copy(Lines), Copy(newLines));
        Envelope = envelope;
        Lines = Copy(newLines);
        Revision++;
        UpdatedAt = at.ToUniversalTime();
        UpdatedBy = userId;
        return change;
    }

    private static List<BudgetLine> CheckLines(IReadOnlyList<BudgetLine> lines)
    {
        if (lines.Count > MaxLines)
        {
            throw new DomainRuleException("lines", DomainText.Of("too-many-items", $"At most {MaxLines} budget lines.", ("field", "lines"), ("max", MaxLines), ("count", lines.Count)));
        }

        var result = new List<BudgetLine>();
        foreach (var line in lines)
        {
            var name = line.Name?.Trim() ?? string.Empty;
            if (name.Length == 0)
            {
                throw new DomainRuleException("lines", DomainText.Of("budget-line-name-required", "Each budget line needs a name."));
            }

            TextLimits.Check("lines", name, LineNameMaxLength, TextKind.Title);
            CheckAmount("lines", line.Amount);
            if (result.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new DomainRuleException("lines", DomainText.Of("budget-line-twice", $"The budget line '{name}' is named twice.", ("name", name)));
            }

            result.Add(new BudgetLine(name, line.Amount));
        }

        return result;
    }

    // Whole yen (JPY has no minor unit in use), zero or more, storable.
    private static void CheckAmount(string field, decimal amount)
    {
        if (amount < 0)
        {
            throw new DomainRuleException(field, DomainText.Of("amount-negative", $"{field}: an amount cannot be negative.", ("field", field), ("amount", amount)));
        }

        if (new Money(amount, Currency.JPY).WhyNotValid(field) is { } invalid)
        {
            throw new DomainRuleException(field, invalid);
        }
    }

    private static string Plain(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    private static List<BudgetLine> Copy(IEnumerable<BudgetLine> lines) => [.. lines.Select(l => l with { })];
}
