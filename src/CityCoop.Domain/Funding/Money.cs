namespace CityCoop.Domain.Funding;

/// <summary>
/// An amount in a currency. Stored as decimal(18,2); arithmetic across currencies is refused rather than
/// converted, because the programme has no exchange-rate rule.
/// </summary>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    /// <summary>Zero in a currency.</summary>
    public static Money Zero(Currency currency) => new(0m, currency);

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
