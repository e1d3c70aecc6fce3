using System.Globalization;
using System.Text.Json;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Json;
using CityCoop.Workflows;

namespace CityCoop.Domain.Proposals;

/// <summary>
/// The JSON shape of an activity recorded through the workflow (inputs <c>activity</c> and <c>consultation</c>):
/// <c>{"kind":"training-visit","startDate":"2014-10-15","endDate":"2014-10-30","sendingCity":"tianjin",
/// "receivingCities":["yokkaichi","kobe"],"traineeCategory":"OperationalStaff","trainees":6,"cost":1200000}</c>.
/// Dates are local calendar dates (yyyy-MM-dd); <c>days</c> may be omitted and is then the inclusive span;
/// <c>cost</c> is a number in the approval's currency. A consultation may say <c>"andOtherBusiness": true</c> (the talks
/// covered more than those named, 协商等) and, for a recorded row of a source document, <c>printedCounterpartsZh</c>, its
/// Chinese counterparts cell as printed. Read with <see cref="JsonInput.Options"/>: a key given twice, a
/// value of the wrong type or a number that is none is refused naming the member.
/// </summary>
public sealed record ActivityInput(
    string? Kind,
    string? StartDate,
    string? EndDate,
    int? Number,
    int? Days,
    string? SendingCity,
    IReadOnlyList<string>? ReceivingCities,
    string? TraineeCategory,
    int? Trainees,
    IReadOnlyList<string>? JapaneseCities,
    string? ChineseCity,
    string? CounterpartsZh,
    string? CounterpartsEn,
    string? Level,
    bool? DecidedToCooperate,
    string? Topic,
    int? Participants,
    string? Institutions,
    string? Title,
    string? Site,
    string? Enterprises,
    decimal? Cost,
    bool? AndOtherBusiness = null,
    string? PrintedCounterpartsZh = null)
{
    /// <summary>Kind names accepted in <see cref="Kind"/>.</summary>
    public static IReadOnlyDictionary<string, ActivityKind> Kinds { get; } = new Dictionary<string, ActivityKind>
    {
        ["on-site-consultation"] = ActivityKind.OnSiteConsultation,
        ["training-visit"] = ActivityKind.TrainingVisit,
        ["local-seminar"] = ActivityKind.LocalSeminar,
        ["joint-research"] = ActivityKind.JointResearch,
        ["model-project"] = ActivityKind.ModelProject,
    };

    /// <summary>Reads the JSON object of an input.</summary>
    /// <exception cref="DomainRuleException">The value is not an object of this shape; the field is the member at fault (<see cref="JsonInput.Refusal"/>), else <paramref name="field"/>.</exception>
    public static ActivityInput FromJson(JsonElement json, string field)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new DomainRuleException(field, DomainText.Of("expected-activity", "An activity is a JSON object.", ("field", field)));
        }

        try
        {
            return json.Deserialize<ActivityInput>(JsonInput.Options) ?? throw new DomainRuleException(field, DomainText.Of("expected-activity", "An activity is a JSON object.", ("field", field)));
        }
        catch (JsonException e)
        {
            // The path names the member at fault ("$.trainees"); readers get that field's label.
            var (member, reason) = JsonInput.Refusal(e, field);
            throw new DomainRuleException(member, reason);
        }
    }

    /// <summary>The cost in the given currency, or null when none is given.</summary>
    public Money? CostIn(Currency currency) => Cost is { } c ? new Money(c, currency) : null;

    /// <summary>Builds the activity; <paramref name="defaultKind"/> applies when <see cref="Kind"/> is absent.</summary>
    /// <exception cref="DomainRuleException">
    /// A field is missing or breaks a rule (an unknown kind, level or trainee category; a date not yyyy-MM-dd; fewer than
    /// 1 trainee or day; free text over <see cref="TextLimits.ActivityText"/> characters); the message names it.
    /// </exception>
    public Activity ToActivity(ActivityKind? defaultKind = null)
    {
        var kind = string.IsNullOrWhiteSpace(Kind) ? defaultKind : Kinds.TryGetValue(Kind, out var k) ? k : null;
        if (kind is null)
        {
            throw string.IsNullOrWhiteSpace(Kind)
                ? new DomainRuleException("kind", DomainText.Of("input-required", "kind is required.", ("field", "kind")))
                : UnknownChoice("kind", Kind, Kinds.Keys);
        }

        var start = Date(StartDate, "startDate");
        var end = EndDate is null ? start : Date(EndDate, "endDate");
        return kind switch
        {
            ActivityKind.TrainingVisit => new TrainingVisit(
                start,
                end,
                Days ?? (end.DayNumber - start.DayNumber + 1),
                Required(SendingCity, "sendingCity"),
                Required(ReceivingCities, "receivingCities"),
                Category(),
                Trainees ?? throw new DomainRuleException("trainees", DomainText.Of("input-required", "trainees is required.", ("field", "trainees"))),
                Number),
            ActivityKind.OnSiteConsultation => new OnSiteConsultation(
                start,
                end,
                Required(JapaneseCities, "japaneseCities"),
                Required(ChineseCity, "chineseCity"),
                CounterpartsZh ?? string.Empty,
                CounterpartsEn ?? string.Empty,
                Level switch
                {
                    "bureau-chief" => ConsultationLevel.BureauChief,
                    "division-chief" => ConsultationLevel.DivisionChief,
                    null or "" or "unspecified" => ConsultationLevel.Unspecified,
                    _ => throw UnknownChoice("level", Level, ["bureau-chief", "division-chief", "unspecified"]),
                },
                DecidedToCooperate ?? false,
                Number,
                AndOtherBusiness ?? false,
                PrintedCounterpartsZh),
            ActivityKind.LocalSeminar => new LocalSeminar(start, end, Required(ChineseCity, "chineseCity"), JapaneseCities ?? [], Topic ?? string.Empty, Participants ?? 0),
            ActivityKind.JointResearch => new JointResearch(start, end, Topic ?? string.Empty, Institutions ?? string.Empty),
            _ => new ModelProject(start, end, Title ?? string.Empty, Site ?? string.Empty, Enterprises ?? string.Empty),
        };
    }

    private static DomainRuleException UnknownChoice(string field, string value, IEnumerable<string> allowed) =>
        new(field, DomainText.UnknownChoice(field, value, allowed));

    private static DateOnly Date(string? text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new DomainRuleException(field, DomainText.Of("date-format", $"{field} must be a date of the form yyyy-MM-dd.", ("field", field)));

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainRuleException(field, DomainText.Of("input-required", $"{field} is required.", ("field", field))) : value.Trim();

    private static IReadOnlyList<string> Required(IReadOnlyList<string>? values, string field) =>
        values is null || values.Count == 0 ? throw new DomainRuleException(field, DomainText.Of("city-required", $"{field} needs at least one city code.", ("field", field))) : values;

    private TraineeCategory Category() =>
        Enum.TryParse<TraineeCategory>(TraineeCategory?.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var c) && Enum.IsDefined(c) && !char.IsAsciiDigit(TraineeCategory![0]) ? c
        : TraineeCategoryNames.Find(TraineeCategory, TraineeCategory)
          ?? (string.IsNullOrWhiteSpace(TraineeCategory)
              ? throw new DomainRuleException("traineeCategory", DomainText.Of("input-required", "traineeCategory is required.", ("field", "traineeCategory")))
              : throw UnknownChoice("traineeCategory", TraineeCategory, ["operational-staff", "administrative-officials", "technical-staff", "administrative-and-operational-staff"]));
}
