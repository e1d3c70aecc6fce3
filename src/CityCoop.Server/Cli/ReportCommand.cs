using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CityCoop.Infrastructure.Reports;

namespace CityCoop.Server.Cli;

/// <summary><c>citycoop report fy &lt;year&gt; [--format table|csv|json] [--lang zh|ja|en]</c>.</summary>
internal static class ReportCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create()
    {
        var year = new Argument<int>("year") { Description = "Fiscal year, e.g. 2014 for 2014-04-01..2015-03-31." };
        var format = new Option<string>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var lang = new Option<string>("--lang") { Description = "Language of names: zh (default), ja or en.", DefaultValueFactory = _ => "zh" };
        lang.AcceptOnlyFromAmong("zh", "ja", "en");
        var fy = new Command("fy", "The fiscal-year report: activity tables, totals and funds.") { year, format, lang };
        fy.SetAction(async (parse, ct) =>
        {
            await using var app = await CityCoopCommands.StartForCommandAsync(parse);
            await using var scope = app.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<FiscalYearReportBuilder>().BuildAsync(parse.GetValue(year), parse.GetValue(lang)!, ct);
            Console.Write(parse.GetValue(format) switch
            {
                "csv" => FiscalYearReportFormatter.ToCsv(report),
                "json" => JsonSerializer.Serialize(report, Json) + Environment.NewLine,
                _ => FiscalYearReportFormatter.ToTable(report),
            });
            return 0;
        });
        return new Command("report", "Reports.") { fy };
    }
}
