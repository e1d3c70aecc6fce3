using System.Globalization;
using System.Text;
using CityCoop.Domain;
using CityCoop.Infrastructure.Texts;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;
using MimeKit;
using MimeKit.Utils;

namespace CityCoop.Infrastructure.Mail;

/// <summary>
/// Renders the notification templates (<see cref="MailKinds"/>) in zh-CN, ja-JP and en, and builds the MIME message:
/// UTF-8, multipart/alternative (plain text first, then HTML), names and subject encoded per RFC 2047 by MimeKit.
/// Each kind is one Liquid template (<c>Templates/&lt;kind&gt;.liquid</c>, embedded) whose <c>part</c> sections give
/// the subject, the HTML and the plain text; <c>layout.liquid</c> adds greeting and footer. The wording comes from
/// <see cref="MailStrings"/> in the recipient's language. HTML is rendered through <see cref="HtmlTextEncoder"/>, so
/// every value (users' titles, names, comments and our own wording) is escaped; plain text keeps values verbatim.
/// </summary>
public static class MailTemplates
{
    /// <summary>The emails' wording (<see cref="MailStrings"/>), also for the parts other writers put in a payload (a list separator).</summary>
    public static TextCatalog Texts { get; } = new(typeof(MailStrings));

    private static readonly FluidParser Parser = new();

    private static readonly EmbeddedFileProvider Files = new EmbeddedFileProvider(typeof(MailTemplates).Assembly, typeof(MailTemplates).Namespace + ".Templates");

    private static readonly Dictionary<string, IFluidTemplate> Templates =
        new[] { "layout" }.Concat(MailKinds.All).ToDictionary(name => name, Load, StringComparer.Ordinal);

    private static readonly Dictionary<string, TemplateOptions> OptionsByLanguage =
        Domain.Languages.Codes.ToDictionary(code => code, OptionsFor, StringComparer.Ordinal);

    // Which fields each kind cannot do without (a new task may have no due date, e.g. preparing a draft).
    private static readonly Dictionary<string, string[]> Needs = new(StringComparer.Ordinal)
    {
        [MailKinds.TaskOpened] = [nameof(MailModel.SubjectTitle), nameof(MailModel.StepName), nameof(MailModel.SubjectUrl)],
        [MailKinds.Reminder] = [nameof(MailModel.SubjectTitle), nameof(MailModel.StepName), nameof(MailModel.DueAt), nameof(MailModel.SubjectUrl)],
        [MailKinds.Escalation] = [nameof(MailModel.SubjectTitle), nameof(MailModel.StepName), nameof(MailModel.AssigneeName), nameof(MailModel.DueAt), nameof(MailModel.SubjectUrl)],
        [MailKinds.FiscalYearEnd] = [nameof(MailModel.DueAt), nameof(MailModel.SubjectTitle), nameof(MailModel.SubjectUrl)],
        [MailKinds.DecisionMade] = [nameof(MailModel.SubjectTitle), nameof(MailModel.ActionName), nameof(MailModel.StepName), nameof(MailModel.SubjectUrl)],
        [MailKinds.ApprovalWithdrawn] = [nameof(MailModel.SubjectTitle), nameof(MailModel.ApprovalActionName), nameof(MailModel.SubjectUrl)],
        [MailKinds.Digest] = [],
    };

    /// <summary>The supported languages (culture names, <see cref="Domain.Languages.CultureNames"/>); any other preference falls back to English.</summary>
    public static IReadOnlyList<string> Languages => Domain.Languages.CultureNames;

    /// <summary>The supported language for a preference: zh* → zh-CN, ja* → ja-JP, anything else → en (<see cref="Domain.Languages.CultureName"/>).</summary>
    public static string ResolveLanguage(string? preferred) => Domain.Languages.CultureName(preferred);

    /// <summary>
    /// An instant in a zone with the zone named, e.g. <c>2015-04-10 18:00 (Asia/Tokyo, JST)</c>; an instant at local midnight
    /// (the end of a business day) is shown as 24:00 of the day that ends.
    /// </summary>
    /// <exception cref="TimeZoneNotFoundException">The zone id is unknown.</exception>
    public static string FormatInstant(DateTimeOffset instant, string timeZoneId, string language)
    {
        var code = Domain.Languages.Code(language);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var shown = Domain.FiscalYears.ProgrammeTimeZones.LocalDateTime(instant, zone);
        var zoneName = Texts.Find("zone." + timeZoneId, code)
            ?? "UTC" + local.Offset.ToString(local.Offset < TimeSpan.Zero ? "\\-hh\\:mm" : "\\+hh\\:mm", CultureInfo.InvariantCulture);
        return string.Format(CultureInfo.InvariantCulture, Text("instant", code), shown, timeZoneId, zoneName);
    }

    /// <summary>Renders one kind in the recipient's language.</summary>
    /// <exception cref="ArgumentException">The kind is unknown, or the model lacks a field the kind needs.</exception>
    public static RenderedMail Render(string kind, string? language, MailModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Needs.TryGetValue(kind, out var needs))
        {
            throw new ArgumentException($"Unknown notification kind \"{kind}\"; known kinds: {string.Join(", ", MailKinds.All)}.", nameof(kind));
        }

        if (needs.FirstOrDefault(field => !Has(model, field)) is { } missing)
        {
            throw new ArgumentException($"A \"{kind}\" message needs {missing}.", nameof(model));
        }

