using System.Text;
using CityCoop.Infrastructure.Reports;
using CityCoop.Server.Auth;

namespace CityCoop.Server.Reports;

/// <summary><c>GET /api/reports/fiscal-years/{year}</c>: the fiscal-year activity report as JSON, or CSV with <c>?format=csv</c>.</summary>
public static class ReportEndpoints
{
    /// <summary>Maps the endpoint for platform, ministry and admin users.</summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/fiscal-years/{year:int}", async (int year, string? format, string? lang, FiscalYearReportBuilder builder, CancellationToken ct) =>
        {
            var language = lang ?? "zh";
            if (!FiscalYearReportBuilder.Languages.Contains(language))
            {
                return Results.Problem(title: "Unknown language.", detail: $"lang must be zh, ja or en, not '{language}'.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (year is < 2000 or > 2100)
            {
                return Results.Problem(title: "Unknown fiscal year.", detail: $"{year} is not a fiscal year of the programme.", statusCode: StatusCodes.Status400BadRequest);
            }

            var report = await builder.BuildAsync(year, language, ct);
            return (format ?? "json") switch
            {
                "json" => Results.Ok(report),
                "csv" => Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(FiscalYearReportFormatter.ToCsv(report))).ToArray(), "text/csv; charset=utf-8", $"fy{year}-report.csv"),
                var other => Results.Problem(title: "Unknown format.", detail: $"format must be json or csv, not '{other}'.", statusCode: StatusCodes.Status400BadRequest),
            };
        })
        .RequireAuthorization(AuthRegistration.ReportReaders)
        .WithTags("Reports")
        .WithSummary("The fiscal-year activity report (consultations, training visits, totals).")
        .Produces<FiscalYearReport>()
        .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
