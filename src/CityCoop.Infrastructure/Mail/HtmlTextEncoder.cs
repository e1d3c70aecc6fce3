using System.Net;
using System.Text.Encodings.Web;

namespace CityCoop.Infrastructure.Mail;

/// <summary>
/// Escapes the email templates' HTML output as <see cref="WebUtility.HtmlEncode(string)"/> does: <c>&amp; &lt; &gt; &quot;</c>
/// and <c>'</c> as <c>&amp;#39;</c>, Latin-1 symbols (U+00A0–U+00FF) and characters beyond U+FFFF as numeric references,
/// while Chinese and Japanese text stays as written (<see cref="HtmlEncoder.Default"/> would turn it into <c>&amp;#x…;</c>).
/// </summary>
internal sealed class HtmlTextEncoder : TextEncoder
{
    /// <summary>The one instance.</summary>
    public static HtmlTextEncoder Instance { get; } = new();

    /// <inheritdoc/>
    public override int MaxOutputCharactersPerInputCharacter => 10; // "&#1114111;"

    /// <inheritdoc/>
    public override string Encode(string value) => WebUtility.HtmlEncode(value);

    /// <inheritdoc/>
    public override void Encode(TextWriter output, string value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        WebUtility.HtmlEncode(value.Substring(startIndex, characterCount), output);
    }

    /// <inheritdoc/>
    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        WebUtility.HtmlEncode(new string(value, startIndex, characterCount), output);
    }

    /// <inheritdoc/>
    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is '&' or '<' or '>' or '"' or '\'' or (>= 0xA0 and <= 0xFF) or > 0xFFFF;

    /// <inheritdoc/>
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i]) || char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var encoded = WillEncode(unicodeScalar) ? WebUtility.HtmlEncode(char.ConvertFromUtf32(unicodeScalar)) : char.ConvertFromUtf32(unicodeScalar);
        if (encoded.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        for (var i = 0; i < encoded.Length; i++)
        {
            buffer[i] = encoded[i];
        }

        numberOfCharactersWritten = encoded.Length;
        return true;
    }
}
