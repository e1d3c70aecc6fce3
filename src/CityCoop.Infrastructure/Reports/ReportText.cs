using System.Globalization;
using CityCoop.Domain;
using CityCoop.Domain.Activities;
using CityCoop.Infrastructure.Texts;

namespace CityCoop.Infrastructure.Reports;

/// <summary>Column headings and cell wording of the fiscal-year report in one language (<see cref="ReportStrings"/>).</summary>
public sealed class ReportText
{
    /// <summary>The report's resources, for any language.</summary>
    public static TextCatalog Catalog { get; } = new(typeof(ReportStrings));

    private static readonly string[] ConsultationColumnKeys = ["number", "dates", "japanese", "chinese", "counterparts"];

    private static readonly string[] TrainingVisitColumnKeys = ["number", "dates", "sending", "receiving", "category"];

    private static readonly string[] SeminarColumnKeys = ["number", "dates", "chinese", "japanese", "topic", "participants", "cost"];

    private static readonly string[] ResearchColumnKeys = ["number", "dates", "pair", "topic", "institutions", "cost"];

    private static readonly string[] ModelColumnKeys = ["number", "dates", "pair", "title", "site", "enterprises", "cost"];

    private static readonly Dictionary<string, ReportText> ByLanguage =
        Languages.Codes.ToDictionary(code => code, code => new ReportText(code), StringComparer.Ordinal);

    private ReportText(string language)
    {
        Language = language;
        ConsultationColumns = [.. ConsultationColumnKeys.Select(c => Text("consultation." + c))];
        TrainingVisitColumns = [.. TrainingVisitColumnKeys.Select(c => Text("visit." + c))];
        TotalColumns = [Text("totals.item"), Text("totals.breakdown"), Text("totals.value")];
        ListSeparator = Text("list.separator");
        LocalSeminarColumns = [.. SeminarColumnKeys.Select(c => Text("seminar." + c))];
        JointResearchColumns = [.. ResearchColumnKeys.Select(c => Text("research." + c))];
        ModelProjectColumns = [.. ModelColumnKeys.Select(c => Text("model." + c))];
        FundsColumns = [Text("funds.item"), Text("funds.value")];
        FundsPairColumns = [Text("fundsPair.japanese"), Text("fundsPair.chinese"), Text("fundsPair.proposals"), Text("fundsPair.approved"), Text("fundsPair.spent")];
        FundsKindColumns = [Text("fundsKind.kind"), Text("fundsKind.count"), Text("fundsKind.planned"), Text("fundsKind.actual")];
        FundsLineColumns = [Text("fundsLine.name"), Text("fundsLine.amount"), Text("fundsLine.spent")];
        FundsMonthColumns = [Text("fundsMonth.month"), Text("fundsMonth.committed"), Text("fundsMonth.spent")];
    }

    /// <summary>zh, ja or en.</summary>
    public string Language { get; }

    /// <summary>Headings of the on-site consultations table.</summary>
    public IReadOnlyList<string> ConsultationColumns { get; }

    /// <summary>Headings of the training visits table.</summary>
    public IReadOnlyList<string> TrainingVisitColumns { get; }

    /// <summary>Heading of the totals section: item, breakdown, value. English keeps the machine keys scripts already read.</summary>
    public IReadOnlyList<string> TotalColumns { get; }

    /// <summary>Headings of the local seminars table.</summary>
    public IReadOnlyList<string> LocalSeminarColumns { get; }

    /// <summary>Headings of the joint research table.</summary>
    public IReadOnlyList<string> JointResearchColumns { get; }

    /// <summary>Headings of the model projects table.</summary>
    public IReadOnlyList<string> ModelProjectColumns { get; }

    /// <summary>Heading of the funds summary: item, value (yen). English keeps machine keys, as the totals do.</summary>
    public IReadOnlyList<string> FundsColumns { get; }

    /// <summary>Headings of the funds-by-city-pair table.</summary>
    public IReadOnlyList<string> FundsPairColumns { get; }

