using System.Net;
using System.Text.Json;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Setup;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Localization;

/// <summary>
/// Issue 5: text the engine and the domain produce reaches zh and ja readers in their language, on PostgreSQL and
/// through the real pages: refusals, journal details, diagram arrows, email step names, report totals.
/// </summary>
public sealed class EngineTextLocalizationTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task ApproveOverTheRequest_OnThePageInJapanese_ShowsTheRefusalInJapanese()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");

        var html = await page.ActAsync(id, "approve", new() { ["amount"] = "3000001" });

        Assert.Contains("承認額 3,000,001円 が申請額 3,000,000円 を超えています。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Guard &#x27;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Guard '", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveOverTheRequest_OnThePageInChinese_ShowsTheRefusalInChinese()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "zh-CN");

        var html = await page.ActAsync(id, "approve", new() { ["amount"] = "3000001" });

        Assert.Contains("批准金额 3,000,001 日元 超过了申请金额 3,000,000 日元。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveOverTheRequest_ThroughTheApi_KeepsTheEnglishDetailAndAddsCodeAndArguments()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");

        using var response = await users.MinistryJp.PostActionAsync(id, "approve", new { amount = 3_000_001m });

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.Conflict);
        Assert.Equal("The approved amount 3,000,001 JPY is more than the requested 3,000,000 JPY.", problem.GetProperty("detail").GetString());
        Assert.Equal("amount-over-request", problem.GetProperty("code").GetString());
        Assert.Equal("amount-within-requested", problem.GetProperty("guard").GetString());
        var arguments = problem.GetProperty("arguments");
        Assert.Equal("3000001", arguments.GetProperty("amount").GetString());
        Assert.Equal("3000000", arguments.GetProperty("requested").GetString());
        Assert.Equal("JPY", arguments.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task WholeYenRule_OnThePageInChinese_IsShownInChinese()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "zh-CN");

        var html = await page.ActAsync(id, "approve", new() { ["amount"] = "1000.5" });

        Assert.Contains("批准金额：1,000.5 日元 的小数位数超过了日元允许的位数（0 位）。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JournalDetails_OnTheProposalPage_AreInTheReadersLanguageWithCityNames()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("platform-matching");
        await users.PlatformJp.ActAsync(id, "match");

        using var ja = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        var jaHtml = WebUtility.HtmlDecode(await ja.GetAsync($"/proposals/{id}"));
        using var zh = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformCn, "zh-CN");
        var zhHtml = WebUtility.HtmlDecode(await zh.GetAsync($"/proposals/{id}"));

        Assert.Contains("承認（日本側プラットフォーム）：2 件中 1 件", jaHtml, StringComparison.Ordinal);
        Assert.Contains("北九州市–上海市：新規ペア（友好都市関係なし）", jaHtml, StringComparison.Ordinal);
        Assert.Contains("审批（日方平台）：已批准 1/2", zhHtml, StringComparison.Ordinal);
        Assert.Contains("北九州市–上海市：新结对（无友好城市关系）", zhHtml, StringComparison.Ordinal);
        foreach (var html in new[] { jaHtml, zhHtml })
        {
            Assert.DoesNotContain(" of 2", html, StringComparison.Ordinal);
            Assert.DoesNotContain("new pairing", html, StringComparison.Ordinal);
            Assert.DoesNotContain("platform/platform-jp", html, StringComparison.Ordinal);
        }

        // The API keeps the English details and carries the same notes as codes.
        var journal = await users.PlatformJp.JournalAsync(id);
        var approval = journal.Single(e => e.GetProperty("kind").GetString() == "approval-recorded");
        Assert.Equal("approval platform/platform-jp: 1 of 2", approval.GetProperty("details").GetString());
        Assert.Equal("approval-progress", approval.GetProperty("notes")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task JournalEscalation_WrittenByTheScheduler_IsRenderedInJapanese()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("platform-matching");
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var workflow = scope.ServiceProvider.GetRequiredService<ProposalWorkflow>();
            var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
            var record = (await workflow.LoadAsync(id))!;
            WorkflowEngine.RecordEscalation(record.Instance, "match-proposal", scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), CityCoop.Workflows.DomainText.Of(
                "escalated",
                "task match-proposal overdue by 7 business day(s) (JP); told 環境省 担当",
                ("task", "match-proposal"),
                ("days", 7),
                ("country", "JP"),
                ("told", "環境省 担当")));
            await db.SaveChangesAsync();
        }

        using var ja = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");
        var html = WebUtility.HtmlDecode(await ja.GetAsync($"/proposals/{id}"));

        Assert.Contains("タスク「ペアリングの確認と希望項目・提供項目のマッチング」が 7 営業日超過しています（日本）。通知先：環境省 担当", html, StringComparison.Ordinal);
        Assert.DoesNotContain("overdue by", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagram_OnTheProposalPage_LabelsArrowsInTheReadersLanguage()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("draft");
        using var ja = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");

        var html = WebUtility.HtmlDecode(await ja.GetAsync($"/proposals/{id}"));

        Assert.Contains("s_draft --> s_platform_matching : 提出", html, StringComparison.Ordinal);
        Assert.Contains("s_platform_matching --> s_ministry_approval : マッチング承認", html, StringComparison.Ordinal);
        Assert.DoesNotContain(": submit", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja-JP", "新しいタスク：", "ペアリングの確認と希望項目・提供項目のマッチング")]
    [InlineData("zh-CN", "新任务：", "确认结对，匹配希望项目与可提供项目")]
    public async Task TaskOpenedEmail_NamesTheStepByItsDisplayNameInTheRecipientsLanguage(string language, string subjectStart, string step)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var title = "Step name " + language;
        await users.Shanghai.ActAsync(await users.Shanghai.CreateAsync(title), "submit");
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
        var row = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MailKinds.TaskOpened && m.RecipientEmail == CityCoopFactory.PlatformJp && m.PayloadJson.Contains(title)).FirstAsync();
        var sender = new CapturingSender();
        var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(scope.ServiceProvider, sender);
        await db.OutboxMessages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Language, language));

        await dispatcher.RunAsync();

        // The Japanese reviewer's (佐藤 花子) row, whose language was set above; the Chinese reviewer's is in Chinese.
        var message = Assert.Single(sender.Sent, m => m.Subject.Contains(title, StringComparison.Ordinal) && m.TextBody.Contains("佐藤 花子", StringComparison.Ordinal));
        Assert.StartsWith(subjectStart, message.Subject, StringComparison.Ordinal);
        Assert.EndsWith(step, message.Subject, StringComparison.Ordinal);
        Assert.Contains(step, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("match-proposal", message.Subject + message.TextBody, StringComparison.Ordinal);
    }

    private sealed class CapturingSender : IMailSender
    {
        public List<(string Subject, string TextBody)> Sent { get; } = [];

        public Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add((message.Subject ?? string.Empty, message.TextBody ?? string.Empty));
            return Task.CompletedTask;
        }
    }
}
