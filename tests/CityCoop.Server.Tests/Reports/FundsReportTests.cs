using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityCoop.Server.Tests.Exports;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Reports;

/// <summary>
/// The funds part of the FY report on PostgreSQL, on the data of <see cref="FundsReportFixture"/> (as of 2015-06-01 in
/// Tokyo), every figure worked by hand: the API's JSON, the xlsx opened back, the CSV, and the Japanese page opening on
/// the clock's fiscal year with the budget-use chart.
/// </summary>
public sealed partial class FundsReportTests(FundsReportFixture fixture) : IClassFixture<FundsReportFixture>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task The_JSON_funds_add_up_as_worked_by_hand()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var report = await users.PlatformJp.GetAsync("/api/reports/fiscal-years/2015?lang=ja");
        var funds = report.GetProperty("funds");

        Assert.Equal("2015-06-01", funds.GetProperty("asOf").GetString());
        Assert.True(funds.GetProperty("envelopeSet").GetBoolean());
        Assert.Equal(10_000_000m, funds.GetProperty("envelope").GetDecimal());

        // Committed: 2,500,000 + 1,500,000. Spent: only the expenses paid by 2015-06-01 (200,000 + 50,000 + 25,308); the
        // activities' planned costs (1,100,000), the 80,000 of July and the undated 30,000 are not spent.
        Assert.Equal(4_000_000m, funds.GetProperty("committed").GetDecimal());
        Assert.Equal(275_308m, funds.GetProperty("spent").GetDecimal());
        Assert.Equal(0m, funds.GetProperty("released").GetDecimal());
        Assert.Equal(6_000_000m, funds.GetProperty("remaining").GetDecimal());

        // The budget page reads the same position.
        var budget = await users.MinistryJp.GetAsync("/api/budgets/2015");
        Assert.Equal(budget.GetProperty("spent").GetDecimal(), funds.GetProperty("spent").GetDecimal());
        Assert.Equal(budget.GetProperty("committed").GetDecimal(), funds.GetProperty("committed").GetDecimal());

        // Per pair: A 200,000 + 50,000; B 25,308; the rows add up to committed and spent.
        var pairs = funds.GetProperty("byCityPair").EnumerateArray().Select(p => (
            p.GetProperty("japaneseCities").GetString(), p.GetProperty("chineseCity").GetString(), p.GetProperty("proposals").GetInt32(), p.GetProperty("approved").GetDecimal(), p.GetProperty("spent").GetDecimal())).ToList();
        Assert.Equal([("北九州市", "上海市", 1, 2_500_000m, 250_000m), ("神戸市", "上海市", 1, 1_500_000m, 25_308m)], pairs);
        Assert.Equal("kobe", funds.GetProperty("byCityPair")[1].GetProperty("japaneseCityCodes")[0].GetString());

        // Per kind, every kind in order: planned while not started on 2015-06-01, actual from the first day on.
        var kinds = funds.GetProperty("byActivityKind").EnumerateArray().Select(k => (
            k.GetProperty("kind").GetString(), k.GetProperty("name").GetString(), k.GetProperty("count").GetInt32(), k.GetProperty("plannedCost").GetDecimal(), k.GetProperty("actualCost").GetDecimal())).ToList();
        Assert.Equal(
            [
                ("on-site-consultation", "現地協議", 0, 0m, 0m),
                ("training-visit", "訪日研修", 1, 0m, 300_000m),
                ("local-seminar", "現地セミナー", 1, 200_000m, 0m),
                ("joint-research", "共同研究", 1, 100_000m, 0m),
                ("model-project", "モデル事業", 1, 0m, 500_000m),
            ],
            kinds);

        // Per line: matched by name ignoring case; a line the budget lacks has no amount.
        var lines = funds.GetProperty("byBudgetLine").EnumerateArray().Select(l => (
            l.GetProperty("name").GetString(), l.GetProperty("amount").ValueKind == JsonValueKind.Null ? (decimal?)null : l.GetProperty("amount").GetDecimal(), l.GetProperty("spent").GetDecimal())).ToList();
        Assert.Equal([("travel and per diem", 4_000_000m, 200_000m), ("interpretation and translation", 1_000_000m, 25_308m), ("venues and events", (decimal?)null, 50_000m)], lines);

        // Months: approvals on 2015-06-01; spent by paid date up to 2015-06-01 (all in May); later months not reached.
        var months = funds.GetProperty("byMonth").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal("2015-04", months[0].GetProperty("month").GetString());
        Assert.Equal("2016-03", months[11].GetProperty("month").GetString());
        Assert.Equal(
            [(0m, 0m), (0m, 275_308m), (4_000_000m, 275_308m)],
            months.Take(3).Select(m => (m.GetProperty("cumulativeCommitted").GetDecimal(), m.GetProperty("cumulativeSpent").GetDecimal())));
        Assert.All(months.Skip(3), m =>
        {
            Assert.False(m.GetProperty("reached").GetBoolean());
            Assert.Equal(JsonValueKind.Null, m.GetProperty("cumulativeSpent").ValueKind);
        });

        // The other kinds as their own tables, numbered by date, with the pair of their proposal.
        var seminar = Assert.Single(report.GetProperty("localSeminars").EnumerateArray());
        Assert.Equal(("上海市", "北九州市", "VOC control", 40, 200_000m), (seminar.GetProperty("chineseCity").GetString(), seminar.GetProperty("japaneseCities").GetString(), seminar.GetProperty("topic").GetString(), seminar.GetProperty("participants").GetInt32(), seminar.GetProperty("cost").GetDecimal()));
        Assert.Equal("2015. 9. 10~11", seminar.GetProperty("period").GetString());
        var research = Assert.Single(report.GetProperty("jointResearch").EnumerateArray());
        Assert.Equal(("神戸市 ↔ 上海市", "Lake eutrophication", 100_000m), (research.GetProperty("cityPair").GetString(), research.GetProperty("topic").GetString(), research.GetProperty("cost").GetDecimal()));
        var model = Assert.Single(report.GetProperty("modelProjects").EnumerateArray());
        Assert.Equal((1, "神戸市 ↔ 上海市", "Wastewater treatment demonstration", "Minhang plant"), (model.GetProperty("no").GetInt32(), model.GetProperty("cityPair").GetString(), model.GetProperty("title").GetString(), model.GetProperty("site").GetString()));
        Assert.Equal(["番号", "開催期間", "中国側開催都市", "日本側都市", "テーマ", "参加者数", "費用（円）"], report.GetProperty("localSeminarColumns").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task The_xlsx_has_the_funds_sheets_with_amounts_as_numbers_and_the_csv_plain_numbers()
    {
        using var client = await fixture.Factory.CreateClientForAsync(CityCoopFactory.MinistryJp);
        using var response = await client.GetAsync(new Uri("/api/reports/fiscal-years/2015?format=xlsx&lang=ja", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        var sheets = Workbook.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(
            ["2015年度 現地協議の実施状況", "2015年度 訪日研修", "合計", "2015年度 現地セミナー", "2015年度 共同研究", "2015年度 モデル事業", "2015年度 資金", "2015年度 都市ペア別の資金", "2015年度 活動種類別の資金", "2015年度 費目別の資金", "2015年度 月別の資金"],
            sheets.Select(s => s.Name));

        var funds = sheets[6].Rows;
        Assert.Equal(["項目", "金額（円）"], funds[0].Select(c => (string?)c));
        Assert.Equal(
            [("予算総額", 10_000_000m), ("承認済み額", 4_000_000m), ("支出済み額", 275_308m), ("返還額", 0m), ("残額", 6_000_000m)],
            funds.Skip(1).Select(r => ((string)r[0]!, (decimal)r[1]!)));

        var pairs = sheets[7].Rows;
        Assert.Equal(["日本側都市", "中国側都市", "案件数", "承認額（円）", "支出額（円）"], pairs[0].Select(c => (string?)c));
        Assert.Equal(["北九州市", "上海市", 1m, 2_500_000m, 250_000m], pairs[1]);
        Assert.Equal(["神戸市", "上海市", 1m, 1_500_000m, 25_308m], pairs[2]);

        Assert.Equal(["モデル事業", 1m, 0m, 500_000m], sheets[8].Rows[5]);
        Assert.Equal(["venues and events", null, 50_000m], sheets[9].Rows[3]);
        Assert.Equal(13, sheets[10].Rows.Count);
        Assert.Equal(["2015-06", 4_000_000m, 275_308m], sheets[10].Rows[3]);
        Assert.Equal(["2015-07", null, null], sheets[10].Rows[4]);
        Assert.Equal(1m, sheets[5].Rows[1][0]);
        Assert.Equal(500_000m, sheets[5].Rows[1][6]);

        using var csv = await client.GetAsync(new Uri("/api/reports/fiscal-years/2015?format=csv&lang=en", UriKind.Relative));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        var rows = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Contains("envelope,10000000", rows);
        Assert.Contains("spent,275308", rows);
        Assert.Contains("Kitakyushu,Shanghai,1,2500000,250000", rows);
        Assert.Contains("Local seminar,1,200000,0", rows);
        Assert.Contains("interpretation and translation,1000000,25308", rows);
        Assert.Contains("2015-07,,", rows);
    }

    [Fact]
    public async Task The_Japanese_page_opens_on_the_clocks_fiscal_year_with_the_funds_and_an_SVG_chart_of_twelve_months()
    {
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        var html = WebUtility.HtmlDecode(await page.GetAsync("/reports"));

        // 2015-06-01 in Tokyo lies in FY2015 (April 2015 to March 2016); the selector still offers the other years.
        Assert.Contains("<h1>年度報告 FY2015（平成27年度）</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2015\" selected=\"selected\">FY2015（平成27年度）</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"2014\">FY2014（平成26年度）</option>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"funds-envelope\">10,000,000 JPY</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"funds-spent\">275,308 JPY</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<td>神戸市</td><td>上海市</td><td class=\"num\">1</td><td class=\"num\">1,500,000 JPY</td><td class=\"num\">25,308 JPY</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>venues and events</td><td class=\"num\">—</td><td class=\"num\">50,000 JPY</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"seminars\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>Wastewater treatment demonstration</td>", html, StringComparison.Ordinal);

        var svg = SvgChart().Match(html);
        Assert.True(svg.Success, "no budget-use chart on the page");
        var chart = svg.Value;
        Assert.Contains("<title id=\"funds-chart-svg-title\">4月から3月までの月別の累計承認額と累計支出額（予算総額 10,000,000 JPY）</title>", chart, StringComparison.Ordinal);
        var months = MonthLabel().Matches(chart).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月"], months);

        // April to June have begun on 2015-06-01: three points per line; the envelope is one dashed line.
        Assert.Equal(3, Regex.Count(chart, "class=\"chart-point-committed\""));
        Assert.Equal(3, Regex.Count(chart, "class=\"chart-point-spent\""));
        Assert.Contains("<title>6月 累計承認額: 4,000,000 JPY</title>", chart, StringComparison.Ordinal);
        Assert.Contains("<title>5月 累計支出額: 275,308 JPY</title>", chart, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(chart, "data-testid=\"chart-envelope\""));
        Assert.DoesNotContain("<script", chart, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_year_that_is_none_shows_the_current_year_and_says_so()
    {
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        var html = WebUtility.HtmlDecode(await page.GetAsync("/reports?year=abc"));
        Assert.Contains("年度「abc」の報告はありません。FY2014（平成26年度）～FY2016（平成28年度） から選んでください。FY2015（平成27年度） を表示しています。", html, StringComparison.Ordinal);
        Assert.Contains("<h1>年度報告 FY2015（平成27年度）</h1>", html, StringComparison.Ordinal);
        var old = WebUtility.HtmlDecode(await page.GetAsync("/reports?year=2014"));
        Assert.Contains("<h1>年度報告 FY2014（平成26年度）</h1>", old, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"funds-not-set\"", old, StringComparison.Ordinal);
        Assert.Equal(12, MonthLabel().Count(SvgChart().Match(old).Value));
    }

    [GeneratedRegex("<svg[^>]*data-testid=\"funds-chart\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgChart();

    [GeneratedRegex("class=\"chart-label chart-month\">([^<]*)</text>")]
    private static partial Regex MonthLabel();
}
