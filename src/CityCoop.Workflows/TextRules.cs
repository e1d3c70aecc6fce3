using System.Globalization;
using System.Text;

namespace CityCoop.Workflows;

/// <summary>
/// The one rule for the characters of free text, wherever it enters (API bodies and queries, page forms, workflow inputs):
/// no C0 control character (U+0000–U+001F; tab, LF and CR only in <see cref="TextKind.MultiLine"/> text), no unpaired
/// surrogate, and in <see cref="TextKind.Title"/> text no bidirectional formatting character. PostgreSQL refuses NUL
/// and invalid UTF-16 in text while SQLite stores them, so the rule makes both databases give the same answer.
/// </summary>
public static class TextRules
{
    /// <summary>
    /// Why the text may not be stored, or null when it may: code <c>text-control-character</c> or <c>text-bidi-control</c>
    /// (arguments field, position — 1-based, in UTF-16 characters as <c>maxlength</c> counts — and character, e.g.
    /// <c>U+0000</c>), or <c>text-malformed</c> for an unpaired surrogate (arguments field, position).
    /// </summary>
    /// <param name="field">The field's name; pages show its label.</param>
    /// <param name="value">The text; null is fine.</param>
    /// <param name="kind">Which characters the field allows.</param>
    public static DomainText? WhyNot(string field, string? value, TextKind kind)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return DomainText.Of("text-malformed", $"{field} has a broken character (an unpaired UTF-16 surrogate) at position {i + 1}.", ("field", field), ("position", i + 1));
            }

            if (IsControl(c, kind))
            {
                return Refusal("text-control-character", "control character", field, i, c);
            }

            if (IsBidiControl(c, kind))
            {
                return Refusal("text-bidi-control", "bidirectional formatting character", field, i, c);
            }
        }

        return null;
    }

    /// <summary>The text with every character the rule refuses replaced by U+FFFD, to show a refused value back without its effect.</summary>
    public static string Printable(string value, TextKind kind)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            shown.Append(rune.IsBmp && (IsControl((char)rune.Value, kind) || IsBidiControl((char)rune.Value, kind)) ? Rune.ReplacementChar : rune);
        }

        return shown.ToString();
    }

    private static bool IsControl(char c, TextKind kind) => c < ' ' && !(kind == TextKind.MultiLine && c is '\t' or '\n' or '\r');

    private static bool IsBidiControl(char c, TextKind kind) => kind == TextKind.Title && c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// The reason for text that is not text at all (bytes that are not UTF-8, a lone surrogate where a decoder or reader
    /// threw): code <c>text-malformed</c>, argument field.
    /// </summary>
    public static DomainText Malformed(string field) =>
        DomainText.Of("text-malformed", $"{field} is not well-formed text (invalid UTF-8 or an unpaired surrogate).", ("field", field));

    /// <summary>Refuses a text <see cref="WhyNot"/> refuses.</summary>
    /// <exception cref="DomainRuleException">The text holds a character its field may not; the message names it and where.</exception>
    public static void Check(string field, string? value, TextKind kind)
    {
        if (WhyNot(field, value, kind) is { } why)
        {
            throw new DomainRuleException(field, why);
        }
    }

    private static DomainText Refusal(string code, string what, string field, int index, char c)
    {
        var character = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        return DomainText.Of(code, $"{field} contains the {what} {character} at position {index + 1}; remove it.", ("field", field), ("position", index + 1), ("character", character));
    }
}
