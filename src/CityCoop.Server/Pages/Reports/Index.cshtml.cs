using System.Text;
using CityCoop.Domain.FiscalYears;
using CityCoop.Infrastructure.Reports;
using CityCoop.Server.Pages.Support;
using Microsoft.AspNetCore.Mvc;

namespace CityCoop.Server.Pages.Reports;

/// <summary>The fiscal-year report in the reader's language: both tables, totals, a chart, and the CSV.</summary>
public sealed class IndexModel(FiscalYearReportBuilder builder, TimeProvider time) : CityCoopPage
{
    /// <summary>Fiscal year shown (default: FY2014, the year of the source data, until a later one has data).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>The report.</summary>
    public FiscalYearReport Report { get; private set; } = null!;

    /// <summary>Years offered.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>Shows the report; 404 for readers without the report role.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Viewer.ReadsReports)
        {
            return NotFound();
        }

        var current = FiscalYear.Of(time.GetUtcNow()).Year;
        Years = [.. Enumerable.Range(2014, Math.Max(1, current - 2014 + 2))];
        Report = await builder.BuildAsync(Year is >= 2000 and <= 2100 ? Year.Value : 2014, Viewer.Language, ct);
        return Page();
    }

    /// <summary>The report as CSV (UTF-8 with BOM so spreadsheet programs read Chinese and Japanese).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!Viewer.ReadsReports)
        {
            return NotFound();
        }

        var year = Year is >= 2000 and <= 2100 ? Year.Value : 2014;
        var report = await builder.BuildAsync(year, Viewer.Language, ct);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(FiscalYearReportFormatter.ToCsv(report))).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"fy{year}-report-{Viewer.Language}.csv");
    }
}
