using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

public class IsoDurationTests
{
    [Theory]
    [InlineData("P10D", 0, 0, 10, 0)]
    [InlineData("P2W", 0, 0, 14, 0)]
    [InlineData("P1Y2M3DT4H", 1, 2, 3, 4)]
    [InlineData("PT12H", 0, 0, 0, 12)]
    public void Parse_ReadsTheParts(string text, int years, int months, int days, int hours)
    {
        var d = IsoDuration.Parse(text);

        Assert.Equal((years, months, days, hours), (d.Years, d.Months, d.Days, d.Hours));
    }

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("10D")]
    [InlineData("P1.5D")]
    public void Parse_RefusesMalformedText(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
    }

    [Fact]
    public void AddTo_UsesCalendarMonths()
    {
        var start = new DateTimeOffset(2015, 1, 31, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2015, 2, 28, 0, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1M").AddTo(start));
    }

    [Fact]
    public void ToString_RoundTrips()
    {
        Assert.Equal("P1Y2M3DT4H5M6S", IsoDuration.Parse("P1Y2M3DT4H5M6S").ToString());
    }
}
