using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CityCoop.Workflows;

namespace CityCoop.Domain.FiscalYears;

/// <summary>
/// Fiscal years as Japanese readers write and read them, by <see cref="JapaneseCalendar"/>: the year of the era in which
/// the fiscal year's calendar year ends (2026年度 = 令和8年度, 2019年度 = 令和元年度, 2014年度 = 平成26年度).
/// </summary>
public static partial class JapaneseFiscalYear
{
    private static readonly JapaneseCalendar Calendar = new();

    private static readonly DateTimeFormatInfo Eras = EraNames();

    /// <summary>
    /// The refusal of a value that names no fiscal year, or one outside <paramref name="range"/> (code
    /// <c>fiscal-year-format</c>; arguments field, value): the one wording of queries, routes and JSON bodies.
    /// </summary>
    /// <param name="field">The field refused.</param>
    /// <param name="value">The value as sent.</param>
    /// <param name="range">The years accepted, when the refusal should name them.</param>
    public static DomainText NotAFiscalYear(string field, string value, (int From, int To)? range = null)
    {
        var within = range is { } span ? $" from {span.From} to {span.To}" : "";
        return DomainText.Of("fiscal-year-format", $"{field}: '{value}' is not a fiscal year{within} (e.g. 2026, FY2026, 令和8年度).", ("field", field), ("value", value));
    }

    /// <summary>
    /// Reads a fiscal year typed as <c>2026</c>, <c>FY2026</c>, <c>2026年度</c>, <c>令和8年度</c>, <c>令和8</c>, <c>R8</c>,
    /// <c>令和元年度</c>, <c>平成27年度</c> or <c>H27</c>, after NFKC (so full-width <c>Ｒ８</c> and <c>２０２６</c> read the same).
    /// An era year counts only when that era covers part of the fiscal year: 平成31年度 is FY2019, 平成32年度 does not exist.
    /// </summary>
    /// <returns>False when the text is no fiscal year; the range the programme accepts is the caller's to check.</returns>
    public static bool TryParse(string? text, out int year)
    {
        year = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalized = string.Concat(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (Western().Match(normalized) is { Success: true } western)
        {
            year = int.Parse(western.Groups["year"].Value, CultureInfo.InvariantCulture);
            return true;
        }

        var japanese = Japanese().Match(normalized);
        var era = japanese.Success ? Eras.GetEra(japanese.Groups["era"].Value) : -1;
        var n = !japanese.Success ? 0 : japanese.Groups["n"].Value == "元" ? 1 : int.Parse(japanese.Groups["n"].Value, CultureInfo.InvariantCulture);
        if (era < 1 || n < 1)
        {
            return false;
        }

        try
        {
            var candidate = Calendar.ToDateTime(n, 12, 31, 0, 0, 0, 0, era).Year;
            var fiscal = new FiscalYear(candidate);
            if (Calendar.GetEra(fiscal.Start.ToDateTime(TimeOnly.MinValue)) != era && Calendar.GetEra(fiscal.End.ToDateTime(TimeOnly.MinValue)) != era)
            {
                return false;
            }

            year = candidate;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The fiscal year's Japanese name, <c>令和8年度</c> (the first year of an era is 元), or null before the Meiji era.</summary>
    public static string? EraName(int year)
    {
        var end = new DateTime(year, 12, 31, 0, 0, 0, DateTimeKind.Unspecified);
        if (end < Calendar.MinSupportedDateTime)
        {
            return null;
        }

        var n = Calendar.GetYear(end);
        return $"{Eras.GetEraName(Calendar.GetEra(end))}{(n == 1 ? "元" : n.ToString(CultureInfo.InvariantCulture))}年度";
    }

    private static DateTimeFormatInfo EraNames()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = Calendar;
        return culture.DateTimeFormat;
    }

    // ASCII digits only (after NFKC, full-width ones are): .NET's \d also matches Arabic-Indic and other digits, which
    // int.Parse refuses, so "٢٠٢٦" was a 500.
    [GeneratedRegex(@"^(?:FY)?(?<year>[0-9]{4})(?:年度)?$")]
    private static partial Regex Western();

    [GeneratedRegex(@"^(?<era>[^0-9元]+?)(?<n>[0-9]{1,3}|元)(?:年度|年)?$")]
    private static partial Regex Japanese();
}
