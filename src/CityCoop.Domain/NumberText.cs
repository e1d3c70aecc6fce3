using System.Globalization;
using System.Text;
using CityCoop.Workflows;

namespace CityCoop.Domain;

/// <summary>
/// The one reading of a number typed as text, shared by the API (numbers sent as JSON strings, query values) and every
/// page form: Unicode NFKC first, so the full-width digits, signs and commas Chinese and Japanese input methods give
/// (<c>１，０００</c>, <c>－５</c>) read as <c>1,000</c> and <c>-5</c>; then an invariant decimal with an optional sign and
/// point, thousands separators (<c>,</c>) ignored. Exponents, currency signs and other digits are refused.
/// </summary>
public static class NumberText
{
    /// <summary>The text as the parser reads it: NFKC, trimmed, without thousands separators.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Normalize(NormalizationForm.FormKC).Trim().Replace(",", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>Reads a decimal; false when the text is not one (or does not fit a decimal).</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        return text is not null
            && decimal.TryParse(Normalize(text), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a decimal, or null for empty text.</summary>
    /// <exception cref="DomainRuleException">Code <c>not-a-number</c> (arguments field, value as typed).</exception>
    public static decimal? Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TryParse(text, out var value)
            ? value
            : throw new DomainRuleException(field, NotANumber(field, text.Trim()));
    }

    /// <summary>Reads a whole number, or null for empty text.</summary>
    /// <exception cref="DomainRuleException">
    /// Code <c>not-a-number</c>, <c>not-a-whole-number</c> (arguments field, value) or <c>number-out-of-range</c> beyond a 32-bit
    /// integer (arguments field, value, min, max).
    /// </exception>
    public static int? ParseInteger(string? text, string field) => Parse(text, field) switch
    {
        null => null,
        { } d when d != decimal.Truncate(d) => throw new DomainRuleException(field, DomainText.Of("not-a-whole-number", $"{field}: '{text!.Trim()}' is not a whole number.", ("field", field), ("value", text.Trim()))),
        { } d when d is < int.MinValue or > int.MaxValue => throw new DomainRuleException(field, OutOfRange(field, text!.Trim(), int.MinValue, int.MaxValue)),
        { } d => (int)d,
    };

    /// <summary>The refusal of a value that is no number (code <c>not-a-number</c>; arguments field, value).</summary>
    public static DomainText NotANumber(string field, string? value) =>
        DomainText.Of("not-a-number", $"{field}: '{value}' is not a number.", ("field", field), ("value", value));

    /// <summary>The refusal of a number outside a range (code <c>number-out-of-range</c>; arguments field, value, min, max).</summary>
    public static DomainText OutOfRange(string field, string value, long min, long max) =>
        DomainText.Of("number-out-of-range", $"{field} must be between {min} and {max}; '{value}' is not.", ("field", field), ("value", value), ("min", min), ("max", max));
}
