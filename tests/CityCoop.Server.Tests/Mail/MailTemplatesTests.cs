using CityCoop.Infrastructure.Mail;
using MimeKit;

namespace CityCoop.Server.Tests.Mail;

public sealed class MailTemplatesTests
{
    private static readonly Uri Url = new("https://citycoop.example/proposals/42");

    // 2015-04-10 09:00 UTC = 18:00 in Tokyo, 17:00 in Shanghai.
    private static readonly DateTimeOffset Due = new(2015, 4, 10, 9, 0, 0, TimeSpan.Zero);

    private static MailModel Model(string zone = "Asia/Tokyo", string title = "大気汚染対策 研修") => new()
    {
        RecipientName = "山田 太郎",
        TimeZoneId = zone,
        SubjectType = "proposal",
        SubjectTitle = title,
        SubjectUrl = Url,
        StepName = "Platform matching",
        DueAt = Due,
        AssigneeName = "王伟",
        OverdueBusinessDays = 3,
        DigestItems =
        [
            new DigestItem("Tianjin training", Url, "Ministry approval", Due, IsOverdue: true),
            new DigestItem("Wuhan seminar", Url, "Proposal", Due.AddDays(5), IsOverdue: false),
        ],
    };

    [Theory]
    [InlineData("en", "Asia/Tokyo", "New task:", "Due", "2015-04-10 18:00 (Asia/Tokyo, JST)")]
    [InlineData("ja-JP", "Asia/Tokyo", "新しいタスク", "期限", "2015-04-10 18:00（Asia/Tokyo、日本時間）")]
    [InlineData("zh-CN", "Asia/Shanghai", "新任务", "截止时间", "2015-04-10 17:00（Asia/Shanghai，北京时间）")]
    [InlineData("en", "Asia/Shanghai", "New task:", "Due", "2015-04-10 17:00 (Asia/Shanghai, CST)")]
    public void TaskOpened_InEachLanguage_HasLocalizedTextAndNamedZone(string language, string zone, string subjectStart, string dueLabel, string due)
    {
        var mail = MailTemplates.Render(MailKinds.TaskOpened, language, Model(zone));

        Assert.StartsWith(subjectStart, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("大気汚染対策 研修", mail.Subject, StringComparison.Ordinal);
        Assert.Contains(dueLabel + ": " + due, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(due, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(Url.AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Url.AbsoluteUri}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Platform matching", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Your approval was withdrawn: 大気汚染対策 研修", "- Cooperation kind: new cooperation → strengthened cooperation", "- It was changed after your approval.")]
    [InlineData("zh-CN", "您的批准已撤销：大気汚染対策 研修", "- 协作类别：新协作 → 加强现有协作", "- 您批准后，内容有了变更。")]
    [InlineData("ja-JP", "承認が取り消されました：大気汚染対策 研修", "- 協力の区分：新規協力 → 既存協力の強化", "- 承認の後に内容が変更されました。")]
    public void ApprovalWithdrawn_InEachLanguage_SaysWhatChangedOrThatSomethingDid(string language, string subject, string kindLine, string unknownLine)
    {
        var withdrawn = Model() with { ApprovalActionName = "match", ChangedBy = "李明", Changes = [new MailChange(MailChange.CooperationKind, "New", "Strengthened")] };

        var mail = MailTemplates.Render(MailKinds.ApprovalWithdrawn, language, withdrawn);
        var stale = MailTemplates.Render(MailKinds.ApprovalWithdrawn, language, withdrawn with { Changes = [] });

        Assert.Equal(subject, mail.Subject);
        Assert.Contains(kindLine, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("李明", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(Url.AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(unknownLine, stale.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void ApprovalWithdrawn_WithoutTheActionName_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => MailTemplates.Render(MailKinds.ApprovalWithdrawn, "en", Model()));
    }

    [Theory]
    [InlineData("en", "approve", "Decision on 大気汚染対策 研修: approved")]
    [InlineData("zh-CN", "return", "决定通知：大気汚染対策 研修（退回修改）")]
    [InlineData("ja-JP", "reject", "決定のお知らせ：大気汚染対策 研修（却下）")]
    public void DecisionMade_InEachLanguage_NamesTheDecision(string language, string action, string subject)
    {
        var mail = MailTemplates.Render(MailKinds.DecisionMade, language, Model() with { ActionName = action });

        Assert.Equal(subject, mail.Subject);
        Assert.Contains("Platform matching", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(Url.AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void DecisionMade_OnAnActionTheMailTextsHaveNoWordFor_NamesItByItsDisplayName()
    {
        // A memorandum's confirm: the subject said （confirm） in every language.
        var mail = MailTemplates.Render(MailKinds.DecisionMade, "ja-JP", Model() with { ActionName = "confirm", ApprovalActionName = "確認" });

        Assert.Equal("決定のお知らせ：大気汚染対策 研修（確認）", mail.Subject);
    }

    [Theory]
    [InlineData("en", "Approved amount: 2,500,000 JPY (requested: 3,000,000 JPY).", "Comment: ")]
    [InlineData("zh-CN", "批准金额：2,500,000 JPY（申请金额：3,000,000 JPY）。", "意见：")]
    [InlineData("ja-JP", "承認額：2,500,000 JPY（申請額：3,000,000 JPY）。", "コメント：")]
    public void DecisionMade_Approve_SaysTheApprovedAmountAndTheEscapedComment(string language, string amount, string commentLabel)
    {
        var mail = MailTemplates.Render(MailKinds.DecisionMade, language, Model() with
        {
            ActionName = "approve",
            ApprovedAmount = 2_500_000m,
            RequestedAmount = 3_000_000m,
            Currency = "JPY",
            Comment = "<b>reduced</b> to direct costs",
        });

        Assert.Contains(amount, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(commentLabel + "<b>reduced</b> to direct costs", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;reduced&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>reduced", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "山田 太郎，您好：", "已逾期 3 个工作日", "由 王伟 负责")]
    [InlineData("ja-JP", "山田 太郎 様", "3 営業日", "王伟 さんが担当する")]
    [InlineData("en", "Dear 山田 太郎,", "overdue by 3 business days", "held by 王伟")]
    public void Escalation_InEachLanguage_NamesDaysAndAssignee(string language, string greeting, string days, string assignee)
    {
        var mail = MailTemplates.Render(MailKinds.Escalation, language, Model());

        Assert.Contains(days, mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith(greeting, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(assignee, mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", false, "Reminder:", "is due soon")]
    [InlineData("en", true, "Overdue:", "is overdue")]
    [InlineData("zh-CN", false, "提醒：", "即将到期")]
    [InlineData("zh-CN", true, "已逾期：", "已逾期")]
    [InlineData("ja-JP", false, "リマインダー：", "期限が近づいています")]
    [InlineData("ja-JP", true, "期限超過：", "期限を過ぎています")]
    public void Reminder_DueSoonOrOverdue(string language, bool overdue, string subjectStart, string lead)
    {
        var mail = MailTemplates.Render(MailKinds.Reminder, language, Model() with { IsOverdue = overdue });

        Assert.StartsWith(subjectStart, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(lead, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void FiscalYearEnd_ShowsEndAs24OClockOfTheLastDayInTheRecipientsZone()
    {
        // End of 2016-03-31 in Tokyo = 2016-03-31T15:00Z.
        var model = Model() with { DueAt = new DateTimeOffset(2016, 3, 31, 15, 0, 0, TimeSpan.Zero) };

        var ja = MailTemplates.Render(MailKinds.FiscalYearEnd, "ja-JP", model);
        var en = MailTemplates.Render(MailKinds.FiscalYearEnd, "en", model);

        Assert.StartsWith("年度末のお知らせ：", ja.Subject, StringComparison.Ordinal);
        Assert.Contains("2016-03-31 24:00（Asia/Tokyo、日本時間）", ja.TextBody, StringComparison.Ordinal);
        Assert.Contains("fund execution", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("2016-03-31 24:00 (Asia/Tokyo, JST)", en.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Your open tasks: 2 (1 overdue)", "[OVERDUE]")]
    [InlineData("zh-CN", "您的待办任务：2 项（其中 1 项已逾期）", "【已逾期】")]
    [InlineData("ja-JP", "未完了のタスク：2 件（うち期限超過 1 件）", "【期限超過】")]
    public void Digest_ListsItemsAndMarksOverdue(string language, string subject, string mark)
    {
        var mail = MailTemplates.Render(MailKinds.Digest, language, Model());

        Assert.Equal(subject, mail.Subject);
        Assert.Contains("- " + mark + " Tianjin training", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Wuhan seminar", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(mark, mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EscapesUserValuesInHtmlButKeepsThemVerbatimInText()
    {
        const string Title = "<script>alert('x')</script> & Co";
        var mail = MailTemplates.Render(MailKinds.TaskOpened, "en", Model(title: Title) with { RecipientName = "<b>Eve</b>" });

        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Eve</b>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(Title, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear <b>Eve</b>,", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownKindOrMissingField_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => MailTemplates.Render("birthday", "en", Model()));
        var ex = Assert.Throws<ArgumentException>(() => MailTemplates.Render(MailKinds.TaskOpened, "en", Model() with { StepName = null }));
        Assert.Contains("StepName", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh", "zh-CN")]
    [InlineData("ja", "ja-JP")]
    [InlineData("fr-FR", "en")]
    [InlineData(null, "en")]
    public void ResolveLanguage_FallsBackToEnglish(string? preferred, string expected)
    {
        Assert.Equal(expected, MailTemplates.ResolveLanguage(preferred));
    }

    [Fact]
    public void CreateMessage_ChineseSubjectAndJapaneseSender_SurviveSerialization()
    {
        var options = new MailOptions { FromAddress = "platform@citycoop.example", FromName = "日中都市間連携プラットフォーム" };
        var message = MailTemplates.CreateMessage(options, MailKinds.TaskOpened, "zh-CN", "wang@example.cn", Model("Asia/Shanghai", "天津市大气污染防治合作") with { RecipientName = "王伟" }, Due.AddDays(-3));

        var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var wire = System.Text.Encoding.ASCII.GetString(buffer.ToArray());
        buffer.Position = 0;
        var parsed = MimeMessage.Load(buffer);

        // On the wire the headers are ASCII (RFC 2047 encoded-words in UTF-8).
        Assert.Contains("=?utf-8?", wire, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("天津", wire.Split("\r\n\r\n")[0], StringComparison.Ordinal);
        Assert.Equal("新任务：天津市大气污染防治合作 – Platform matching", parsed.Subject);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(parsed.From));
        Assert.Equal("日中都市間連携プラットフォーム", from.Name);
        Assert.Equal("platform@citycoop.example", from.Address);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(parsed.To));
        Assert.Equal("王伟", to.Name);
        Assert.False(string.IsNullOrEmpty(parsed.MessageId));
        Assert.EndsWith("@citycoop.example", parsed.MessageId, StringComparison.Ordinal);

        var alternative = Assert.IsType<MultipartAlternative>(parsed.Body);
        Assert.Equal(2, alternative.Count);
        Assert.Contains("北京时间", parsed.TextBody, StringComparison.Ordinal);
        Assert.Contains("天津市大气污染防治合作", parsed.HtmlBody, StringComparison.Ordinal);
        Assert.All(alternative.OfType<TextPart>(), p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));
    }
}
