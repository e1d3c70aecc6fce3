using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Memorandums;
using CityCoop.Domain.Proposals;
using CityCoop.Workflows;

namespace CityCoop.Server.Pages.Memorandums;

/// <summary>A pair row of the plan form as typed: city codes, empty when not chosen.</summary>
public sealed record PlanPairRow(string Japanese, string Chinese);

/// <summary>A visit row of the plan form as typed: a Chinese city code and a month (<c>yyyy-MM</c>), empty when not given.</summary>
public sealed record PlanVisitRow(string City, string Month);

/// <summary>
/// The <c>record-plan</c> form of the memorandum page: rows of a Japanese and a Chinese city, a number per activity kind,
/// rows of a Chinese city and a month, a summary. It is read from the memorandum (to show) or from the posted form (to
/// show again as typed after a refusal), and it is the one place that maps the form to the action's <c>plan</c> input
/// (<see cref="ToPlanInput"/>, the shape <see cref="MemorandumPlan.FromJson"/> reads); the rules are the domain's.
/// </summary>
/// <param name="Pairs">Pair rows, in order.</param>
/// <param name="Counts">Typed number per activity kind name (<c>local-seminar</c>); a kind without one is not planned.</param>
/// <param name="Visits">Visit rows, in order.</param>
/// <param name="Summary">The summary as typed.</param>
public sealed record MemorandumPlanForm(IReadOnlyList<PlanPairRow> Pairs, IReadOnlyDictionary<string, string> Counts, IReadOnlyList<PlanVisitRow> Visits, string Summary)
{
    /// <summary>Field of a pair row's Japanese city (repeated, one per row).</summary>
    public const string PairJapanese = "pairJapanese";

    /// <summary>Field of a pair row's Chinese city (repeated, one per row).</summary>
    public const string PairChinese = "pairChinese";

    /// <summary>Prefix of an activity kind's number field (<c>count-local-seminar</c>).</summary>
    public const string CountPrefix = "count-";

    /// <summary>Field of a visit row's Chinese city (repeated).</summary>
    public const string VisitCity = "visitCity";

    /// <summary>Field of a visit row's month, <c>yyyy-MM</c> (repeated).</summary>
    public const string VisitMonth = "visitMonth";

    /// <summary>Field of the summary.</summary>
    public const string SummaryField = "summary";

    /// <summary>Empty rows the form offers after the filled ones, for pairs and for visits.</summary>
    public const int BlankRows = 3;

    /// <summary>The activity kinds by their input names, in the order of programme.md "Kinds of activity".</summary>
    public static IReadOnlyDictionary<string, ActivityKind> Kinds => ActivityInput.Kinds;

    /// <summary>The pair rows to render: the filled ones, then <see cref="BlankRows"/> empty ones.</summary>
    public IEnumerable<PlanPairRow> PairRows => Pairs.Concat(Enumerable.Repeat(new PlanPairRow(string.Empty, string.Empty), BlankRows));

    /// <summary>The visit rows to render: the filled ones, then <see cref="BlankRows"/> empty ones.</summary>
    public IEnumerable<PlanVisitRow> VisitRows => Visits.Concat(Enumerable.Repeat(new PlanVisitRow(string.Empty, string.Empty), BlankRows));

    /// <summary>The form filled with a memorandum's plan (empty before one is recorded).</summary>
    public static MemorandumPlanForm Of(FiscalYearMemorandum memorandum)
    {
        ArgumentNullException.ThrowIfNull(memorandum);
        return new MemorandumPlanForm(
            [.. memorandum.Pairs.Select(p => new PlanPairRow(p.JapaneseCityCode, p.ChineseCityCode))],
            Kinds.Where(k => memorandum.Activities.Any(a => a.Kind == k.Value))
                .ToDictionary(k => k.Key, k => memorandum.Activities.First(a => a.Kind == k.Value).Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal),
            [.. memorandum.Visits.Select(v => new PlanVisitRow(v.ChineseCityCode, v.MonthText))],
            memorandum.Summary);
    }

    /// <summary>The form as posted; rows left entirely empty are dropped.</summary>
    public static MemorandumPlanForm Of(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var japanese = form[PairJapanese];
        var chinese = form[PairChinese];
        var pairs = Enumerable.Range(0, Math.Max(japanese.Count, chinese.Count))
            .Select(i => new PlanPairRow(At(japanese, i), At(chinese, i)))
            .Where(r => r.Japanese.Length > 0 || r.Chinese.Length > 0)
            .ToList();
        var cities = form[VisitCity];
        var months = form[VisitMonth];
        var visits = Enumerable.Range(0, Math.Max(cities.Count, months.Count))
            .Select(i => new PlanVisitRow(At(cities, i), At(months, i)))
            .Where(r => r.City.Length > 0 || r.Month.Length > 0)
            .ToList();
        var counts = Kinds.Keys
            .Select(k => (Kind: k, Text: form[CountPrefix + k].ToString().Trim()))
            .Where(c => c.Text.Length > 0)
            .ToDictionary(c => c.Kind, c => c.Text, StringComparer.Ordinal);
        return new MemorandumPlanForm(pairs, counts, visits, form[SummaryField].ToString());
    }

    /// <summary>
    /// The <c>plan</c> input: <c>{"pairs":[{"japanese","chinese"}],"activities":[{"kind","count"}],"visits":[{"city","month"}],"summary"}</c>.
    /// A half-filled row is passed on with its empty side as null, so the domain names what is missing.
    /// </summary>
    /// <exception cref="DomainRuleException">A number is not a whole number (read as <see cref="NumberText"/> reads every typed number; field <c>activities.count</c>).</exception>
    public JsonElement ToPlanInput() => JsonSerializer.SerializeToElement(new
    {
        pairs = Pairs.Select(p => new { japanese = NullIfEmpty(p.Japanese), chinese = NullIfEmpty(p.Chinese) }).ToList(),
        activities = Counts.Select(c => new { kind = c.Key, count = NumberText.ParseInteger(c.Value, "activities.count") }).ToList(),
        visits = Visits.Select(v => new { city = NullIfEmpty(v.City), month = NullIfEmpty(v.Month) }).ToList(),
        summary = Summary,
    });

    /// <summary>The typed number of an activity kind, or empty.</summary>
    public string CountOf(string kind) => Counts.TryGetValue(kind, out var count) ? count : string.Empty;

    private static string At(Microsoft.Extensions.Primitives.StringValues values, int index) => index < values.Count ? values[index]?.Trim() ?? string.Empty : string.Empty;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
