using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace CityCoop.Infrastructure.Mail;

/// <summary>
/// Renders the notification templates (<see cref="MailKinds"/>) in zh-CN, ja-JP and en, and builds the MIME message:
/// UTF-8, multipart/alternative (plain text first, then HTML), names and subject encoded per RFC 2047 by MimeKit.
/// </summary>
public static class MailTemplates
{
    /// <summary>The supported languages; any other preference falls back to English.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["zh-CN", "ja-JP", "en"];

    // {0}, {1}… are filled by Format with escaped values in HTML and verbatim values in plain text.
    private static readonly Dictionary<string, Texts> ByLanguage = new(StringComparer.Ordinal)
    {
        ["en"] = new Texts
        {
            WithdrawnSubject = "Your approval was withdrawn: {0}",
            WithdrawnLead = "Your approval “{1}” of the proposal “{0}” was withdrawn: what you approved has changed since. The step needs your approval again if you agree with the proposal as it is now.",
            ChangedBy = "Changed by: {0}",
            WithdrawnPartner = "Partner cities: {0} → {1}",
            WithdrawnMatches = "Matched items: removed {0}; added {1}",
            WithdrawnKind = "Cooperation kind: {0} → {1}",
            WithdrawnContent = "The proposal was changed after your approval.",
            KindNames = new(StringComparer.Ordinal) { ["New"] = "new cooperation", ["Strengthened"] = "strengthened cooperation", ["Continuing"] = "continuing cooperation" },
            Provisional = "provisional — {0}'s {1} holiday schedule is not published yet",
            CountryNames = new(StringComparer.Ordinal) { ["JP"] = "Japan", ["CN"] = "China" },
            Greeting = "Dear {0},",
            Proposal = "Proposal",
            Step = "Step",
            Due = "Due",
            Open = "Open the proposal",
            TaskOpenedSubject = "New task: {0} – {1}",
            TaskOpenedLead = "You have a new task on the proposal “{0}”.",
            ReminderSubject = "Reminder: {0} – {1} is due soon",
            ReminderLead = "Your task “{1}” on the proposal “{0}” is due soon.",
            OverdueSubject = "Overdue: {0} – {1}",
            OverdueLead = "Your task “{1}” on the proposal “{0}” is overdue.",
            EscalationSubject = "Escalation: {0} – {1} is overdue by {2} business days",
            EscalationLead = "The task “{1}” on the proposal “{0}”, held by {3}, is overdue by {2} business days. As supervisor, please follow up.",
            FiscalYearEndSubject = "Fiscal year ends soon: {0}",
            FiscalYearEndLead = "The fiscal year ends at {1}. The proposal “{0}” is still in fund execution: please record its costs, file its reports and close it before then.",
            DecisionSubject = "Decision on {0}: {1}",
            DecisionLead = "The step “{2}” on the proposal “{0}” has been decided: {1}.",
            DecisionAmount = "Approved amount: {0} (requested: {1}).",
            DecisionComment = "Comment: {0}",
            ActionNames = new(StringComparer.Ordinal) { ["approve"] = "approved", ["return"] = "returned for revision", ["reject"] = "rejected", ["withdraw"] = "withdrawn", ["close"] = "closed", ["expire"] = "closed at the fiscal-year end" },
            DigestSubject = "Your open tasks: {0} ({1} overdue)",
            DigestLead = "These are your open tasks:",
            DigestEmpty = "You have no open tasks.",
            OverdueMark = "[OVERDUE]",
            Footer = "This message was sent by CityCoop.",
            ZoneNames = new(StringComparer.Ordinal) { ["Asia/Tokyo"] = "JST", ["Asia/Shanghai"] = "CST" },
            ZoneFormat = "{0} ({1}, {2})",
        },
        ["zh-CN"] = new Texts
        {
            WithdrawnSubject = "您的批准已撤销：{0}",
            WithdrawnLead = "您对提案“{0}”的批准（“{1}”）已撤销：您批准的内容此后有了变更。如您同意提案的现有内容，请重新批准。",
            ChangedBy = "变更人：{0}",
            WithdrawnPartner = "合作城市：{0} → {1}",
            WithdrawnMatches = "匹配项目：删除 {0}；新增 {1}",
            WithdrawnKind = "协作类别：{0} → {1}",
            WithdrawnContent = "您批准后，提案内容有了变更。",
            KindNames = new(StringComparer.Ordinal) { ["New"] = "新协作", ["Strengthened"] = "加强现有协作", ["Continuing"] = "持续现有协作" },
            Provisional = "暂定：{0} {1} 年的节假日安排尚未公布",
            CountryNames = new(StringComparer.Ordinal) { ["JP"] = "日本", ["CN"] = "中国" },
            Greeting = "{0}，您好：",
            Proposal = "提案",
            Step = "步骤",
            Due = "截止时间",
            Open = "打开提案",
            TaskOpenedSubject = "新任务：{0} – {1}",
            TaskOpenedLead = "您有一项新任务，涉及提案“{0}”。",
            ReminderSubject = "提醒：{0} – {1} 即将到期",
            ReminderLead = "您在提案“{0}”中的任务“{1}”即将到期。",
            OverdueSubject = "已逾期：{0} – {1}",
            OverdueLead = "您在提案“{0}”中的任务“{1}”已逾期。",
            EscalationSubject = "升级提醒：{0} – {1} 已逾期 {2} 个工作日",
            EscalationLead = "由 {3} 负责的提案“{0}”中的任务“{1}”已逾期 {2} 个工作日。请您作为主管跟进。",
            FiscalYearEndSubject = "财年即将结束：{0}",
            FiscalYearEndLead = "本财年将于 {1} 结束。提案“{0}”仍处于资金执行阶段，请在此之前登记费用、提交报告并完成结项。",
            DecisionSubject = "提案决定：{0}（{1}）",
            DecisionLead = "提案“{0}”的步骤“{2}”已有决定：{1}。",
            DecisionAmount = "批准金额：{0}（申请金额：{1}）。",
            DecisionComment = "意见：{0}",
            ActionNames = new(StringComparer.Ordinal) { ["approve"] = "批准", ["return"] = "退回修改", ["reject"] = "驳回", ["withdraw"] = "撤回", ["close"] = "结束", ["expire"] = "财年结束时自动结束" },
            DigestSubject = "您的待办任务：{0} 项（其中 {1} 项已逾期）",
            DigestLead = "您的待办任务如下：",
            DigestEmpty = "您目前没有待办任务。",
            OverdueMark = "【已逾期】",
            Footer = "此邮件由 CityCoop 发送。",
            ZoneNames = new(StringComparer.Ordinal) { ["Asia/Tokyo"] = "日本时间", ["Asia/Shanghai"] = "北京时间" },
            ZoneFormat = "{0}（{1}，{2}）",
        },
        ["ja-JP"] = new Texts
        {
            WithdrawnSubject = "承認が取り消されました：{0}",
            WithdrawnLead = "提案「{0}」に対するあなたの承認（「{1}」）は、承認した内容がその後変更されたため取り消されました。現在の内容に同意される場合は、改めて承認してください。",
            ChangedBy = "変更者：{0}",
            WithdrawnPartner = "相手都市：{0} → {1}",
            WithdrawnMatches = "マッチング項目：削除 {0}、追加 {1}",
            WithdrawnKind = "協力の区分：{0} → {1}",
            WithdrawnContent = "承認の後に提案の内容が変更されました。",
            KindNames = new(StringComparer.Ordinal) { ["New"] = "新規協力", ["Strengthened"] = "既存協力の強化", ["Continuing"] = "既存協力の継続" },
            Provisional = "暫定：{0}の{1}年の休日はまだ公表されていません",
            CountryNames = new(StringComparer.Ordinal) { ["JP"] = "日本", ["CN"] = "中国" },
            Greeting = "{0} 様",
            Proposal = "提案",
            Step = "ステップ",
            Due = "期限",
            Open = "提案を開く",
            TaskOpenedSubject = "新しいタスク：{0} – {1}",
            TaskOpenedLead = "提案「{0}」について新しいタスクがあります。",
            ReminderSubject = "リマインダー：{0} – {1} の期限が近づいています",
            ReminderLead = "提案「{0}」のタスク「{1}」の期限が近づいています。",
            OverdueSubject = "期限超過：{0} – {1}",
            OverdueLead = "提案「{0}」のタスク「{1}」は期限を過ぎています。",
            EscalationSubject = "エスカレーション：{0} – {1} が {2} 営業日超過",
            EscalationLead = "{3} さんが担当する提案「{0}」のタスク「{1}」は期限を {2} 営業日過ぎています。上長として対応をお願いします。",
            FiscalYearEndSubject = "年度末のお知らせ：{0}",
            FiscalYearEndLead = "今年度は {1} に終了します。提案「{0}」はまだ資金執行中です。それまでに経費の記録、報告書の提出、完了手続きを行ってください。",
            DecisionSubject = "提案の決定：{0}（{1}）",
            DecisionLead = "提案「{0}」のステップ「{2}」が決定されました：{1}。",
            DecisionAmount = "承認額：{0}（申請額：{1}）。",
            DecisionComment = "コメント：{0}",
            ActionNames = new(StringComparer.Ordinal) { ["approve"] = "承認", ["return"] = "差し戻し", ["reject"] = "却下", ["withdraw"] = "取り下げ", ["close"] = "完了", ["expire"] = "年度末による自動終了" },
            DigestSubject = "未完了のタスク：{0} 件（うち期限超過 {1} 件）",
            DigestLead = "未完了のタスクは次のとおりです：",
            DigestEmpty = "未完了のタスクはありません。",
            OverdueMark = "【期限超過】",
            Footer = "このメールは CityCoop から送信されました。",
            ZoneNames = new(StringComparer.Ordinal) { ["Asia/Tokyo"] = "日本時間", ["Asia/Shanghai"] = "中国時間" },
            ZoneFormat = "{0}（{1}、{2}）",
        },
    };