        var code = Domain.Languages.Code(language);
        var culture = Domain.Languages.CultureName(code);
        string Part(string part, System.Text.Encodings.Web.TextEncoder encoder)
        {
            var context = new TemplateContext(OptionsByLanguage[code]);
            context.SetValue("part", part);
            context.SetValue("culture", culture);
            context.SetValue("model", model);
            context.SetValue("items", model.DigestItems.OrderBy(i => i.DueAt).ToArray());
            var body = Templates[kind].Render(context, encoder);
            if (part == "subject")
            {
                return body.Trim();
            }

            context.SetValue("body", body);
            return Templates["layout"].Render(context, encoder);
        }

        return new RenderedMail(culture, Part("subject", NullEncoder.Default), Part("html", HtmlTextEncoder.Instance), Part("text", NullEncoder.Default));
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

    private static bool Has(MailModel model, string field) => field switch
    {
        nameof(MailModel.SubjectTitle) => !string.IsNullOrWhiteSpace(model.SubjectTitle),
        nameof(MailModel.StepName) => !string.IsNullOrWhiteSpace(model.StepName),
        nameof(MailModel.AssigneeName) => !string.IsNullOrWhiteSpace(model.AssigneeName),
        nameof(MailModel.ActionName) => !string.IsNullOrWhiteSpace(model.ActionName),
        nameof(MailModel.ApprovalActionName) => !string.IsNullOrWhiteSpace(model.ApprovalActionName),
        nameof(MailModel.DueAt) => model.DueAt is not null,
        nameof(MailModel.SubjectUrl) => model.SubjectUrl is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "No check for this field."),
    };

    private static IFluidTemplate Load(string name)
    {
        using var reader = new StreamReader(Files.GetFileInfo(name + ".liquid").CreateReadStream(), Encoding.UTF8);
        return Parser.TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Mail template {name}.liquid does not parse: {error}");
    }

    private static string Text(string key, string code) =>
        Texts.Find(key, code) ?? throw new InvalidOperationException($"Mail text \"{key}\" is missing from MailStrings.");

    // The filters a template may use, in one language: t (wording with {0}… filled), instant, provisional, amount, word, about, noun, dash.
    private static TemplateOptions OptionsFor(string code)
    {
        var options = new TemplateOptions { FileProvider = Files, Greedy = false };
        options.MemberAccessStrategy.Register<MailModel>();
        options.MemberAccessStrategy.Register<DigestItem>();
        options.MemberAccessStrategy.Register<MailChange>();
        // A link is its absolute, escaped form (Uri.ToString() would unescape it).
        options.ValueConverters.Add(value => value is Uri uri ? new StringValue(uri.AbsoluteUri) : null);
        options.Filters.AddFilter("t", (input, arguments, _) => Value(string.Format(
            CultureInfo.InvariantCulture, Text(input.ToStringValue(), code), [.. Enumerable.Range(0, arguments.Count).Select(i => (object)arguments.At(i).ToStringValue())])));
        options.Filters.AddFilter("instant", (input, arguments, _) => Value(
            input.ToObjectValue() is DateTimeOffset instant ? FormatInstant(instant, arguments.At(0).ToStringValue(), code) : string.Empty));
        options.Filters.AddFilter("provisional", (input, arguments, _) => Value(ProvisionalNote(code, input.IsNil() ? null : input.ToStringValue(), arguments.At(0))));
        options.Filters.AddFilter("amount", (input, arguments, _) => Value(input.IsNil() ? string.Empty
            : $"{input.ToNumberValue().ToString("#,0.##", CultureInfo.InvariantCulture)} {arguments.At(0).ToStringValue()}".TrimEnd()));
        // A word of the mail texts (action.approve → 承認); without one, the second argument (the definition's display
        // name: a memorandum's confirm → 確認), else the value itself.
        options.Filters.AddFilter("word", (input, arguments, _) => Value(input.IsNil() ? "—"
            : Texts.Find(arguments.At(0).ToStringValue() + input.ToStringValue(), code)
              ?? (arguments.Count > 1 && !arguments.At(1).IsNil() ? arguments.At(1).ToStringValue() : input.ToStringValue())));
        // The subject as the text names it: "the proposal “…”" for a type with wording of its own, else its title in quotes.
        options.Filters.AddFilter("about", (input, arguments, _) => Value(string.Format(
            CultureInfo.InvariantCulture, Texts.Find("about." + arguments.At(0).ToStringValue(), code) ?? Text("about", code), input.ToStringValue())));
        options.Filters.AddFilter("noun", (input, _, _) => Value(Texts.Find("label." + input.ToStringValue(), code) ?? Text("label.subject", code)));
        options.Filters.AddFilter("dash", (input, _, _) => Value(input.IsNil() ? "—" : input.ToStringValue()));
        return options;
    }

    private static ValueTask<FluidValue> Value(string text) => new(new StringValue(text));

    // A due date counted on a holiday calendar computed from the law says so, as the pages do.
    private static string ProvisionalNote(string code, string? country, FluidValue year) =>
        country is null || year.IsNil()
            ? string.Empty
            : string.Format(CultureInfo.InvariantCulture, Text("provisional.note", code), string.Format(
                CultureInfo.InvariantCulture, Text("provisional", code), Texts.Find("country." + country, code) ?? country, year.ToStringValue()));
}
