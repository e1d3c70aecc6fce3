using System.Net;
using System.Text;
using CityCoop.Workflows;

namespace CityCoop.Server.Hosting;

/// <summary>
/// Holds every query value to the text rule of bodies and forms, once for the whole API: percent-escapes that do
/// not decode to UTF-8 (<c>?q=%FF</c>) are <c>text-malformed</c>, a control character or an unpaired surrogate is what
/// <see cref="TextRules"/> calls it for single-line text (<c>?user=%00</c> is <c>text-control-character</c>). ASP.NET Core
/// refuses neither (an escape that is not UTF-8 reaches the endpoint undecoded or as U+FFFD), so the rule reads the raw
/// query string, before binding.
/// The API answers a 400 problem with <c>field</c> (the query key), <c>code</c> and <c>arguments</c>. Pages keep their own
/// filter messages, which name the field by its label in the reader's language; bytes that are not UTF-8 reach them as
/// typed, match nothing and are shown back as they are.
/// </summary>
public static class QueryTextRule
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The first refused key or value of a raw query string (<c>?a=1&amp;b=%FF</c>), or null when all are text.</summary>
    /// <param name="query">The query string as sent, with its leading <c>?</c> or empty.</param>
    public static (string Field, DomainText Reason)? WhyNot(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawKey = equals < 0 ? pair : pair[..equals];
            var key = Decode(rawKey);
            if (key is null)
            {
                return ("query", TextRules.Malformed("query"));
            }

            if (TextRules.WhyNot("query", key, TextKind.SingleLine) is { } badKey)
            {
                return ("query", badKey);
            }

            if (equals < 0)
            {
                continue;
            }

            var value = Decode(pair[(equals + 1)..]);
            if (value is null)
            {
                return (key, TextRules.Malformed(key));
            }

            if (TextRules.WhyNot(key, value, TextKind.SingleLine) is { } badValue)
            {
                return (key, badValue);
            }
        }

        return null;
    }

    /// <summary>Answers a request whose query <see cref="WhyNot"/> refuses with the 400 problem; for the API, before routing.</summary>
    public static IApplicationBuilder UseQueryTextRule(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            if (WhyNot(context.Request.QueryString.Value) is { } refused)
            {
                await InputProblem.Of(refused.Field, refused.Reason, "The request could not be read.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    // Form encoding: '+' is a space, %XX a byte; the bytes must be UTF-8.
    private static string? Decode(string raw)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(raw);
            return StrictUtf8.GetString(WebUtility.UrlDecodeToBytes(bytes, 0, bytes.Length));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