    /// <summary>The supported language for a preference: zh* → zh-CN, ja* → ja-JP, anything else → en.</summary>
    public static string ResolveLanguage(string? preferred) => preferred switch
    {
        not null when preferred.StartsWith("zh", StringComparison.OrdinalIgnoreCase) => "zh-CN",
        not null when preferred.StartsWith("ja", StringComparison.OrdinalIgnoreCase) => "ja-JP",
        _ => "en",
    };

    /// <summary>
    /// An instant in a zone with the zone named, e.g. <c>2015-04-10 18:00 (Asia/Tokyo, JST)</c>; an instant at local midnight
    /// (the end of a business day) is shown as 24:00 of the day that ends.
    /// </summary>
    /// <exception cref="TimeZoneNotFoundException">The zone id is unknown.</exception>
    public static string FormatInstant(DateTimeOffset instant, string timeZoneId, string language)
    {
        var texts = ByLanguage[ResolveLanguage(language)];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var shown = Domain.FiscalYears.ProgrammeTimeZones.LocalDateTime(instant, zone);
        var zoneName = texts.ZoneNames.TryGetValue(timeZoneId, out var name)
            ? name
            : "UTC" + local.Offset.ToString(local.Offset < TimeSpan.Zero ? "\\-hh\\:mm" : "\\+hh\\:mm", CultureInfo.InvariantCulture);
        return string.Format(CultureInfo.InvariantCulture, texts.ZoneFormat, shown, timeZoneId, zoneName);
    }

