using System.Text;
using CityCoop.Domain.FiscalYears;
using CityCoop.Infrastructure.Reports;
using CityCoop.Server.Pages.Support;
using Microsoft.AspNetCore.Mvc;

namespace CityCoop.Server.Pages.Reports;

/// <summary>The fiscal-year report in the reader's language: both tables, totals, a chart, and the CSV and Excel downloads.</summary>
public sealed class IndexModel(FiscalYearReportBuilder builder, TimeProvider time) : CityCoopPage
{
    /// <summary>
    /// Fiscal year asked for, as chosen or typed (<c>2014</c>, <c>平成26年度</c>, <c>H26</c>; <see cref="JapaneseFiscalYear"/>);
    /// default FY2014, the year of the source data, until a later one has data.
    /// </summary>
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>The report.</summary>
    public FiscalYearReport Report { get; private set; } = null!;

    /// <summary>Why the requested year was not shown (not a year, or one without a programme year), or null.</summary>
    public string? YearProblem { get; private set; }

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
            // Show the programme's first year rather than an empty page, and say why the asked-for one is not shown.
            YearProblem = T["report.badYear", Request.Query["year"].ToString(), Support.Viewer.FiscalYear(Years[0]), Support.Viewer.FiscalYear(Years[^1])];
            year = Years[0];
        }

        Report = await builder.BuildAsync(year, Viewer.Language, ct);
        return Page();
    }

    /// <summary>The report as CSV (UTF-8 with BOM so spreadsheet programs read Chinese and Japanese).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
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

        var report = await builder.BuildAsync(year, Viewer.Language, ct);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(FiscalYearReportFormatter.ToCsv(report))).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"fy{year}-report-{Viewer.Language}.csv");
    }

    /// <summary>The report as an Excel workbook, one sheet per table, headers in the reader's language.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
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

        var report = await builder.BuildAsync(year, Viewer.Language, ct);
        return File(FiscalYearReportFormatter.ToXlsx(report), Infrastructure.Exports.XlsxWorkbook.ContentType, $"fy{year}-report-{Viewer.Language}.xlsx");
    }

    // FY2014 (the programme's first year of data) up to next fiscal year.
    private List<int> OfferedYears() => [.. Enumerable.Range(2014, FiscalYear.Of(time.GetUtcNow()).Year - 2014 + 2)];

    // No year given → the first; a given year must read as a fiscal year among the offered ones.
    private int? RequestedYear() =>
        !Request.Query.ContainsKey("year") ? Years[0]
        : JapaneseFiscalYear.TryParse(Year, out var y) && Years.Contains(y) ? y
        : null;
}
