using CityCoop.Domain.FiscalYears;

namespace CityCoop.Domain.Tests.FiscalYears;

/// <summary>Fiscal years as Japanese readers write them (令和8年度, R8, 2026, full-width too) and read them.</summary>
public class JapaneseFiscalYearTests
{
    [Theory]
    [InlineData("2026", 2026)]
    [InlineData("FY2026", 2026)]
    [InlineData("fy 2026", 2026)]
    [InlineData("2026年度", 2026)]
    [InlineData("令和8年度", 2026)]
    [InlineData("令和8", 2026)]
    [InlineData("R8", 2026)]
    [InlineData("r8年度", 2026)]
    [InlineData("Ｒ８", 2026)]
    [InlineData("令和８年度", 2026)]
    [InlineData("２０２６", 2026)]
    [InlineData("令和元年度", 2019)]
    [InlineData("R1", 2019)]
    [InlineData("平成31年度", 2019)]
    [InlineData("平成27年度", 2015)]
    [InlineData("H26", 2014)]
    [InlineData("平成元年度", 1989)]
    public void Written_ReadsAsTheFiscalYear(string text, int expected)
    {
        Assert.True(JapaneseFiscalYear.TryParse(text, out var year), text);
        Assert.Equal(expected, year);
    }

    [Theory]
    [InlineData("平成32年度")]
    [InlineData("٢٠٢٦")] // Arabic-Indic digits: .NET's \d matches them, int.Parse does not (a 500)
    [InlineData("FY२०२६")]
    [InlineData("令和٨年度")]
    [InlineData("H38")]
    [InlineData("昭和64年度")]
    [InlineData("令和0年度")]
    [InlineData("X8")]
    [InlineData("20260")]
    [InlineData("令和")]
    [InlineData("")]
    public void NoSuchYear_IsRefused(string text) => Assert.False(JapaneseFiscalYear.TryParse(text, out _), text);

    [Theory]
    [InlineData(2026, "令和8年度")]
    [InlineData(2019, "令和元年度")]
    [InlineData(2014, "平成26年度")]
    [InlineData(1989, "平成元年度")]
    public void EraName_IsTheYearOfTheEraTheCalendarYearEndsIn(int year, string expected) =>
        Assert.Equal(expected, JapaneseFiscalYear.EraName(year));
}
