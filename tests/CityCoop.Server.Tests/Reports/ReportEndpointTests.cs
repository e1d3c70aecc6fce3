using System.Net;
using System.Text;
using System.Text.Json;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Reports;

/// <summary><c>GET /api/reports/fiscal-years/{year}</c> on PostgreSQL seeded with the sample data and demo accounts.</summary>
public class ReportEndpointTests(SeededPostgresFixture fixture) : IClassFixture<SeededPostgresFixture>
{
    private CityCoopFactory Factory => fixture.Factory;

    [Fact]
    public async Task GetFy2014_AsPlatformUser_ReturnsJsonWithSourceRowsAndTotals()
    {
        using var client = await Factory.CreateClientForAsync(CityCoopFactory.PlatformJp);

        using var response = await client.GetAsync(new Uri("/api/reports/fiscal-years/2014?lang=zh", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(2014, root.GetProperty("fiscalYear").GetInt32());

        var consultations = root.GetProperty("consultations").EnumerateArray().ToList();
        Assert.Equal(Fy2014Expected.ConsultationRows.Length, consultations.Count);
        for (var i = 0; i < consultations.Count; i++)
        {
            var expected = Fy2014Expected.ConsultationRows[i];
            Assert.Equal(expected.No, consultations[i].GetProperty("no").GetInt32());
            Assert.Equal(expected.Period, consultations[i].GetProperty("period").GetString());
            Assert.Equal(expected.JapaneseCities, consultations[i].GetProperty("japaneseCities").GetString());
            Assert.Equal(expected.ChineseCity, consultations[i].GetProperty("chineseCity").GetString());
        }

        var visits = root.GetProperty("trainingVisits").EnumerateArray().ToList();
        Assert.Equal(Fy2014Expected.VisitRows.Length, visits.Count);
        for (var i = 0; i < visits.Count; i++)
        {
            var expected = Fy2014Expected.VisitRows[i];
            Assert.Equal(expected.No, visits[i].GetProperty("no").GetInt32());
            Assert.Equal(expected.Period, visits[i].GetProperty("period").GetString());
            Assert.Equal(expected.SendingCity, visits[i].GetProperty("sendingCity").GetString());
            Assert.Equal(expected.ReceivingCities, visits[i].GetProperty("receivingCities").GetString());
            Assert.Equal(expected.CategoryAndTrainees, visits[i].GetProperty("categoryAndTrainees").GetString());
        }

        var totals = root.GetProperty("totals");
        Assert.Equal(Fy2014Expected.Consultations, totals.GetProperty("consultations").GetInt32());
        Assert.Equal(Fy2014Expected.ConsultationsDecidingCooperation, totals.GetProperty("consultationsDecidingCooperation").GetInt32());
        Assert.Equal(Fy2014Expected.TrainingVisits, totals.GetProperty("trainingVisits").GetInt32());
        Assert.Equal(Fy2014Expected.Trainees, totals.GetProperty("trainees").GetInt32());
        Assert.Equal(Fy2014Expected.VisitDays, totals.GetProperty("visitDays").GetInt32());
        Assert.Equal(Fy2014Expected.TraineeDays, totals.GetProperty("traineeDays").GetInt32());
        Assert.Equal(
            Fy2014Expected.ByMainHost.Select(n => (n.Name, n.Count)),
            totals.GetProperty("traineesByMainHost").EnumerateArray().Select(e => (e.GetProperty("name").GetString()!, e.GetProperty("count").GetInt32())));
    }

    [Theory]
    [InlineData("ja-JP", "ja")]
    [InlineData("zh-CN", "zh")]
    [InlineData(null, "en")]
    public async Task GetFy2014_WithoutLang_IsInTheRequestsLanguage(string? acceptLanguage, string expected)
    {
        using var client = await Factory.CreateClientForAsync(CityCoopFactory.PlatformJp);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/reports/fiscal-years/2014", UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(expected, json.RootElement.GetProperty("language").GetString());
        Assert.Equal(expected == "ja" ? "番号" : expected == "zh" ? "编号" : "No.", json.RootElement.GetProperty("consultationColumns")[0].GetString());
    }

    [Fact]
    public async Task GetFy2014_AsCsv_ReturnsBomAndTheTablesAndTotalsInChinese()
    {
        using var client = await Factory.CreateClientForAsync(CityCoopFactory.MinistryJp);

        using var response = await client.GetAsync(new Uri("/api/reports/fiscal-years/2014?format=csv&lang=zh", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("编号,协商时间,日方城市,中方城市,协商对象机构", lines[0]);
        Assert.Equal("1,2014. 8. 5~6,北九州市,上海市,与外事办公室、环保局的局长级协商", lines[1]);
        Assert.Equal("13,2015. 3. 16~18,埼玉县,山西省,与环保厅的局长级协商", lines[13]);
        Assert.Equal(string.Empty, lines[14]);
        Assert.Equal("编号,研修时间(天数),派遣城市,接收城市,种类、人数等", lines[15]);
        Assert.Equal("1,2014. 10. 15-30(16),天津市,四日市市(神户市 北九州市),业务人员6人", lines[16]);
        Assert.Equal("4,2014. 11. 24-12. 3(10),上海市,北九州市,技术人员7人", lines[19]);
        Assert.Equal("8,2015. 1. 25-2. 7(14),天津市,北九州市(神户市),业务人员7人", lines[23]);
        Assert.Contains("现场协商次数,,13", lines);
        Assert.Contains("决定开展协作的协商次数,,6", lines);
        Assert.Contains("访日研修次数,,8", lines);
        Assert.Contains("研修人数,,46", lines);
        Assert.Contains("研修天数,,73", lines);
        Assert.Contains("研修人天数,,439", lines);
        Assert.Contains("按类别的研修人数,技术人员,16", lines);
        Assert.Contains("按派遣城市的研修人数,上海市,13", lines);
        Assert.Contains("按主要接收城市的研修人数,北九州市,25", lines);
    }

    [Fact]
    public async Task GetFy2014_WithLangJa_UsesJapaneseNames()
    {
        using var client = await Factory.CreateClientForAsync(CityCoopFactory.PlatformCn);

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/reports/fiscal-years/2014?lang=ja", UriKind.Relative)));

        var root = json.RootElement;
        Assert.Equal("ja", root.GetProperty("language").GetString());
        Assert.Equal("番号", root.GetProperty("consultationColumns")[0].GetString());
        var third = root.GetProperty("consultations")[2];
        Assert.Equal("兵庫県", third.GetProperty("japaneseCities").GetString());
        Assert.Equal("広東省", third.GetProperty("chineseCity").GetString());
        var first = root.GetProperty("trainingVisits")[0];
        Assert.Equal("四日市市(神戸市 北九州市)", first.GetProperty("receivingCities").GetString());
        Assert.Equal("業務職員6人", first.GetProperty("categoryAndTrainees").GetString());
        Assert.Equal(439, root.GetProperty("totals").GetProperty("traineeDays").GetInt32());
    }

    [Fact]
    public async Task GetFy2014_WithLangEn_UsesEnglishNames()
    {
        using var client = await Factory.CreateClientForAsync(CityCoopFactory.Admin);

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/reports/fiscal-years/2014?lang=en", UriKind.Relative)));

        var root = json.RootElement;
        Assert.Equal("en", root.GetProperty("language").GetString());
        var first = root.GetProperty("consultations")[0];
        Assert.Equal("Kitakyushu", first.GetProperty("japaneseCities").GetString());
        Assert.Equal("Shanghai", first.GetProperty("chineseCity").GetString());
        var visit = root.GetProperty("trainingVisits")[0];
        Assert.Equal("Tianjin", visit.GetProperty("sendingCity").GetString());
        Assert.Equal("Yokkaichi(Kobe; Kitakyushu)", visit.GetProperty("receivingCities").GetString());
        Assert.Equal("6 operational staff", visit.GetProperty("categoryAndTrainees").GetString());
        Assert.Equal(
            ["Tianjin", "Wuhan", "Jiangsu Province", "Shanghai", "Shenyang"],
            root.GetProperty("totals").GetProperty("traineesBySendingCity").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task GetFy2014_WithoutToken_Returns401()
    {
        using var client = Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/reports/fiscal-years/2014", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetFy2014_AsCityUser_Returns403()
    {
        using var client = await Factory.CreateClientForAsync(CityCoopFactory.ShanghaiCity);

        using var response = await client.GetAsync(new Uri("/api/reports/fiscal-years/2014", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetFy2014_WithUnknownLanguage_Returns400()
    {
        using var client = await Factory.CreateClientForAsync(CityCoopFactory.PlatformJp);

        using var response = await client.GetAsync(new Uri("/api/reports/fiscal-years/2014?lang=fr", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
