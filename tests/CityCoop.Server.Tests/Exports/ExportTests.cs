using System.Net;
using System.Net.Http.Json;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Reports;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Exports;

/// <summary>
/// The FY report and the proposals list as Excel (.xlsx) and CSV, from the API and the pages, opened back with MiniExcel:
/// one sheet per table, headers in the reader's language, every cell checked.
/// </summary>
public sealed class ExportTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task The_Chinese_FY2014_report_as_xlsx_has_one_sheet_per_table_with_every_printed_cell()
    {
        using var client = await fixture.Factory.CreateClientForAsync(CityCoopFactory.PlatformJp);
        using var response = await client.GetAsync(new Uri("/api/reports/fiscal-years/2014?format=xlsx&lang=zh", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        var sheets = Workbook.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(11, sheets.Count); // consultations, visits, totals, the three other kinds, five of funds

        var printed = PrintedTables.Read();
        foreach (var (index, table) in new[] { (0, "consultations"), (1, "training-visits") })
        {
            var (header, rows) = printed[table];
            var sheet = sheets[index].Rows;
            Assert.Equal(header, sheet[0].Select(c => (string?)c));
            Assert.Equal(rows.Count, sheet.Count - 1);
            for (var i = 0; i < rows.Count; i++)
            {
                // The row number is a number in Excel; the other cells text exactly as printed.
                Assert.Equal(decimal.Parse(rows[i][0], System.Globalization.CultureInfo.InvariantCulture), sheet[i + 1][0]);
                Assert.Equal(rows[i].Skip(1), sheet[i + 1].Skip(1).Select(c => (string?)c));
            }
        }

        // Totals: worked by hand in Fy2014Expected (13 consultations, 6 deciding, 8 visits, 46 trainees, 73 days, 439 trainee-days).
        var totals = sheets[2].Rows;
        Assert.Equal(3, totals[0].Length);
        Assert.Equal(
            [13m, 6m, 8m, 46m, 73m, 439m],
            totals.Skip(1).Take(6).Select(r => (decimal?)r[2]));
    }

    [Fact]
    public async Task The_report_page_offers_the_xlsx_beside_the_csv_with_headers_in_Japanese()
    {
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");
        var html = await page.GetAsync("/reports?year=2014");
        Assert.Contains("href=\"/reports?handler=Xlsx&year=2014\" data-testid=\"xlsx\">Excel をダウンロード</a>", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        var (type, bytes) = await page.DownloadAsync("/reports?handler=Xlsx&year=2014");
        Assert.Equal(Xlsx, type);
        var sheets = Workbook.Read(bytes);
        Assert.Equal(["番号", "協議期間", "日本側都市", "中国側都市", "協議先機関"], sheets[0].Rows[0].Select(c => (string?)c));
        Assert.Equal(["番号", "研修期間(日数)", "派遣都市", "受入都市", "種別・人数"], sheets[1].Rows[0].Select(c => (string?)c));
        Assert.Equal("研修員延べ日数", sheets[2].Rows[6][0]);
        Assert.Equal(439m, sheets[2].Rows[6][2]);
    }

    [Fact]
    public async Task An_unknown_format_is_refused_naming_the_allowed_ones()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using var report = await users.PlatformJp.Client.GetAsync("/api/reports/fiscal-years/2014?format=xls");
        var problem = await WorkflowApi.JsonOf(report, HttpStatusCode.BadRequest);
        Assert.Equal("unknown-choice", problem.GetProperty("code").GetString());
        Assert.Equal("json, csv, xlsx", problem.GetProperty("arguments").GetProperty("allowed").GetString());
        using var list = await users.PlatformJp.Client.GetAsync("/api/proposals?format=pdf");
        Assert.Equal("json, csv, xlsx", (await WorkflowApi.JsonOf(list, HttpStatusCode.BadRequest)).GetProperty("arguments").GetProperty("allowed").GetString());
    }

    [Fact]
    public async Task The_proposals_list_downloads_as_xlsx_and_csv_with_amounts_as_numbers()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var tag = "export-" + Guid.NewGuid().ToString("N")[..8];
        var approved = await WorkflowApi.WalkToAsync("fund-execution", users.Shanghai, users.PlatformJp, users.PlatformCn, users.MinistryJp, 2_500_000m, title: tag + " approved");
        await users.PlatformJp.ActAsync(approved, "record-activity", new { activity = WorkflowApi.TrainingVisit(300_000m) });
        var draft = await users.Shanghai.CreateAsync(tag + " draft");
        var (draftJson, _) = await users.Shanghai.GetProposalAsync(draft);
        var created = draftJson.GetProperty("createdAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        using var response = await users.PlatformJp.Client.GetAsync($"/api/proposals?format=xlsx&lang=ja&q={tag}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        var sheet = Assert.Single(Workbook.Read(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal("提案一覧", sheet.Name);
        Assert.Equal(["件名", "提案都市", "相手都市", "年度", "状態", "申請額（直接経費）", "通貨", "承認額", "支出済み", "作成日時"], sheet.Rows[0].Select(c => (string?)c));
        Assert.Equal(3, sheet.Rows.Count);
        var rows = sheet.Rows.Skip(1).OrderBy(r => (string?)r[0], StringComparer.Ordinal).ToList();
        // Spent counts paid expenses only: the activity's 300,000 is its planned cost.
        Assert.Equal([tag + " approved", "上海市", "北九州市", 2015m, "資金執行", 3_000_000m, "JPY", 2_500_000m, 0m], rows[0].Take(9));
        Assert.Equal([tag + " draft", "上海市", null, 2015m, "提案作成中", 3_000_000m, "JPY", null, null, created], rows[1].Select(c => c is "" ? null : c));

        using var csv = await users.PlatformJp.Client.GetAsync($"/api/proposals?format=csv&lang=en&q={tag}+draft");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.Equal(["Title,Proposing city,Partner cities,Fiscal year,State,Requested amount (direct costs),Currency,Approved,Spent,Created", $"{tag} draft,Shanghai,,2015,Draft,3000000,JPY,,,{created}"], lines);
    }

    [Fact]
    public async Task A_title_that_looks_like_a_formula_downloads_as_text_and_the_xlsx_keeps_it_as_typed()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var tag = "formula" + Guid.NewGuid().ToString("N")[..8];
        var title = $"=HYPERLINK(\"http://example.invalid\",\"{tag}\")";
        await users.Shanghai.CreateAsync(title);

        using var csv = await users.PlatformJp.Client.GetAsync($"/api/proposals?format=csv&lang=en&q={tag}");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"{tag}\"\")\",Shanghai,", lines[1], StringComparison.Ordinal);

        // A workbook cell holds text as text: no formula to neutralise, and the title is shown as the city typed it.
        using var xlsx = await users.PlatformJp.Client.GetAsync($"/api/proposals?format=xlsx&lang=en&q={tag}");
        var sheet = Assert.Single(Workbook.Read(await xlsx.Content.ReadAsByteArrayAsync()));
        Assert.Equal(title, sheet.Rows[1][0]);
    }

    [Fact]
    public async Task The_proposals_page_offers_csv_and_xlsx_with_its_filters()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var tag = "pagexport-" + Guid.NewGuid().ToString("N")[..8];
        await users.Shanghai.CreateAsync(tag);
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "zh-CN");
        var html = System.Net.WebUtility.HtmlDecode(await page.GetAsync($"/proposals?q={tag}"));
        Assert.Contains($"href=\"/proposals?handler=Xlsx&state=&fy=&city=&q={tag}\" data-testid=\"proposals-xlsx\">下载 Excel</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/proposals?handler=Csv&state=&fy=&city=&q={tag}\" data-testid=\"proposals-csv\">下载 CSV</a>", html, StringComparison.Ordinal);
        var (type, bytes) = await page.DownloadAsync($"/proposals?handler=Xlsx&q={tag}");
        Assert.Equal(Xlsx, type);
        var sheet = Assert.Single(Workbook.Read(bytes));
        Assert.Equal("提案一览", sheet.Name);
        Assert.Equal(2, sheet.Rows.Count);
        Assert.Equal([tag, "上海市"], sheet.Rows[1].Take(2));
        var (csvType, csv) = await page.DownloadAsync($"/proposals?handler=Csv&q={tag}");
        Assert.Equal("text/csv", csvType);
        Assert.StartsWith($"{tag},上海市,,2015,", System.Text.Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split('\n')[1], StringComparison.Ordinal);
    }
}
