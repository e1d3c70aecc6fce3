using System.Globalization;

namespace CityCoop.Infrastructure.Reports;

/// <summary>
/// Text for a cell of a CSV file that a spreadsheet program shows as text instead of running it as a formula. A city's
/// proposal title is downloaded by the platforms and the ministry: a title such as <c>=HYPERLINK("http://…","x")</c>
/// would otherwise become a live link or command in their spreadsheet (CSV injection, as OWASP describes it).
/// </summary>
public static class SpreadsheetText
{
    /// <summary>
    /// The text with an apostrophe in front when it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
    /// return and is not a plain number (a negative amount stays a number); otherwise the text unchanged.
    /// </summary>
    public static string Cell(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? "'" + text
            : text;
    }
}
