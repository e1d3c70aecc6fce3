using System.Net;
using System.Text.RegularExpressions;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Startup;

/// <summary>The API reference page (Scalar) is served by the server itself, with no script, style or font from elsewhere.</summary>
public sealed partial class ApiReferenceTests
{
    [Fact]
    public async Task ApiReference_ServesItsScriptFromTheServer_AndReadsTheOpenApiDocument()
    {
        await using var factory = new CityCoopFactory { SeedSampleData = false, SeedDemoAccounts = false };
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/api-reference/", UriKind.Relative));
        Assert.Contains("<script src=\"scalar.js\">", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Empty(ExternalUrl().Matches(html));

        using var script = await client.GetAsync(new Uri("/api-reference/scalar.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/api/proposals/{id}/actions/{action}", document, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(src|href)=""https?://", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
