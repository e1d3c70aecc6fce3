using System.Text.Json;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Reports;

/// <summary>
/// The Chinese FY2014 report reproduces the source document's two tables cell for cell: every header and every cell of
/// <c>fy2014-tables-as-printed.tsv</c> (a copy of the shared sample data), in the JSON and in the CSV download.
/// </summary>
public sealed class Fy2014AsPrintedTests(SeededPostgresFixture fixture) : IClassFixture<SeededPostgresFixture>
{
    [Fact]
    public async Task The_Chinese_report_json_has_both_tables_exactly_as_printed()
    {
        var printed = PrintedTables.Read();
        using var client = await fixture.Factory.CreateClientForAsync(CityCoopFactory.MinistryJp);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/reports/fiscal-years/2014?lang=zh", UriKind.Relative)));
        var report = json.RootElement;

        var consultations = printed["consultations"];
        Assert.Equal(consultations.Header, Strings(report.GetProperty("consultationColumns")));
        Assert.Equal(
            consultations.Rows,
            [.. report.GetProperty("consultations").EnumerateArray().Select(r => new[]
            {
                r.GetProperty("no").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.GetProperty("period").GetString()!,
                r.GetProperty("japaneseCities").GetString()!,
                r.GetProperty("chineseCity").GetString()!,
                r.GetProperty("counterparts").GetString()!,
            })]);

        var visits = printed["training-visits"];
        Assert.Equal(visits.Header, Strings(report.GetProperty("trainingVisitColumns")));
        Assert.Equal(
            visits.Rows,
            [.. report.GetProperty("trainingVisits").EnumerateArray().Select(r => new[]
            {
                r.GetProperty("no").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.GetProperty("period").GetString()!,
                r.GetProperty("sendingCity").GetString()!,
                r.GetProperty("receivingCities").GetString()!,
                r.GetProperty("categoryAndTrainees").GetString()!,
            })]);
    }

    [Fact]
    public async Task The_Chinese_csv_has_both_tables_exactly_as_printed()
    {
        var printed = PrintedTables.Read();
        using var client = await fixture.Factory.CreateClientForAsync(CityCoopFactory.PlatformCn);
        var csv = (await client.GetStringAsync(new Uri("/api/reports/fiscal-years/2014?format=csv&lang=zh", UriKind.Relative))).TrimStart('\uFEFF');
        var lines = csv.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var (name, table) in printed)
        {
            var header = lines.IndexOf(string.Join(',', table.Header));
            Assert.True(header >= 0, $"the header of {name} is not in the CSV");
            Assert.Equal([.. table.Rows.Select(r => string.Join(',', r))], lines.Skip(header + 1).Take(table.Rows.Count).ToList());
        }
    }

    [Fact]
    public async Task Other_languages_compose_the_cell_and_say_and_other_business_where_the_source_does()
    {
        using var client = await fixture.Factory.CreateClientForAsync(CityCoopFactory.PlatformJp);
        using var en = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/reports/fiscal-years/2014?lang=en", UriKind.Relative)));
        var rows = en.RootElement.GetProperty("consultations").EnumerateArray().Select(r => r.GetProperty("counterparts").GetString()).ToList();
        Assert.Equal("Bureau-chief-level consultation with Foreign Affairs Office; Environmental Protection Bureau", rows[0]);
        Assert.Equal("Bureau-chief-level consultation with Environmental Protection Bureau and other business", rows[5]);
        Assert.Equal("Division-chief-level consultation with Research institute of the Environmental Protection Department", rows[9]);
        using var ja = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/reports/fiscal-years/2014?lang=ja", UriKind.Relative)));
        var jaRows = ja.RootElement.GetProperty("consultations").EnumerateArray().Select(r => r.GetProperty("counterparts").GetString()).ToList();
        Assert.Equal("环保局との局長級協議等", jaRows[5]);
        Assert.Equal("环保厅的研究所との課長級協議", jaRows[9]);
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}

/// <summary>The tables of <c>Reports/fy2014-tables-as-printed.tsv</c>: <c># table: name</c>, a header line, then the rows, tab-separated.</summary>
internal static class PrintedTables
{
    public static Dictionary<string, (List<string> Header, List<string[]> Rows)> Read()
    {
        var tables = new Dictionary<string, (List<string> Header, List<string[]> Rows)>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reports", "fy2014-tables-as-printed.tsv")))
        {
            if (line.StartsWith("# table: ", StringComparison.Ordinal))
            {
                current = line["# table: ".Length..].Trim();
                continue;
            }

            if (line.StartsWith('#') || line.Length == 0 || current is null)
            {
                continue;
            }

            var cells = line.Split('\t');
            if (!tables.TryGetValue(current, out var table))
            {
                tables[current] = ([.. cells], []);
            }
            else
            {
                table.Rows.Add(cells);
            }
        }

        Assert.Equal(13, tables["consultations"].Rows.Count);
        Assert.Equal(8, tables["training-visits"].Rows.Count);
        return tables;
    }
}
