using CityCoop.Domain.Cities;

namespace CityCoop.Domain.Tests.Cities;

/// <summary>A friendship tie's establishment date keeps its precision; unknown parts are never invented.</summary>
public class PartialDateTests
{
    [Fact]
    public void Parse_FullDate_KeepsDayPrecision()
    {
        var date = PartialDate.Parse("1973-06-24");

        Assert.Equal(new PartialDate(1973, 6, 24), date);
        Assert.Equal(DatePrecision.Day, date.Precision);
        Assert.Equal("1973-06-24", date.ToString());
    }

    [Fact]
    public void Parse_YearAndMonth_KeepsMonthPrecisionWithoutInventingADay()
    {
        var date = PartialDate.Parse("1981-08");

        Assert.Equal(new PartialDate(1981, 8, null), date);
        Assert.Null(date.Day);
        Assert.Equal(DatePrecision.Month, date.Precision);
        Assert.Equal("1981-08", date.ToString());
    }

    [Fact]
    public void Parse_YearOnly_KeepsYearPrecision()
    {
        var date = PartialDate.Parse("1982");

        Assert.Equal(new PartialDate(1982, null, null), date);
        Assert.Equal(DatePrecision.Year, date.Precision);
        Assert.Equal("1982", date.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Empty_IsUnknown(string? text)
    {
        var date = PartialDate.Parse(text);

        Assert.Equal(PartialDate.Unknown, date);
        Assert.Equal(DatePrecision.Unknown, date.Precision);
        Assert.Equal(string.Empty, date.ToString());
    }

    [Theory]
    [InlineData("1981-13")]
    [InlineData("1981-02-30")]
    [InlineData("August 1981")]
    [InlineData("81-08")]
    public void Parse_NotADate_ThrowsFormatExceptionNamingTheText(string text)
    {
        var e = Assert.Throws<FormatException>(() => PartialDate.Parse(text));

        Assert.Contains(text, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_DistinguishesPrecision()
    {
        Assert.NotEqual(PartialDate.Parse("1981-08"), PartialDate.Parse("1981-08-01"));
    }
}
