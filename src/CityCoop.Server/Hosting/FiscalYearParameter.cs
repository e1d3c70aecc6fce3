using CityCoop.Domain.FiscalYears;
using CityCoop.Workflows;

namespace CityCoop.Server.Hosting;

/// <summary>
/// Reads a <c>fiscalYear</c> query value the way pages and the API both take it: <c>2026</c>, <c>FY2026</c>,
/// <c>2026年度</c>, <c>令和8年度</c>, <c>R8</c>, <c>平成27年度</c>, full-width digits (<see cref="JapaneseFiscalYear.TryParse"/>).
/// </summary>
public static class FiscalYearParameter
{
    /// <summary>The fiscal year (the calendar year it starts in), or null when the value is empty.</summary>
    /// <param name="text">The value as typed.</param>
    /// <param name="range">The years accepted, or null for any year the text names (a list filter: a year without proposals just lists none).</param>
    /// <exception cref="DomainRuleException"><c>fiscal-year-format</c> on <c>fiscalYear</c>: no fiscal year, or one outside <paramref name="range"/>.</exception>
    public static int? Parse(string? text, (int From, int To)? range = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (JapaneseFiscalYear.TryParse(text, out var year) && (range is not { } r || (year >= r.From && year <= r.To)))
        {
            return year;
        }

        throw new DomainRuleException("fiscalYear", JapaneseFiscalYear.NotAFiscalYear("fiscalYear", text, range));
    }
}
