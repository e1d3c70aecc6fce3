using System.Globalization;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Workflows;

namespace CityCoop.Domain.Expenses;

/// <summary>
/// A cost of a proposal's fund execution, recorded by the platform (programme.md "Funds": spent is what was actually
/// paid, with evidence). Paid in JPY, or in CNY with the rate the platform used (yen per yuan; there is no rate
/// service), and counted in yen. Without a paid date it is planned; only one paid on or before today counts as spent.
/// </summary>
public sealed class Expense
{
    /// <summary>Longest budget line or payee, in characters.</summary>
    public const int TextMaxLength = 200;

    /// <summary>Most decimals of a rate.</summary>
    public const int RateDecimals = 6;

    private Expense()
    {
        BudgetLine = Payee = RecordedBy = RecordedByName = string.Empty;
    }

    private Expense(Guid proposalId, string budgetLine, decimal amount, Currency currency, decimal? rate, DateOnly? paidOn, string payee, string recordedBy, string recordedByName, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        ProposalId = proposalId;
        BudgetLine = budgetLine;
        Amount = amount;
        Currency = currency;
        RateToJpy = rate;
        AmountJpy = currency == Currency.JPY ? amount : decimal.Round(amount * rate!.Value, 0, MidpointRounding.AwayFromZero);
        PaidOn = paidOn;
        Payee = payee;
        RecordedBy = recordedBy;
        RecordedByName = recordedByName;
        RecordedAt = at.ToUniversalTime();
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The proposal whose approval it is charged to.</summary>
    public Guid ProposalId { get; private set; }

    /// <summary>The budget line it is charged to, e.g. "travel and per diem".</summary>
    public string BudgetLine { get; private set; }

    /// <summary>The amount as paid, in <see cref="Currency"/>.</summary>
    public decimal Amount { get; private set; }

    /// <summary>JPY or CNY.</summary>
    public Currency Currency { get; private set; }

    /// <summary>Yen per yuan the platform used for a CNY payment; null for JPY.</summary>
    public decimal? RateToJpy { get; private set; }

    /// <summary>What it counts in yen: the amount for JPY; amount × rate rounded half away from zero to whole yen for CNY.</summary>
    public decimal AmountJpy { get; private set; }

    /// <summary>When it was paid (a calendar date), or null while it is planned.</summary>
    public DateOnly? PaidOn { get; private set; }

    /// <summary>Who was paid.</summary>
    public string Payee { get; private set; }

    /// <summary>The attachment holding the evidence (receipt, trip report), or null.</summary>
    public Guid? EvidenceId { get; private set; }

    /// <summary>Who recorded it (user id).</summary>
    public string RecordedBy { get; private set; }

    /// <summary>Their display name then.</summary>
    public string RecordedByName { get; private set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Whether it counts as spent on <paramref name="today"/>: paid, on or before that day.</summary>
    public bool IsSpentOn(DateOnly today) => PaidOn is { } d && d <= today;

    /// <summary>
    /// Checks and creates an expense of a proposal of <paramref name="fiscalYear"/>.
    /// </summary>
    /// <exception cref="DomainRuleException">
    /// <c>input-required</c> or a text rule on <c>budgetLine</c> / <c>payee</c>; on <c>amount</c>: not more than zero
    /// (<c>expense-not-positive</c>), <c>too-many-decimals</c> (JPY 0, CNY 2) or <c>amount-too-large</c>; on <c>rate</c>:
    /// <c>rate-required</c> for CNY, <c>rate-not-for-jpy</c>, <c>rate-out-of-range</c> (more than 0, at most 1000), <c>too-many-decimals</c> (6);
    /// <c>date-outside-fiscal-year</c> on <c>paidOn</c> (Japanese budgets are single-year).
    /// </exception>
    public static Expense Create(Guid proposalId, int fiscalYear, string? budgetLine, decimal amount, Currency currency, decimal? rate, DateOnly? paidOn, string? payee, string recordedBy, string recordedByName, DateTimeOffset at)
    {
        var line = Text("budgetLine", budgetLine);
        var to = Text("payee", payee);
        if (amount <= 0)
        {
            throw new DomainRuleException("amount", DomainText.Of("expense-not-positive", "An expense must be more than zero.", ("field", "amount")));
        }

        if (new Money(amount, currency).WhyNotValid("amount") is { } invalid)
        {
            throw new DomainRuleException("amount", invalid);
        }

        if (currency == Currency.JPY && rate is not null)
        {
            throw new DomainRuleException("rate", DomainText.Of("rate-not-for-jpy", "A payment in JPY takes no exchange rate.", ("field", "rate")));
        }

        if (currency == Currency.CNY)
        {
            if (rate is not { } r)
            {
                throw new DomainRuleException("rate", DomainText.Of("rate-required", "A payment in CNY needs the rate the platform used (yen per yuan, e.g. 20.5).", ("field", "rate")));
            }

            if (r <= 0 || r > 1000)
            {
                throw new DomainRuleException("rate", DomainText.Of("rate-out-of-range", "The rate is yen per yuan: more than 0 and at most 1000.", ("field", "rate"), ("rate", r), ("max", 1000)));
            }

            if (decimal.Round(r, RateDecimals) != r)
            {
                throw new DomainRuleException("rate", DomainText.Of("too-many-decimals", $"rate: {r.ToString(CultureInfo.InvariantCulture)} has more than {RateDecimals} decimal places.", ("field", "rate"), ("amount", r), ("currency", "JPY/CNY"), ("decimals", RateDecimals)));
            }

            if (Money.WhyNotStorable("amount", decimal.Round(amount * r, 0, MidpointRounding.AwayFromZero)) is { } tooLarge)
            {
                throw new DomainRuleException("amount", tooLarge);
            }
        }

        if (paidOn is { } day)
        {
            CheckInFiscalYear(day, fiscalYear);
        }

        return new Expense(proposalId, line, amount, currency, rate, paidOn, to, recordedBy, recordedByName, at);
    }

    /// <summary>
    /// Marks a planned expense paid on <paramref name="day"/>, a day of the proposal's <paramref name="fiscalYear"/>
    /// (Japanese budgets are single-year). The amount and rate stay as recorded.
    /// </summary>
    /// <exception cref="DomainRuleException"><c>date-outside-fiscal-year</c> on <c>paidOn</c>; <c>expense-already-paid</c> when it has a paid date already.</exception>
    public void MarkPaid(DateOnly day, int fiscalYear)
    {
        if (PaidOn is { } already)
        {
            throw new DomainRuleException("paidOn", DomainText.Of(
                "expense-already-paid",
                $"This expense is already dated paid on {Day(already)}.",
                ("field", "paidOn"),
                ("date", Day(already))));
        }

        CheckInFiscalYear(day, fiscalYear);
        PaidOn = day;
    }

    /// <summary>Attaches the evidence (an attachment id of the proposal); a later one replaces it.</summary>
    public void AttachEvidence(Guid attachmentId) => EvidenceId = attachmentId;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void CheckInFiscalYear(DateOnly day, int fiscalYear)
    {
        var year = new FiscalYear(fiscalYear);
        if (!year.Contains(day))
        {
            throw new DomainRuleException("paidOn", DomainText.Of(
                "date-outside-fiscal-year",
                $"paidOn {Day(day)} is outside {year}, the proposal's fiscal year ({Day(year.Start)} to {Day(year.End)}).",
                ("field", "paidOn"),
                ("date", Day(day)),
                ("from", Day(year.Start)),
                ("to", Day(year.End)),
                ("fiscalYear", fiscalYear)));
        }
    }

    private static string Text(string field, string? value)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new DomainRuleException(field, DomainText.Of("input-required", $"{field} is required.", ("field", field)));
        }

        TextLimits.Check(field, text, TextMaxLength, TextKind.Title);
        return text;
    }
}
