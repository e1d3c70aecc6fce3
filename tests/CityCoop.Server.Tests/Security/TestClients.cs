using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CityCoop.Server.Tests.Security;

/// <summary>
/// Clients of the in-memory server that come from a given client address with a given User-Agent (as a browser behind
/// one address would), keep cookies and do not follow redirects, so a test sees every status as it is answered.
/// </summary>
internal static partial class TestClients
{
    /// <summary>The User-Agent these clients send.</summary>
    public const string UserAgent = "CityCoopTests/1.0";

    /// <summary>A client whose requests arrive from <paramref name="address"/>; with <paramref name="token"/>, it sends that bearer token.</summary>
    public static HttpClient From(CityCoopFactory factory, string address, string? token = null, string? language = null)
    {
        var ip = IPAddress.Parse(address);
        var handler = new CookieContainerHandler { InnerHandler = factory.Server.CreateHandler(c => c.Connection.RemoteIpAddress = ip) };
        var client = new HttpClient(handler) { BaseAddress = factory.Server.BaseAddress };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    /// <summary>Posts the sign-in page's form (after reading its antiforgery token) and returns the answer unread.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value,
        });
        return await client.PostAsync(new Uri("/signin", UriKind.Relative), content);
    }

    /// <summary>Signs in through the page and asserts the redirect that means success; the client then holds the cookie.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password = CityCoop.Infrastructure.Setup.DemoAccounts.Password)
    {
        using var response = await PostSignInAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"page sign-in of {email} answered {(int)response.StatusCode}");
    }

    /// <summary>Posts a form to <paramref name="action"/> with the antiforgery token of the page at <paramref name="page"/>; returns the answer unread.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value });
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>Posts to the token endpoint and returns the answer unread.</summary>
    public static Task<HttpResponseMessage> PostTokenAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { email, password });

    /// <summary>The <c>code</c> member of a problem-details answer.</summary>
    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
