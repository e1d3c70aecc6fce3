using CityCoop.Workflows;

namespace CityCoop.Domain;

/// <summary>
/// How much free text a person may enter, in UTF-16 characters (what a browser's <c>maxlength</c> counts).
/// Title, description and comment match the database columns; items and activity texts keep lists and tables readable.
/// </summary>
public static class TextLimits
{
    /// <summary>A proposal's title: at most 200 characters.</summary>
    public const int Title = 200;

    /// <summary>A proposal's description: at most 8,000 characters (the column's size).</summary>
    public const int Description = 8_000;

    /// <summary>One wished or offered item: at most 500 characters.</summary>
    public const int Item = 500;

    /// <summary>Wished items, and offered items, each list: at most 50 items.</summary>
    public const int Items = 50;

    /// <summary>A comment on an action (the workflow's text inputs): at most 4,000 characters.</summary>
    public const int Comment = 4_000;

    /// <summary>Free-text fields of an activity (counterparts, topic, institutions, project title, site, enterprises): at most 500 characters.</summary>
    public const int ActivityText = 500;

    /// <summary>Why a text is too long (code <c>text-too-long</c>, arguments field, length, max), or null when it fits.</summary>
    /// <param name="field">The field's name; pages show its label.</param>
    /// <param name="value">The text; null fits.</param>
    /// <param name="max">The limit in characters.</param>
    public static DomainText? TooLong(string field, string? value, int max) =>
        value is { Length: var length } && length > max
            ? DomainText.Of("text-too-long", $"{field} is {length} characters long; at most {max} are allowed.", ("field", field), ("length", length), ("max", max))
            : null;

    /// <summary>Refuses a text longer than <paramref name="max"/> or holding a character <see cref="TextRules"/> refuses for its kind.</summary>
    /// <param name="field">The field's name; pages show its label.</param>
    /// <param name="value">The text; null passes.</param>
    /// <param name="max">The limit in characters.</param>
    /// <param name="kind">Which characters the field allows; one line unless said otherwise.</param>
    /// <exception cref="DomainRuleException">The text is too long (the message says the limit and the length) or holds a refused character.</exception>
    public static void Check(string field, string? value, int max, TextKind kind = TextKind.SingleLine)
    {
        if ((TooLong(field, value, max) ?? TextRules.WhyNot(field, value, kind)) is { } why)
        {
            throw new DomainRuleException(field, why);
        }
    }

    /// <summary>
    /// Refuses a list with more than <see cref="Items"/> entries, an entry longer than <see cref="Item"/>, or an entry
    /// holding a character one line may not (<see cref="TextRules"/>).
    /// </summary>
    /// <exception cref="DomainRuleException">Too many items, or one too long or with a refused character; the message says the limit and the actual count or length.</exception>
    public static void CheckItems(string field, IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > Items)
        {
            throw new DomainRuleException(field, DomainText.Of("too-many-items", $"{field} has {items.Count} items; at most {Items} are allowed.", ("field", field), ("count", items.Count), ("max", Items)));
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Length > Item)
            {
                throw new DomainRuleException(field, DomainText.Of(
                    "item-too-long",
                    $"{field}: item {i + 1} is {items[i].Length} characters long; at most {Item} are allowed.",
                    ("field", field),
                    ("index", i + 1),
                    ("length", items[i].Length),
                    ("max", Item)));
            }

            TextRules.Check(field, items[i], TextKind.SingleLine);
        }
    }

    /// <summary>Refuses a whole number below <paramref name="min"/> (code <c>number-min</c>).</summary>
    /// <exception cref="DomainRuleException">The number is below the minimum.</exception>
    public static void AtLeast(string field, int value, int min)
    {
        if (value < min)
        {
            throw new DomainRuleException(field, DomainText.Of("number-min", $"{field} must be at least {min}; it is {value}.", ("field", field), ("min", min), ("value", value)));
        }
    }
}