    /// <summary>Renders one kind in the recipient's language.</summary>
    /// <exception cref="ArgumentException">The kind is unknown, or the model lacks a field the kind needs.</exception>
    public static RenderedMail Render(string kind, string? language, MailModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var lang = ResolveLanguage(language);
        var t = ByLanguage[lang];
        var html = new StringBuilder();
        var text = new StringBuilder();
        string subject;

        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\"></head><body>\n");
        Paragraph(html, text, Format(t.Greeting, model.RecipientName));

        switch (kind)
        {
            case MailKinds.TaskOpened:
                subject = Format(t.TaskOpenedSubject, Need(model.ProposalTitle, kind), Need(model.StepName, kind)).Text;
                Paragraph(html, text, Format(t.TaskOpenedLead, model.ProposalTitle!));
                TaskDetails(html, text, t, model, lang, kind);
                break;
            case MailKinds.Reminder:
                subject = Format(model.IsOverdue ? t.OverdueSubject : t.ReminderSubject, Need(model.ProposalTitle, kind), Need(model.StepName, kind)).Text;
                Paragraph(html, text, Format(model.IsOverdue ? t.OverdueLead : t.ReminderLead, model.ProposalTitle!, model.StepName!));
                TaskDetails(html, text, t, model, lang, kind);
                break;
            case MailKinds.Escalation:
                var days = model.OverdueBusinessDays.ToString(CultureInfo.InvariantCulture);
                subject = Format(t.EscalationSubject, Need(model.ProposalTitle, kind), Need(model.StepName, kind), days).Text;
                Paragraph(html, text, Format(t.EscalationLead, model.ProposalTitle!, model.StepName!, days, Need(model.AssigneeName, kind)));
                TaskDetails(html, text, t, model, lang, kind);
                break;
            case MailKinds.FiscalYearEnd:
                var end = FormatInstant(model.DueAt ?? throw Missing(nameof(MailModel.DueAt), kind), model.TimeZoneId, lang);
                subject = Format(t.FiscalYearEndSubject, Need(model.ProposalTitle, kind)).Text;
                Paragraph(html, text, Format(t.FiscalYearEndLead, model.ProposalTitle!, end));
                Link(html, text, t, model.ProposalUrl ?? throw Missing(nameof(MailModel.ProposalUrl), kind));
                break;
            case MailKinds.DecisionMade:
                var decision = t.ActionNames.GetValueOrDefault(Need(model.ActionName, kind), model.ActionName!);
                subject = Format(t.DecisionSubject, Need(model.ProposalTitle, kind), decision).Text;
                Paragraph(html, text, Format(t.DecisionLead, model.ProposalTitle!, decision, Need(model.StepName, kind)));
                if (model.ActionName == "approve" && model.ApprovedAmount is { } approved)
                {
                    Paragraph(html, text, Format(t.DecisionAmount, Amount(approved, model.Currency), Amount(model.RequestedAmount ?? approved, model.Currency)));
                }

                if (!string.IsNullOrWhiteSpace(model.Comment))
                {
                    Paragraph(html, text, Format(t.DecisionComment, model.Comment));
                }

                Link(html, text, t, model.ProposalUrl ?? throw Missing(nameof(MailModel.ProposalUrl), kind));
                break;
            case MailKinds.ApprovalWithdrawn:
                subject = Format(t.WithdrawnSubject, Need(model.ProposalTitle, kind)).Text;
                Paragraph(html, text, Format(t.WithdrawnLead, model.ProposalTitle!, Need(model.ApprovalActionName, kind)));
                Withdrawal(html, text, t, model);
                Link(html, text, t, model.ProposalUrl ?? throw Missing(nameof(MailModel.ProposalUrl), kind));
                break;
            case MailKinds.Digest:
                var overdue = model.DigestItems.Count(i => i.IsOverdue).ToString(CultureInfo.InvariantCulture);
                subject = Format(t.DigestSubject, model.DigestItems.Count.ToString(CultureInfo.InvariantCulture), overdue).Text;
                Digest(html, text, t, model, lang);
                break;
            default:
                throw new ArgumentException($"Unknown notification kind \"{kind}\"; known kinds: {string.Join(", ", MailKinds.All)}.", nameof(kind));
        }

