using System.Globalization;
using System.Text;
using CityCoop.Domain;
using CityCoop.Workflows;

namespace CityCoop.Server.Resources;

/// <summary>
/// Renders the engine's and the domain's coded sentences (<see cref="DomainText"/>) in the reader's language from the
/// <c>msg.*</c> rows of <see cref="UiText"/>: cities, tasks, actions and states by their display names, amounts with
/// the currency in words. A code without a row is shown in its English wording, so a new rule is never hidden.
/// </summary>
/// <param name="language">zh, ja or en.</param>
/// <param name="definition">The workflow version whose task, action and state names apply, or null for raw names.</param>
/// <param name="city">A city's name in the language, from its code.</param>
public sealed class EngineText(string language, WorkflowDefinition? definition, Func<string, string> city)
{
    private static readonly HashSet<string> MoneyArguments = new(StringComparer.Ordinal) { "amount", "requested", "cost", "remaining", "envelope", "committed", "approved", "lines", "spent", "released", "held", "fromAmount", "toAmount", "paid" };

    /// <summary>
    /// Labels for fields a form names otherwise than <c>field.*</c> does (the expense form's <c>amount</c> is the amount
    /// paid, where <c>field.amount</c> is the approved amount of the approve action); null: the <c>field.*</c> labels.
    /// </summary>
    public IReadOnlyDictionary<string, string>? FieldLabels { get; init; }

    /// <summary>The sentence in the reader's language.</summary>
    public string Render(DomainText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (UiText.Find("msg." + text.Code, language) is not { } template)
        {
            return text.English;
        }

        var result = new StringBuilder(template);
        foreach (var (name, value) in text.Arguments)
        {
            result.Replace("{" + name + "}", Argument(name, value, text));
        }

        return result.ToString();
    }

    /// <summary>A journal entry's details: its coded notes in the reader's language, or the stored text of entries written before notes were coded.</summary>
    public string? Details(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var notes = entry.Notes;
        return notes.Count == 0 ? entry.Details : string.Join(Label("list.notes", "; "), notes.Select(Render));
    }

    /// <summary>A task's display name in the reader's language.</summary>
    public string Task(string name) =>
        definition?.States.SelectMany(s => s.Tasks).FirstOrDefault(t => t.Name == name)?.DisplayName(language) ?? name;

    /// <summary>An action's short display name in the reader's language.</summary>
    public string Action(string name) =>
        definition?.States.SelectMany(s => s.Actions).Select(a => a.Action).FirstOrDefault(a => a.Name == name)?.DisplayName(language) ?? name;

    private string Argument(string name, string value, DomainText text) => name switch
    {
        _ when MoneyArguments.Contains(name) => Money(value, text.Argument("currency")),
        "currency" => Label("currency." + value, value),
        "action" or "taken" => Action(value),
        "task" => Task(value),
        "state" => definition?.FindState(value) is { } s ? WorkflowNames.Display(s.DisplayNames, language, value) : value,
        "role" => Label("role." + value, value),
        "scope" => Label("scope." + value, value),
        "groups" => List(value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(g => Label("scope." + g[(g.IndexOf('/', StringComparison.Ordinal) + 1)..], g))),
        "organization" => Organization(value),
        "japanese" or "chinese" or "city" => city(value),
        "codes" or "fromCities" or "toCities" => List(value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(city)),
        "cooperationKind" or "fromKind" or "toKind" => Label("kind." + value, value),
        "pairs" => List(value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Pair)),
        "country" => Label("country." + value, value),
        "kind" => Label("activity." + value, value),
        "field" => FieldLabels is not null && FieldLabels.TryGetValue(value, out var label) ? label : Label("field." + value, value),
        _ => value,
    };

    /// <summary>An organisation code (<c>platform:jp</c>, <c>city:shanghai</c>) as its name in the reader's language.</summary>
    public string Organization(string code) => code.StartsWith("city:", StringComparison.Ordinal) ? city(code[5..]) : Label("org." + code, code);

    private string Money(string amount, string? currency)
    {
        var number = decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d.ToString("#,0.##", CultureInfo.InvariantCulture) : amount;
        var unit = currency is null ? string.Empty : Label("currency." + currency, currency);
        var format = UiText.Find("money." + currency, language) ?? Label("money", "{0} {1}");
        return string.Format(CultureInfo.InvariantCulture, format, number, unit).TrimEnd();
    }

    // "yokkaichi–shanghai" (Japanese city, en dash, Chinese city) as the two names.
    private string Pair(string pair) => string.Join("–", pair.Split('–').Select(city));

    private string List(IEnumerable<string> items) => string.Join(Label("list.items", ", "), items);

    private string Label(string key, string fallback) => UiText.Find(key, language) ?? fallback;
}
