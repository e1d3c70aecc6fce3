using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Input;

/// <summary>The one reading of typed numbers: NFKC (full-width digits, signs, commas), an invariant decimal, nothing else.</summary>
public class NumberTextTests
{
    [Theory]
    [InlineData("１０００", "1000")]
    [InlineData("１，０００，０００", "1000000")]
    [InlineData(" 2,500,000 ", "2500000")]
    [InlineData("－５", "-5")]
    [InlineData("１２．５", "12.5")]
    public void CompatibilityForms_ReadAsTheNumber(string text, string expected)
    {
        Assert.True(NumberText.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("两百万")]
    [InlineData("¥1000")]
    [InlineData("12.5.1")]
    public void Others_AreNoNumber(string text) => Assert.False(NumberText.TryParse(text, out _));

    [Fact]
    public void ParseInteger_NamesTheFieldAndTheValue()
    {
        var e = Assert.Throws<DomainRuleException>(() => NumberText.ParseInteger("２．５", "trainees"));

        Assert.Equal("trainees", e.Field);
        Assert.Equal("not-a-whole-number", e.Text.Code);
        Assert.Equal("２．５", e.Text.Argument("value"));
        Assert.Equal(2015, NumberText.ParseInteger("２０１５", "fiscalYear"));
        Assert.Null(NumberText.ParseInteger("  ", "fiscalYear"));
        Assert.Equal("number-out-of-range", Assert.Throws<DomainRuleException>(() => NumberText.ParseInteger("99999999999", "page")).Text.Code);
    }
}
