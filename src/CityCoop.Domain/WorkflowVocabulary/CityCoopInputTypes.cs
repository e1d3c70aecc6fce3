using System.Text.Json;
using CityCoop.Domain.Funding;
using CityCoop.Workflows;

namespace CityCoop.Domain.WorkflowVocabulary;

/// <summary>
/// The input types CityCoop definitions use (<c>text</c>, <c>amount</c>, <c>cityCodes</c>, <c>items</c>, <c>activity</c>,
/// <c>json</c>), each with its JSON shape check; declared to the engine by <see cref="CityCoopVocabulary.Declare"/>.
/// </summary>
public static class CityCoopInputTypes
{
    /// <summary>A string; when required it must not be blank; at most <see cref="TextLimits.Comment"/> characters, several lines allowed.</summary>
    public const string Text = "text";

    /// <summary>
    /// A non-negative amount of money: a JSON number, or a string of one (full-width digits read as <see cref="NumberText"/>
    /// reads them), at most <see cref="Money.MaxAmount"/>.
    /// </summary>
    public const string Amount = "amount";

    /// <summary>An array of distinct non-empty strings.</summary>
    public const string CityCodes = "cityCodes";

    /// <summary>An array of objects whose members are strings, e.g. <c>[{"wished": "…", "offered": "…"}]</c>.</summary>
    public const string Items = "items";

    /// <summary>A JSON object describing an activity.</summary>
    public const string Activity = "activity";

    /// <summary>Any JSON value.</summary>
    public const string Json = "json";

    /// <summary>Declares every type above to a module's hooks.</summary>
    public static WorkflowHooks AddCityCoopInputTypes(this WorkflowHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        return hooks
            .AddInputType(Text, CheckText, TextKind.MultiLine)
            .AddInputType(Amount, CheckAmount, canonical: AmountAsNumber)
            .AddInputType(CityCodes, CheckCityCodes)
            .AddInputType(Items, CheckItems)
            .AddInputType(Activity, (input, value) => value.ValueKind != JsonValueKind.Object ? WorkflowInputShapes.Refuse("expected-activity", "expected an activity object.", input) : null)
            .AddInputType(Json, WorkflowInputShapes.Any);
    }

    /// <summary>An amount input's value: a JSON number, or a string of one as <see cref="NumberText"/> reads it; null otherwise.</summary>
    public static decimal? AmountOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
        JsonValueKind.String when NumberText.TryParse(value.GetString(), out var d) => d,
        _ => null,
    };

    /// <summary>The amount input with this name (a number, or a string of one as <see cref="NumberText"/> reads it), or null when absent.</summary>
    public static decimal? GetAmount(this WorkflowContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Inputs.TryGetValue(name, out var value) ? AmountOf(value) : null;
    }

    // Journaled as a JSON number whichever way it was typed (the decision record reads the number).
    private static JsonElement AmountAsNumber(JsonElement value) =>
        AmountOf(value) is { } amount ? JsonSerializer.SerializeToElement(amount) : value.Clone();

    private static DomainText? CheckText(InputDefinition input, JsonElement value) =>
        value.ValueKind != JsonValueKind.String ? WorkflowInputShapes.Refuse("expected-text", "expected a string.", input)
        : input.Required && string.IsNullOrWhiteSpace(value.GetString()) ? WorkflowInputShapes.Blank
        : TextLimits.TooLong(input.Name, value.GetString(), TextLimits.Comment);

    private static DomainText? CheckCityCodes(InputDefinition input, JsonElement value) =>
        value.ValueKind != JsonValueKind.Array ? WorkflowInputShapes.Refuse("expected-city-codes", "expected an array of city codes.", input)
        : value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())) ? WorkflowInputShapes.Refuse("city-code-empty", "every city code must be a non-empty string.", input)
        : value.EnumerateArray().Select(v => v.GetString()).Distinct(StringComparer.Ordinal).Count() != value.GetArrayLength() ? WorkflowInputShapes.Refuse("city-codes-distinct", "city codes must be distinct.", input)
        : input.Required && value.GetArrayLength() == 0 ? WorkflowInputShapes.Blank
        : null;

    private static DomainText? CheckItems(InputDefinition input, JsonElement value) =>
        value.ValueKind != JsonValueKind.Array ? WorkflowInputShapes.Refuse("expected-items", "expected an array of items.", input)
        : value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Object || v.EnumerateObject().Any(m => m.Value.ValueKind != JsonValueKind.String))
            ? WorkflowInputShapes.Refuse("item-shape", "every item must be an object of strings, e.g. {\"wished\": \"…\", \"offered\": \"…\"}.", input)
        : input.Required && value.GetArrayLength() == 0 ? WorkflowInputShapes.Blank
        : null;

    // A number, or a string of one read as NumberText reads every typed number; what a money column can hold.
    private static DomainText? CheckAmount(InputDefinition input, JsonElement value)
    {
        decimal amount;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetDecimal(out amount))
            {
                return Money.TooLarge(input.Name, value.GetRawText());
            }
        }
        else if (value.ValueKind != JsonValueKind.String || !NumberText.TryParse(value.GetString(), out amount))
        {
            return value.ValueKind == JsonValueKind.String
                ? NumberText.NotANumber(input.Name, value.GetString())
                : WorkflowInputShapes.Refuse("expected-number", "expected a number.", input);
        }

        return amount < 0 ? WorkflowInputShapes.Refuse("amount-negative", "an amount cannot be negative.", input) : Money.WhyNotStorable(input.Name, amount);
    }
}
