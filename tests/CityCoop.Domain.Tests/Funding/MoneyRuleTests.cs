using CityCoop.Domain.Funding;

namespace CityCoop.Domain.Tests.Funding;

/// <summary>The one money rule: as many decimals as the currency has (JPY 0, CNY 2), and what decimal(18,2) holds.</summary>
public class MoneyRuleTests
{
    [Theory]
    [InlineData("2500000", "JPY")]
    [InlineData("2500000.00", "JPY")]
    [InlineData("18000.25", "CNY")]
    [InlineData("9999999999999999", "JPY")]
    public void Valid_Passes(string amount, string currency) =>
        Assert.Null(new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<Currency>(currency)).WhyNotValid("amount"));

    [Theory]
    [InlineData("2500000.5", "JPY", "0")]
    [InlineData("18000.125", "CNY", "2")]
    public void MoreDecimalsThanTheCurrencyHas_IsRefusedNotRounded(string amount, string currency, string decimals)
    {
        var why = new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<Currency>(currency)).WhyNotValid("cost");

        Assert.Equal("too-many-decimals", why?.Code);
        Assert.Equal("cost", why?.Argument("field"));
        Assert.Equal(amount, why?.Argument("amount"));
        Assert.Equal(decimals, why?.Argument("decimals"));
    }

    [Fact]
    public void BeyondTheColumnsPrecision_IsTooLarge()
    {
        var why = new Money(10_000_000_000_000_000m, Currency.JPY).WhyNotValid("requestedAmount");

        Assert.Equal("amount-too-large", why?.Code);
        Assert.Equal("9999999999999999", why?.Argument("max"));
    }
}