        html.Append("<p style=\"color:#666\">").Append(WebUtility.HtmlEncode(t.Footer)).Append("</p>\n</body></html>\n");
        text.Append("-- \n").Append(t.Footer).Append('\n');
        return new RenderedMail(lang, subject, html.ToString(), text.ToString());
    }

    /// <summary>Builds the message: From with display name, To with the recipient's name, subject, Message-Id, Date, and a multipart/alternative UTF-8 body.</summary>
    /// <exception cref="ArgumentException">An address cannot be parsed.</exception>
    public static MimeMessage CreateMessage(MailOptions options, string recipientAddress, string recipientName, RenderedMail mail, DateTimeOffset? date = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mail);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(Encoding.UTF8, options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(Encoding.UTF8, recipientName, recipientAddress));
        message.Subject = mail.Subject;
        message.Date = date ?? DateTimeOffset.UtcNow;
        var domain = options.FromAddress[(options.FromAddress.LastIndexOf('@') + 1)..];
        message.MessageId = MimeUtils.GenerateMessageId(domain.Length > 0 ? domain : "citycoop.local");
        message.Headers.Add(HeaderId.ContentLanguage, mail.Language);

        var plain = new TextPart("plain");
        plain.SetText(Encoding.UTF8, mail.TextBody);
        var html = new TextPart("html");
        html.SetText(Encoding.UTF8, mail.HtmlBody);
        message.Body = new MultipartAlternative { plain, html };
        return message;
    }

    /// <summary>Renders the kind in the recipient's language and builds the message in one step.</summary>
    /// <exception cref="ArgumentException">The kind is unknown, the model lacks a field, or an address cannot be parsed.</exception>
    public static MimeMessage CreateMessage(MailOptions options, string kind, string? language, string recipientAddress, MailModel model, DateTimeOffset? date = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return CreateMessage(options, recipientAddress, model.RecipientName, Render(kind, language, model), date);
    }

    private static void TaskDetails(StringBuilder html, StringBuilder text, Texts t, MailModel model, string lang, string kind)
    {
        // A new task may have no due date (e.g. preparing a draft); reminders and escalations always have one.
        if (model.DueAt is null && kind != MailKinds.TaskOpened)
        {
            throw Missing(nameof(MailModel.DueAt), kind);
        }

        html.Append("<table>\n");
        Row(html, text, t.Proposal, model.ProposalTitle!);
        Row(html, text, t.Step, model.StepName!);
        if (model.DueAt is { } dueAt)
        {
            Row(html, text, t.Due, FormatInstant(dueAt, model.TimeZoneId, lang) + ProvisionalNote(t, model.DueProvisionalCountry, model.DueProvisionalYear));
        }
        html.Append("</table>\n");
        text.Append('\n');
        Link(html, text, t, model.ProposalUrl ?? throw Missing(nameof(MailModel.ProposalUrl), kind));
    }

    private static void Withdrawal(StringBuilder html, StringBuilder text, Texts t, MailModel model)
    {
        html.Append("<ul>\n");
        foreach (var change in model.Changes.Count == 0 ? [null] : model.Changes.Cast<MailChange?>())
        {
            var (line, plain) = change?.Kind switch
            {
                MailChange.Partner => Format(t.WithdrawnPartner, change.From ?? "—", change.To ?? "—"),
                MailChange.Matches => Format(t.WithdrawnMatches, change.From ?? "—", change.To ?? "—"),
                MailChange.CooperationKind => Format(t.WithdrawnKind, t.KindNames.GetValueOrDefault(change.From ?? string.Empty, change.From ?? "—"), t.KindNames.GetValueOrDefault(change.To ?? string.Empty, change.To ?? "—")),
                _ => Format(t.WithdrawnContent),
            };
            html.Append("<li>").Append(line).Append("</li>\n");
            text.Append("- ").Append(plain).Append('\n');
        }

        html.Append("</ul>\n");
        text.Append('\n');
        if (!string.IsNullOrWhiteSpace(model.ChangedBy))
        {
            Paragraph(html, text, Format(t.ChangedBy, model.ChangedBy));
        }
    }

    private static void Digest(StringBuilder html, StringBuilder text, Texts t, MailModel model, string lang)
    {
        if (model.DigestItems.Count == 0)
        {
            Paragraph(html, text, Format(t.DigestEmpty));
            return;
        }

        Paragraph(html, text, Format(t.DigestLead));
        html.Append("<ul>\n");
        foreach (var item in model.DigestItems.OrderBy(i => i.DueAt))
        {
            var due = FormatInstant(item.DueAt, model.TimeZoneId, lang) + ProvisionalNote(t, item.ProvisionalCountry, item.ProvisionalYear);
            var mark = item.IsOverdue ? t.OverdueMark + " " : string.Empty;
            html.Append("<li>");
            if (item.IsOverdue)
            {
                html.Append("<strong style=\"color:#b00\">").Append(WebUtility.HtmlEncode(t.OverdueMark)).Append("</strong> ");
            }

            html.Append("<a href=\"").Append(WebUtility.HtmlEncode(item.ProposalUrl.AbsoluteUri)).Append("\">")
                .Append(WebUtility.HtmlEncode(item.ProposalTitle)).Append("</a> – ")
                .Append(WebUtility.HtmlEncode(item.StepName)).Append(" – ")
                .Append(WebUtility.HtmlEncode(t.Due)).Append(": ").Append(WebUtility.HtmlEncode(due)).Append("</li>\n");
            text.Append("- ").Append(mark).Append(item.ProposalTitle).Append(" – ").Append(item.StepName)
                .Append(" – ").Append(t.Due).Append(": ").Append(due).Append('\n')
                .Append("  ").Append(item.ProposalUrl.AbsoluteUri).Append('\n');
        }

        html.Append("</ul>\n");
        text.Append('\n');
    }

    // A due date counted on a holiday calendar computed from the law says so, as the pages do.
    private static string ProvisionalNote(Texts t, string? country, int? year) =>
        country is null || year is not { } y
            ? string.Empty
            : (t.ZoneFormat.StartsWith("{0}（", StringComparison.Ordinal) ? "（" : " (")
                + string.Format(CultureInfo.InvariantCulture, t.Provisional, t.CountryNames.GetValueOrDefault(country, country), y)
                + (t.ZoneFormat.StartsWith("{0}（", StringComparison.Ordinal) ? "）" : ")");

    private static void Row(StringBuilder html, StringBuilder text, string label, string value)
    {
        html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(label)).Append("</th><td>")
            .Append(WebUtility.HtmlEncode(value)).Append("</td></tr>\n");
        text.Append(label).Append(": ").Append(value).Append('\n');
    }

    private static void Link(StringBuilder html, StringBuilder text, Texts t, Uri url)
    {
        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(url.AbsoluteUri)).Append("\">")
            .Append(WebUtility.HtmlEncode(t.Open)).Append("</a></p>\n");
        text.Append(t.Open).Append(": ").Append(url.AbsoluteUri).Append("\n\n");
    }

    private static void Paragraph(StringBuilder html, StringBuilder text, (string Html, string Text) content)
    {
        html.Append("<p>").Append(content.Html).Append("</p>\n");
        text.Append(content.Text).Append("\n\n");
    }

    // The template text is ours; the arguments may come from users, so each is escaped for HTML and kept verbatim for plain text.
    private static (string Html, string Text) Format(string template, params string[] args) =>
        (string.Format(CultureInfo.InvariantCulture, WebUtility.HtmlEncode(template), [.. args.Select(a => (object)WebUtility.HtmlEncode(a))]),
         string.Format(CultureInfo.InvariantCulture, template, [.. args.Cast<object>()]));

    private static string Amount(decimal amount, string? currency) =>
        $"{amount.ToString("#,0.##", CultureInfo.InvariantCulture)} {currency}".TrimEnd();

    private static string Need(string? value, string kind, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string field = "") =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(field.Replace("model.", string.Empty, StringComparison.Ordinal), kind) : value;

    private static ArgumentException Missing(string field, string kind) =>
        new($"A \"{kind}\" message needs {field}.");

    private sealed class Texts
    {
        public required string Greeting { get; init; }

        public required string WithdrawnSubject { get; init; }

        public required string WithdrawnLead { get; init; }

        public required string ChangedBy { get; init; }

        public required string WithdrawnPartner { get; init; }

        public required string WithdrawnMatches { get; init; }

        public required string WithdrawnKind { get; init; }

        public required string WithdrawnContent { get; init; }

        public required Dictionary<string, string> KindNames { get; init; }

        public required string Proposal { get; init; }

        public required string Step { get; init; }

        public required string Due { get; init; }

        public required string Provisional { get; init; }

        public required Dictionary<string, string> CountryNames { get; init; }

        public required string Open { get; init; }

        public required string TaskOpenedSubject { get; init; }

        public required string TaskOpenedLead { get; init; }

        public required string ReminderSubject { get; init; }

        public required string ReminderLead { get; init; }

        public required string OverdueSubject { get; init; }

        public required string OverdueLead { get; init; }

        public required string EscalationSubject { get; init; }

        public required string EscalationLead { get; init; }

        public required string FiscalYearEndSubject { get; init; }

        public required string FiscalYearEndLead { get; init; }

        public required string DecisionSubject { get; init; }

        public required string DecisionLead { get; init; }

        public required string DecisionAmount { get; init; }

        public required string DecisionComment { get; init; }

        public required Dictionary<string, string> ActionNames { get; init; }

        public required string DigestSubject { get; init; }

        public required string DigestLead { get; init; }

        public required string DigestEmpty { get; init; }

        public required string OverdueMark { get; init; }

        public required string Footer { get; init; }

        public required Dictionary<string, string> ZoneNames { get; init; }

        public required string ZoneFormat { get; init; }
    }
}
