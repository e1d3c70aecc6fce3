using CityCoop.Domain.FiscalYears;

namespace CityCoop.Domain.Tests.FiscalYears;

/// <summary>A date or instant belongs to the Japanese fiscal year of its Asia/Tokyo calendar date (1 April – 31 March).</summary>
public class FiscalYearTests
{
    [Theory]
    [InlineData("2015-03-31T14:59:59Z", 2014)] // 23:59:59 on 31 March in Tokyo
    [InlineData("2015-03-31T15:00:00Z", 2015)] // midnight, 1 April in Tokyo
    [InlineData("2015-03-31T15:30:00Z", 2015)] // 00:30 on 1 April in Tokyo, still 31 March in UTC
    [InlineData("2014-03-31T15:00:00Z", 2014)]
    [InlineData("2014-03-31T14:59:59Z", 2013)]
    [InlineData("2015-03-31T23:30:00+08:00", 2015)] // 31 March in Shanghai is already 1 April in Tokyo
    public void Of_Instant_UsesTheTokyoCalendarDate(string instant, int expected)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(new FiscalYear(expected), FiscalYear.Of(at));
    }

    [Theory]
    [InlineData(2014, 4, 1, 2014)]
    [InlineData(2015, 3, 31, 2014)]
    [InlineData(2015, 4, 1, 2015)]
    [InlineData(2014, 3, 31, 2013)]
    [InlineData(2014, 12, 31, 2014)]
    [InlineData(2015, 1, 1, 2014)]
    public void Of_Date_IsTheYearInWhichItsAprilToMarchStarts(int year, int month, int day, int expected)
    {
        Assert.Equal(expected, FiscalYear.Of(new DateOnly(year, month, day)).Year);
    }

    [Fact]
    public void Fy2014_RunsFrom1April2014To31March2015()
    {
        var fy = new FiscalYear(2014);

        Assert.Equal(new DateOnly(2014, 4, 1), fy.Start);
        Assert.Equal(new DateOnly(2015, 3, 31), fy.End);
        Assert.True(fy.Contains(new DateOnly(2014, 4, 1)));
        Assert.True(fy.Contains(new DateOnly(2015, 3, 31)));
        Assert.False(fy.Contains(new DateOnly(2014, 3, 31)));
        Assert.False(fy.Contains(new DateOnly(2015, 4, 1)));
        Assert.Equal("FY2014", fy.ToString());
    }

    [Fact]
    public void EndInstant_OfFy2014_IsMidnightAfter31MarchInTokyo()
    {
        var end = new FiscalYear(2014).EndInstant;

        Assert.Equal(new DateTimeOffset(2015, 3, 31, 15, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(2015, FiscalYear.Of(end).Year);
        Assert.Equal(2014, FiscalYear.Of(end.AddTicks(-1)).Year);
    }
}
