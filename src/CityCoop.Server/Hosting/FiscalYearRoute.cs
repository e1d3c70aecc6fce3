using System.Globalization;
using CityCoop.Domain;
using CityCoop.Domain.FiscalYears;

namespace CityCoop.Server.Hosting;

/// <summary>
/// A fiscal year in a route (<c>/api/budgets/{fiscalYear}</c>), spelled as a query value may be: <c>2026</c>,
/// <c>FY2026</c>, <c>令和8年度</c>, <c>R8</c>, full-width digits (<see cref="JapaneseFiscalYear.TryParse"/>). A value naming no
/// fiscal year fails binding, which <see cref="BadRequestHandler"/> answers as 400 <c>fiscal-year-format</c> (a route
/// constraint <c>:int</c> answered <c>FY2026</c> with a bare 404). <see cref="OutsideProgramme"/> checks the range.
/// </summary>
/// <param name="Year">The calendar year the fiscal year starts in (April, Japan).</param>
public readonly record struct FiscalYearRoute(int Year)
{
    /// <summary>Minimal APIs bind route values through this method.</summary>
    /// <param name="value">The route value as sent.</param>
    /// <param name="result">The fiscal year when it names one.</param>
    public static bool TryParse(string? value, out FiscalYearRoute result)
    {
        var ok = JapaneseFiscalYear.TryParse(value, out var year);
        result = new FiscalYearRoute(ok ? year : 0);
        return ok;
    }

    /// <summary>
    /// The 400 problem for a year outside <see cref="ProgrammeYears"/> (<c>number-out-of-range</c> on <paramref name="field"/>
    /// with min and max), or null for one of the programme's.
    /// </summary>
    public IResult? OutsideProgramme(string field) => ProgrammeYears.Contains(Year)
        ? null
        : InputProblem.Of(field, NumberText.OutOfRange(field, ToString(), ProgrammeYears.First, ProgrammeYears.Last), "Unknown fiscal year.");

    /// <summary>The year's number, so handlers use it as the <see cref="int"/> they took before.</summary>
    public static implicit operator int(FiscalYearRoute route) => route.Year;

    /// <inheritdoc/>
    public override string ToString() => Year.ToString(CultureInfo.InvariantCulture);
}
