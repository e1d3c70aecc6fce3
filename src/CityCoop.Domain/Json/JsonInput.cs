using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using CityCoop.Workflows;

namespace CityCoop.Domain.Json;

/// <summary>
/// How CityCoop reads JSON input, in one place for the API bodies and the workflow's activity inputs: duplicate keys are
/// refused (<see cref="JsonSerializerOptions.AllowDuplicateProperties"/>), and so are keys the type does not have
/// (<see cref="JsonSerializerOptions.UnmappedMemberHandling"/>), enums by their names only
/// (<see cref="NamedEnumConverter{TEnum}"/>, kebab-case), numbers also from strings through <see cref="NumberText"/>, and
/// strings that are not well-formed UTF-16 are refused, and so is null inside a list of non-nullable elements
/// (<see cref="NullElementRule"/>). Every refusal becomes a field and a coded reason (<see cref="Refusal"/>).
/// </summary>
public static partial class JsonInput
{
    /// <summary>Web defaults (camelCase, case-insensitive names) with the settings of <see cref="Configure"/>.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies CityCoop's reading rules to options (the HTTP JSON options of the server, <see cref="Options"/>).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AllowDuplicateProperties = false;

        // A misspelt key ("fiscalyear", "requestedAmmount") was dropped without a word and its value lost.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new TextJsonConverter());
        options.Converters.Add(new IntegerJsonConverter());
        options.Converters.Add(new AmountJsonConverter());
        options.Converters.Add(new KebabCaseEnumConverterFactory());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(NullElementRule.Apply);
        return options;
    }

    /// <summary>
    /// The field and coded reason of a JSON refusal: a converter's own (<see cref="JsonRefusalException"/>),
    /// <c>malformed-json</c> (not JSON at all; arguments field, line, position), <c>duplicate-key</c> (a key given twice;
    /// argument field), <c>unknown-key</c> (a key the body does not have; argument field, the key with its path) or
    /// <c>wrong-type</c> (a value of the wrong JSON type; argument field).
    /// </summary>
    /// <param name="e">What System.Text.Json threw.</param>
    /// <param name="fallbackField">The field when the path names none (the body itself, an input).</param>
    public static (string Field, DomainText Reason) Refusal(JsonException e, string fallbackField)
    {
        ArgumentNullException.ThrowIfNull(e);
        var path = FieldOf(e.Path);
        var field = path ?? fallbackField;
        if (e is JsonRefusalException refusal)
        {
            // A refused part of the member (a list element) is named under the path's object.
            field = refusal.Member is not { } member ? field : path is null ? member : $"{path}.{member}";
            return (field, refusal.ReasonFor(field));
        }

        // The reader's syntax errors are a subclass; the serializer wraps them.
        if (e.InnerException is JsonException || e.GetType() != typeof(JsonException))
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            return (field, DomainText.Of("malformed-json", $"The JSON is malformed at line {line}, position {position}.", ("field", field), ("line", line), ("position", position)));
        }

        // System.Text.Json gives a duplicate or an unknown key no error code or type of its own; its message is the only
        // mark. An unknown key's path names it; the message does too, for a path that names nothing.
        if (UnmappedKey().Match(e.Message) is { Success: true } unmapped)
        {
            var key = FieldOf(e.Path) ?? unmapped.Groups["key"].Value;
            return (key, DomainText.Of("unknown-key", $"{key} is not a field of this request.", ("field", key)));
        }

        return e.Message.StartsWith("Duplicate propert", StringComparison.Ordinal)
            ? (field, DomainText.Of("duplicate-key", $"{field} is given more than once.", ("field", field)))
            : (field, DomainText.Of("wrong-type", $"{field}: the value has the wrong type.", ("field", field)));
    }

    /// <summary>
    /// The member a System.Text.Json path names, as dotted names without array indices:
    /// <c>$.requestedAmount.currency</c> → <c>requestedAmount.currency</c>, <c>$.wishedItems[2]</c> → <c>wishedItems</c>;
    /// null for the root (<c>$</c>) or no path.
    /// </summary>
    public static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return null;
        }

        var names = new List<string>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                names.Add(path[(i + 1)..(end < 0 ? path.Length : end)]);
                i = end < 0 ? path.Length : end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                names.Add(path[(i + 2)..(end < 0 ? path.Length : end)]);
                i = end < 0 ? path.Length : end + 2;
            }
            else
            {
                var end = path.IndexOf(']', i);
                i = end < 0 ? path.Length : end + 1;
            }
        }

        return names.Count == 0 ? null : string.Join('.', names);
    }

    /// <summary>The literal of the current token as text (for refusals that quote what was sent).</summary>
    internal static string Literal(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString() ?? string.Empty,
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null =>
            Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        _ => reader.TokenType.ToString(),
    };

    // System.Text.Json's message for a key no member takes: The JSON property 'x' could not be mapped to any .NET member …
    [GeneratedRegex("^The JSON property '(?<key>.*)' could not be mapped to any \\.NET member")]
    private static partial Regex UnmappedKey();
}
