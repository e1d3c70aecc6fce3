using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Reports;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// Voiding a wrongly recorded activity on PostgreSQL through the API: the cost returns to the remaining amount, the
/// fiscal-year report stops counting it, the record stays listed with who, when and why, and the journal note reaches
/// a Japanese reader in Japanese. Tests of one class run one after another, so report comparisons are exact.
/// </summary>
public sealed partial class VoidActivityTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    private const string Reason = "研修を二重に記録したため";

    [Fact]
    public async Task VoidTrainingVisit_WithReason_ReturnsTheCostDropsItFromTheReportAndJournalsItInJapanese()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 2_500_000m);
        var reportBefore = await ReportAsync(users.PlatformJp, 2015);
        var recorded = await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(2_000_000m) });
        var activityId = Assert.Single(await users.PlatformJp.ActivitiesAsync(id)).GetProperty("id").GetGuid();
        var (counted, _) = await users.PlatformJp.GetProposalAsync(id);
        Assert.Equal(2_000_000m, counted.GetProperty("plannedActivityCosts").GetProperty("amount").GetDecimal());
        Assert.Equal(2_500_000m, counted.GetProperty("remainingAmount").GetProperty("amount").GetDecimal()); // no expenses: a planned activity cost does not take their room
        var reportWith = await ReportAsync(users.PlatformJp, 2015);
        Assert.Equal(Totals(reportBefore).GetProperty("trainingVisits").GetInt32() + 1, Totals(reportWith).GetProperty("trainingVisits").GetInt32());
        Assert.Equal(Totals(reportBefore).GetProperty("trainees").GetInt32() + 5, Totals(reportWith).GetProperty("trainees").GetInt32());

        using var response = await users.PlatformJp.PostActionAsync(id, "void-activity", new { activityId, comment = Reason }, recorded.GetProperty("eTag").GetString());
        var voided = await WorkflowApi.JsonOf(response, HttpStatusCode.OK);

        Assert.Equal("fund-execution", voided.GetProperty("state").GetString());
        var (proposal, etag) = await users.PlatformJp.GetProposalAsync(id);
        Assert.NotEqual(recorded.GetProperty("eTag").GetString(), etag);
        Assert.Equal(0m, proposal.GetProperty("plannedActivityCosts").GetProperty("amount").GetDecimal());
        Assert.Equal(2_500_000m, proposal.GetProperty("remainingAmount").GetProperty("amount").GetDecimal());

        // The report is as it was before the mistake, to the byte; FY2014's seed tables are untouched.
        Assert.Equal(reportBefore.GetRawText(), (await ReportAsync(users.PlatformJp, 2015)).GetRawText());
        var fy2014 = Totals(await ReportAsync(users.PlatformJp, 2014));
        Assert.Equal(Fy2014Expected.TrainingVisits, fy2014.GetProperty("trainingVisits").GetInt32());
        Assert.Equal(Fy2014Expected.Trainees, fy2014.GetProperty("trainees").GetInt32());
        Assert.Equal(Fy2014Expected.Consultations, fy2014.GetProperty("consultations").GetInt32());

        // Still listed, with who, when and why.
        var activity = Assert.Single(await users.PlatformJp.ActivitiesAsync(id));
        var record = activity.GetProperty("voided");
        var journalEntry = (await users.PlatformJp.JournalAsync(id))[^1];
        Assert.Equal(journalEntry.GetProperty("at").GetDateTimeOffset(), record.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, record.GetProperty("at").GetDateTimeOffset().Offset);
        Assert.Equal("佐藤 花子（日本側プラットフォーム）", record.GetProperty("byName").GetString());
        Assert.Equal(journalEntry.GetProperty("actorUserId").GetString(), record.GetProperty("by").GetString());
        Assert.Equal(Reason, record.GetProperty("reason").GetString());
        Assert.Equal(2_000_000m, activity.GetProperty("cost").GetProperty("amount").GetDecimal());

        // The journal: the reason as the comment, the coded note for every language.
        Assert.Equal("void-activity", journalEntry.GetProperty("action").GetString());
        Assert.Equal(Reason, journalEntry.GetProperty("comment").GetString());
        Assert.Equal(activityId, journalEntry.GetProperty("inputs").GetProperty("activityId").GetGuid());
        var note = Assert.Single(journalEntry.GetProperty("notes").EnumerateArray().ToList());
        Assert.Equal("activity-voided-cost", note.GetProperty("code").GetString());
        Assert.Equal("2000000", note.GetProperty("arguments").GetProperty("cost").GetString());
        Assert.Equal("2500000", note.GetProperty("arguments").GetProperty("remaining").GetString());
        Assert.Equal("voided TrainingVisit 2015-07-01..2015-07-05; planned cost 2,000,000 JPY returned, not yet planned 2,500,000 JPY", journalEntry.GetProperty("details").GetString());

        using var ja = await PageReader.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        var html = WebUtility.HtmlDecode(await ja.GetAsync($"/proposals/{id}"));
        Assert.Contains("記録を取消し：訪日研修 2015-07-01～2015-07-05、計画費用 2,000,000円 を戻し入れ（未計画 2,500,000円）", html, StringComparison.Ordinal);
        Assert.DoesNotContain("voided TrainingVisit", html, StringComparison.Ordinal);
        var tokyo = TimeZoneInfo.ConvertTime(record.GetProperty("at").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.Contains($"{tokyo.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} (Asia/Tokyo) に 佐藤 花子（日本側プラットフォーム） が取消し：{Reason}", html, StringComparison.Ordinal);
        Assert.Matches(VoidedRow(activityId), html);
        Assert.DoesNotContain($"name=\"activityId\" value=\"{activityId}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VoidOnThePage_WithABlankReason_SaysWhyAtTheTop_AndKeepsTheRowFormOpen()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 2_500_000m);
        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(1_000_000m) });
        var activityId = Assert.Single(await users.PlatformJp.ActivitiesAsync(id)).GetProperty("id").GetGuid();
        using var page = await Localization.PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");

        var (status, html) = await page.PostActionAsync(id, "void-activity", new Dictionary<string, string> { ["activityId"] = activityId.ToString(), ["comment"] = "   " });

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("data-testid=\"refused\"", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"row-action\" data-action=\"void-activity\" open=\"open\">", html, StringComparison.Ordinal);
        var activity = Assert.Single(await users.PlatformJp.ActivitiesAsync(id));
        Assert.True(!activity.TryGetProperty("voided", out var voided) || voided.ValueKind == System.Text.Json.JsonValueKind.Null, "nothing was voided");
    }

    [Fact]
    public async Task VoidTwice_ThroughTheApi_Answers409WithTheCodeAndChangesNothing()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 2_500_000m);
        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(1_000_000m) });
        var activityId = Assert.Single(await users.PlatformJp.ActivitiesAsync(id)).GetProperty("id").GetGuid();
        await users.PlatformJp.ActAsync(id, "void-activity", new { activityId, comment = "Wrong head-count" });
        var (_, etag) = await users.PlatformJp.GetProposalAsync(id);
        var journal = (await users.PlatformJp.JournalAsync(id)).Count;

        using var response = await users.PlatformCn.PostActionAsync(id, "void-activity", new { activityId, comment = "Again" });

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.Conflict);
        Assert.Equal("activity-already-voided", problem.GetProperty("code").GetString());
        Assert.Equal("activity-not-voided", problem.GetProperty("guard").GetString());
        Assert.Equal("佐藤 花子（日本側プラットフォーム）", problem.GetProperty("arguments").GetProperty("person").GetString());
        var (after, etagAfter) = await users.PlatformJp.GetProposalAsync(id);
        Assert.Equal(etag, etagAfter);
        Assert.Equal(0m, after.GetProperty("plannedActivityCosts").GetProperty("amount").GetDecimal());
        Assert.Equal(journal, (await users.PlatformJp.JournalAsync(id)).Count);
        Assert.Equal("Wrong head-count", Assert.Single(await users.PlatformJp.ActivitiesAsync(id)).GetProperty("voided").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task VoidAnotherProposalsActivity_Answers400ActivityUnknownAndChangesNothing()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var other = await users.WalkToAsync("fund-execution", approved: 2_500_000m);
        await users.PlatformJp.ActAsync(other, "record-activity", new { activity = WorkflowApi.TrainingVisit(1_000_000m) });
        var foreignId = Assert.Single(await users.PlatformJp.ActivitiesAsync(other)).GetProperty("id").GetGuid();
        var id = await users.WalkToAsync("fund-execution", approved: 2_500_000m);

        using var response = await users.PlatformJp.PostActionAsync(id, "void-activity", new { activityId = foreignId, comment = "Wrong" });

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("activity-unknown", problem.GetProperty("code").GetString());
        Assert.Equal("activityId", problem.GetProperty("field").GetString());
        Assert.Equal(foreignId.ToString(), problem.GetProperty("arguments").GetProperty("id").GetString());
        var (otherProposal, _) = await users.PlatformJp.GetProposalAsync(other);
        Assert.Equal(1_000_000m, otherProposal.GetProperty("plannedActivityCosts").GetProperty("amount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, Assert.Single(await users.PlatformJp.ActivitiesAsync(other)).GetProperty("voided").ValueKind);
    }

    private static async Task<JsonElement> ReportAsync(WorkflowApi api, int year) => await api.GetAsync($"/api/reports/fiscal-years/{year}?lang=ja");

    private static JsonElement Totals(JsonElement report) => report.GetProperty("totals");

    private static Regex VoidedRow(Guid id) => new($"<tr class=\"voided\" data-testid=\"activity\" data-activity-id=\"{id}\" data-voided=\"true\">\\s*<td><del>訪日研修</del></td>\\s*<td><del>2015-07-01</del></td>");

    /// <summary>Reads pages as a signed-in user in a chosen language (sign-in form, then the language switch).</summary>
    private sealed partial class PageReader(HttpClient client) : IDisposable
    {
        public static async Task<PageReader> SignInAsync(WebApplicationFactory<Program> factory, string email, string language)
        {
            var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
            var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = email,
                ["password"] = DemoAccounts.Password,
                ["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value,
            });
            using var response = await client.PostAsync(new Uri("/signin", UriKind.Relative), content);
            Assert.True(response.IsSuccessStatusCode, $"sign-in answered {(int)response.StatusCode}");
            using var switched = await client.GetAsync(new Uri($"/language?culture={language}&returnUrl=/", UriKind.Relative));
            Assert.True(switched.IsSuccessStatusCode, $"language switch answered {(int)switched.StatusCode}");
            return new PageReader(client);
        }

        public Task<string> GetAsync(string path) => client.GetStringAsync(new Uri(path, UriKind.Relative));

        public void Dispose() => client.Dispose();

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }
}
