using System.Globalization;
using System.Text;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Infrastructure.Reports;
using CityCoop.Server.Pages.Support;
using Microsoft.AspNetCore.Mvc;

namespace CityCoop.Server.Pages.Reports;

/// <summary>
/// The fiscal-year report in the reader's language: the activity tables, totals, the trainees chart, the year's funds
/// with the budget-use chart, and the CSV and Excel downloads. Opens on the current fiscal year of the clock.
/// </summary>
public sealed class IndexModel(FiscalYearReportBuilder builder, TimeProvider time) : CityCoopPage
{
    /// <summary>
    /// Fiscal year asked for, as chosen or typed (<c>2014</c>, <c>平成26年度</c>, <c>H26</c>; <see cref="JapaneseFiscalYear"/>);
    /// default the current Japanese fiscal year (April–March) of the clock's Tokyo date.
    /// </summary>
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>The report.</summary>
    public FiscalYearReport Report { get; private set; } = null!;

    /// <summary>Why the requested year was not shown (not a year, or one without a programme year), or null.</summary>
    public string? YearProblem { get; private set; }

    /// <summary>The budget-use chart as inline SVG markup (<see cref="BudgetUseChart"/>).</summary>
    public string FundsChartSvg { get; private set; } = string.Empty;

    /// <summary>Years offered.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>Shows the report; 404 for readers without the report role.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Viewer.ReadsReports)
        {
            return NotFound();
        }

        Years = OfferedYears();
        if (RequestedYear() is not { } year)
        {
            // Show the current year rather than an empty page, and say why the asked-for one is not shown.
            year = CurrentYear();
            YearProblem = T["report.badYear", Request.Query["year"].ToString(), Support.Viewer.FiscalYear(Years[0]), Support.Viewer.FiscalYear(Years[^1]), Support.Viewer.FiscalYear(year)];
        }

        Report = await builder.BuildAsync(year, Viewer.Language, ct);
        FundsChartSvg = Chart(Report.Funds);
        return Page();
    }

    /// <summary>An amount of yen in the reader's number format, e.g. <c>1,500,000 JPY</c>.</summary>
    public static string Yen(decimal amount) => Support.Viewer.Money(amount, Currency.JPY);

    private string Chart(FundsReport funds)
    {
        var envelope = funds.EnvelopeSet ? funds.Envelope : (decimal?)null;
        var labels = new BudgetUseChart.Labels(
            T["report.chartSummary", envelope is { } e ? Yen(e) : T["report.fundsNotSet"]],
            T["report.chartCommitted"],
            T["report.chartSpent"],
            T["report.chartEnvelope"]);

        // Month names as the reader's culture abbreviates them (4月, Apr).
        var months = funds.ByMonth.Select(m => new BudgetUseChart.Month(
            DateOnly.ParseExact(m.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMM", CultureInfo.CurrentCulture),
            m.CumulativeCommitted,
            m.CumulativeSpent)).ToList();
        return BudgetUseChart.Svg(months, envelope, labels, Yen);
    }

    /// <summary>The report as CSV (UTF-8 with BOM so spreadsheet programs read Chinese and Japanese).</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        DownloadAsync(report => File(
            Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(FiscalYearReportFormatter.ToCsv(report))).ToArray(),
            "text/csv; charset=utf-8",
            $"fy{report.FiscalYear}-report-{Viewer.Language}.csv"), ct);

    /// <summary>The report as an Excel workbook, one sheet per table, headers in the reader's language.</summary>
    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        DownloadAsync(report => File(FiscalYearReportFormatter.ToXlsx(report), Infrastructure.Exports.XlsxWorkbook.ContentType, $"fy{report.FiscalYear}-report-{Viewer.Language}.xlsx"), ct);

    // A download of the asked year's report in the reader's language: 404 for readers without reports, 400 for a year not offered.
    private async Task<IActionResult> DownloadAsync(Func<FiscalYearReport, IActionResult> file, CancellationToken ct)
    {
        if (!Viewer.ReadsReports)
        {
            return NotFound();
        }

        Years = OfferedYears();
        if (RequestedYear() is not { } year)
        {
            return BadRequest();
        }

        return file(await builder.BuildAsync(year, Viewer.Language, ct));
    }

    // FY2014 (the programme's first year of data) up to next fiscal year.
    private List<int> OfferedYears() => [.. Enumerable.Range(2014, FiscalYear.Of(time.GetUtcNow()).Year - 2014 + 2)];

    // The Japanese fiscal year of the clock's Tokyo date: April–March.
    private int CurrentYear() => FiscalYear.Of(time.GetUtcNow()).Year;

    // No year given → the current one; a given year must read as a fiscal year among the offered ones.
    private int? RequestedYear() =>
        !Request.Query.ContainsKey("year") ? CurrentYear()
        : JapaneseFiscalYear.TryParse(Year, out var y) && Years.Contains(y) ? y
        : null;
}
