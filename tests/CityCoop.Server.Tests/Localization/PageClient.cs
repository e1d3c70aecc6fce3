using System.Net;
using System.Text.RegularExpressions;
using CityCoop.Infrastructure.Setup;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityCoop.Server.Tests.Localization;

/// <summary>Signs in through the sign-in page, chooses the reader's language and posts forms with their antiforgery token.</summary>
internal sealed partial class PageClient(HttpClient client) : IDisposable
{
    public static async Task<PageClient> SignInAsync(WebApplicationFactory<Program> factory, string email, string language)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        var page = new PageClient(client);
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = DemoAccounts.Password,
            ["__RequestVerificationToken"] = Token(form),
        });
        using var response = await client.PostAsync(new Uri("/signin", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"sign-in answered {(int)response.StatusCode}");

        // Sign-in picks the account's language; the reader switches as the language menu does.
        using var switched = await client.GetAsync(new Uri($"/language?culture={language}&returnUrl=/", UriKind.Relative));
        Assert.True(switched.IsSuccessStatusCode, $"language switch answered {(int)switched.StatusCode}");
        return page;
    }

    public Task<string> GetAsync(string path) => client.GetStringAsync(new Uri(path, UriKind.Relative));

    /// <summary>GETs a download; returns its media type and bytes (throws unless 2xx).</summary>
    public async Task<(string? MediaType, byte[] Bytes)> DownloadAsync(string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Posts the action's form as the page renders it, expects a refusal (422) and returns the answer page, HTML-decoded.</summary>
    public async Task<string> ActAsync(Guid id, string action, Dictionary<string, string> fields)
    {
        var (status, html) = await PostActionAsync(id, action, fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        return html;
    }

    /// <summary>Posts the action's form as the page renders it; returns the status and the final page (after any redirect), HTML-decoded.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PostActionAsync(Guid id, string action, Dictionary<string, string> fields) =>
        await PostActionAsync(id, action, fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    /// <summary>Posts the action's form with repeated fields (checkboxes) as a browser does.</summary>
    public Task<(HttpStatusCode Status, string Html)> PostActionAsync(Guid id, string action, IEnumerable<KeyValuePair<string, string>> fields) =>
        PostActionAsync($"/proposals/{id}", action, fields);

    /// <summary>Posts an action's form of the workflow page at <paramref name="page"/> (a proposal's or a memorandum's) with its ETag and antiforgery token; returns the status and the final page, HTML-decoded.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PostActionAsync(string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await GetAsync(page);
        var form = FormOf(html, action);
        var all = fields.ToList();
        all.Add(KeyValuePair.Create("actionName", action));
        all.Add(KeyValuePair.Create("etag", WebUtility.HtmlDecode(EtagPattern().Match(form).Groups[1].Value)));
        all.Add(KeyValuePair.Create("__RequestVerificationToken", Token(form)));
        using var content = new FormUrlEncodedContent(all);
        using var response = await client.PostAsync(new Uri($"{page}?handler=Act", UriKind.Relative), content);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Posts the first form of the page at <paramref name="path"/> with its antiforgery token; returns the status and the final page, HTML-decoded.</summary>
    /// <param name="path">Where the form posts.</param>
    /// <param name="fields">The form's fields.</param>
    /// <param name="tokenFrom">A page whose form gives the antiforgery token, when the page at <paramref name="path"/> shows no form to this reader (the token is the session's, not the form's).</param>
    public async Task<(HttpStatusCode Status, string Html)> PostFormAsync(string path, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var html = await GetAsync(tokenFrom ?? path);
        fields["__RequestVerificationToken"] = Token(tokenFrom is null ? html[html.IndexOf("<main", StringComparison.Ordinal)..] : html);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Uploads a file through the form of <paramref name="path"/> that posts to <paramref name="handler"/>, with its antiforgery token; returns the status and the final page, HTML-decoded.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PostFileAsync(string path, string handler, string field, string fileName, string text)
    {
        var html = await GetAsync(path);
        var start = html.IndexOf($"?handler={handler}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no form posting to {handler} on {path}");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(html[start..])), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text)), field, fileName },
        };
        using var response = await client.PostAsync(new Uri($"{path}?handler={handler}", UriKind.Relative), content);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>
    /// Posts the first form of the page at <paramref name="path"/> as multipart, as a browser does with files: the fields,
    /// each file, then the antiforgery token (forms render it last). Returns the status and the final page, HTML-decoded.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Html)> PostMultipartAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, params (string Field, string FileName, HttpContent Content)[] files)
    {
        var html = await GetAsync(path);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, body) in files)
        {
            content.Add(body, field, fileName);
        }

        content.Add(new StringContent(Token(html[html.IndexOf("<main", StringComparison.Ordinal)..])), "__RequestVerificationToken");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    public void Dispose() => client.Dispose();

    /// <summary>The action's <c>details</c> element as rendered: its opening tag through the end of its form.</summary>
    public static string ActionOf(string html, string action)
    {
        var start = html.IndexOf($"<details class=\"action\" data-action=\"{action}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no action {action}");
        var end = html.IndexOf("</details>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static string FormOf(string html, string action)
    {
        var start = html.IndexOf($"name=\"actionName\" value=\"{action}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no form for {action}");
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"etag\" value=\"([^\"]*)\"")]
    private static partial Regex EtagPattern();
}