    /// <summary>Headings of the funds-by-activity-kind table.</summary>
    public IReadOnlyList<string> FundsKindColumns { get; }

    /// <summary>Headings of the funds-by-budget-line table.</summary>
    public IReadOnlyList<string> FundsLineColumns { get; }

    /// <summary>Headings of the funds-by-month table.</summary>
    public IReadOnlyList<string> FundsMonthColumns { get; }

    /// <summary>Between the names of a list of cities in one cell.</summary>
    public string ListSeparator { get; }

    /// <summary>The wording for a language (any code or culture name; see <see cref="Languages.Code"/>).</summary>
    public static ReportText For(string language) => ByLanguage[Languages.Code(language)];

    /// <summary>A trainee category's name in a language, e.g. 行政干部.</summary>
    public static string TraineeCategory(TraineeCategory category, string language) => For(language).Text("trainee." + category);

    /// <summary>The source's period style, "2014. 8. 5~6", "2014. 11. 24-12. 3", "2015. 1. 25-2. 7"; ISO dates in English.</summary>
    public string Period(DateOnly start, DateOnly end, char separator)
    {
        var head = Date("date.full", start);
        if (start == end)
        {
            return head;
        }

        var tail = start.Year != end.Year ? Date("date.full", end)
            : start.Month != end.Month ? Date("date.sameYear", end)
            : Date("date.sameMonth", end);
        return head + separator + tail;
    }

    /// <summary>The name of a total (keys as in the English CSV, e.g. <c>trainee_days</c>) in this language; an unknown key as is.</summary>
    public string Total(string key) => Catalog.Find("total." + key, Language) ?? key;

    /// <summary>The name of a funds figure (<c>envelope</c>, <c>committed</c>, <c>spent</c>, <c>released</c>, <c>remaining</c>) in this language.</summary>
    public string Funds(string key) => Text("funds." + key);

    /// <summary>An activity kind's name, e.g. 現地セミナー.</summary>
    public string KindName(ActivityKind kind) => Text("kind." + kind);

    /// <summary>A city pair's cell, e.g. 北九州市 ↔ 上海市.</summary>
    public string Pair(string japaneseCities, string chineseCity) =>
        string.Format(CultureInfo.InvariantCulture, Text("pair.format"), japaneseCities, chineseCity);

    /// <summary>A section heading (<c>heading.*</c>) with the fiscal year filled in, e.g. 2014年度 訪日研修.</summary>
    public string Heading(string key, int fiscalYear) => string.Format(CultureInfo.InvariantCulture, Text(key), fiscalYear);

    /// <summary>
    /// The counterparts cell: the level of the consultation and whom it was with, with 等 (en "and other business") when the
    /// talks covered more; in Chinese, a cell a source document printed otherwise is shown as printed.
    /// </summary>
    public string Counterparts(OnSiteConsultation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (Language == "zh" && c.PrintedCounterpartsZh is { } printed)
        {
            return printed;
        }

        var template = Catalog.Find("counterparts." + c.Level, Language) ?? Text("counterparts." + ConsultationLevel.Unspecified);
        var composed = string.Format(CultureInfo.InvariantCulture, template, c.CounterpartsIn(Language));
        return c.AndOtherBusiness ? string.Format(CultureInfo.InvariantCulture, Text("counterparts.andOtherBusiness"), composed) : composed;
    }

    /// <summary>The category and trainees cell, e.g. 行政干部5人 or 5 administrative officials.</summary>
    public string CategoryAndTrainees(TraineeCategory category, int trainees) =>
        string.Format(CultureInfo.InvariantCulture, Text("trainees"), Text("trainee." + category), trainees);

    private string Date(string key, DateOnly date) => string.Format(CultureInfo.InvariantCulture, Text(key), date);

    private string Text(string key) =>
        Catalog.Find(key, Language) ?? throw new InvalidOperationException($"Report text \"{key}\" is missing from ReportStrings.");
}
