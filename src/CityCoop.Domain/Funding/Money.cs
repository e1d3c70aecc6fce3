using System.Globalization;
using CityCoop.Workflows;

namespace CityCoop.Domain.Funding;

/// <summary>
/// An amount in a currency. Stored as decimal(18,2); arithmetic across currencies is refused rather than
/// converted, because the programme has no exchange-rate rule.
/// </summary>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    /// <summary>
    /// The largest amount the money columns hold: decimal(18,2) on both providers leaves 16 digits before the point
    /// (PostgreSQL refuses more, SQLite would store it, so the rule is checked before either sees it).
    /// </summary>
    public const decimal MaxAmount = 9_999_999_999_999_999m;

    /// <summary>Decimal places of a currency's minor unit (ISO 4217): JPY 0 (no sen in use), CNY 2 (fen).</summary>
    public static int DecimalsOf(Currency currency) => currency == Currency.JPY ? 0 : 2;

    /// <summary>
    /// Why an amount cannot be stored, or null: beyond <see cref="MaxAmount"/> either way (code <c>amount-too-large</c>;
    /// arguments field, amount, max). Used where the currency is not known yet.
    /// </summary>
    public static DomainText? WhyNotStorable(string field, decimal amount) =>
        Math.Abs(amount) > MaxAmount ? TooLarge(field, Plain(amount)) : null;

    /// <summary>The refusal of an amount beyond <see cref="MaxAmount"/>, quoting it as sent (also numbers no decimal holds, e.g. <c>1e30</c>).</summary>
    public static DomainText TooLarge(string field, string amount) =>
        DomainText.Of("amount-too-large", $"{field}: {amount} is too large; at most {MaxAmount.ToString(CultureInfo.InvariantCulture)}.", ("field", field), ("amount", amount), ("max", MaxAmount));

    /// <summary>
    /// The one money rule for any amount entered: storable (<see cref="WhyNotStorable"/>) and with no more decimal places
    /// than the currency has (code <c>too-many-decimals</c>; arguments field, amount, currency, decimals). Such an amount is
    /// refused, never rounded.
    /// </summary>
    public DomainText? WhyNotValid(string field)
    {
        if (WhyNotStorable(field, Amount) is { } tooLarge)
        {
            return tooLarge;
        }

        var decimals = DecimalsOf(Currency);
        return decimal.Round(Amount, decimals) != Amount
            ? DomainText.Of(
                "too-many-decimals",
                $"{field}: {Plain(Amount)} has more decimal places than {Currency} has ({decimals}).",
                ("field", field),
                ("amount", Amount),
                ("currency", Currency),
                ("decimals", decimals))
            : null;
    }
    /// <summary>Zero in a currency.</summary>
    public static Money Zero(Currency currency) => new(0m, currency);

    // As sent, without the trailing zeros a decimal keeps (800000.50 → 800000.5).
    private static string Plain(decimal amount) => amount.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Adds two amounts of one currency.</summary>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static Money operator +(Money a, Money b)
    {
        SameCurrency(a, b);
        return new Money(a.Amount + b.Amount, a.Currency);
    }

    /// <summary>Subtracts two amounts of one currency.</summary>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static Money operator -(Money a, Money b)
    {
        SameCurrency(a, b);
        return new Money(a.Amount - b.Amount, a.Currency);
    }

    /// <summary>Adds two amounts of one currency.</summary>
    public static Money Add(Money a, Money b) => a + b;

    /// <summary>Subtracts two amounts of one currency.</summary>
    public static Money Subtract(Money a, Money b) => a - b;

    /// <summary>"1,200,000 JPY".</summary>
    public override string ToString() => $"{Amount:#,0.##} {Currency}";

    private static void SameCurrency(Money a, Money b)
    {
        if (a.Currency != b.Currency)
        {
            throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");
        }
    }
}
