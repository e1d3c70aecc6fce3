using System.Text;
using CityCoop.Domain;
using CityCoop.Infrastructure.Exports;
using CityCoop.Infrastructure.Reports;
using CityCoop.Server.Auth;
using CityCoop.Server.Hosting;
using CityCoop.Server.Resources;
using CityCoop.Workflows;

namespace CityCoop.Server.Reports;

/// <summary><c>GET /api/reports/fiscal-years/{year}</c>: the fiscal-year report (activity tables, totals, funds as of the clock's Tokyo date) as JSON, CSV with <c>?format=csv</c>, or an Excel workbook with <c>?format=xlsx</c> (one sheet per table).</summary>
public static class ReportEndpoints
{
    /// <summary>Maps the endpoint for platform, ministry and admin users.</summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/fiscal-years/{year}", async (FiscalYearRoute year, string? format, string? lang, FiscalYearReportBuilder builder, CancellationToken ct) =>
        {
            // As every other download: the request's language unless lang names one (it was always Chinese).
            var language = lang ?? UiText.Language;
            if (!FiscalYearReportBuilder.Languages.Contains(language))
            {
                return InputProblem.Of("lang", DomainText.Of("unknown-choice", $"lang must be zh, ja or en, not '{language}'.", ("field", "lang"), ("value", language), ("allowed", "zh, ja, en")), "Unknown language.");
            }

            if (year.OutsideProgramme("year") is { } outside)
            {
                return outside;
            }

            var report = await builder.BuildAsync(year, language, ct);
            return (format ?? "json") switch
            {
                "json" => Results.Ok(report),
                "csv" => Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(FiscalYearReportFormatter.ToCsv(report))).ToArray(), "text/csv; charset=utf-8", $"fy{year}-report.csv"),
                "xlsx" => Results.File(FiscalYearReportFormatter.ToXlsx(report), XlsxWorkbook.ContentType, $"fy{year}-report-{language}.xlsx"),
                var other => InputProblem.Of("format", DomainText.Of("unknown-choice", $"format must be json, csv or xlsx, not '{other}'.", ("field", "format"), ("value", other), ("allowed", "json, csv, xlsx")), "Unknown format."),
            };
        })
        .RequireAuthorization(AuthRegistration.ReportReaders)
        .WithTags("Reports")
        .WithSummary("The fiscal-year report: consultations, training visits, local seminars, joint research, model projects, totals and funds.")
        .Produces<FiscalYearReport>()
        .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
