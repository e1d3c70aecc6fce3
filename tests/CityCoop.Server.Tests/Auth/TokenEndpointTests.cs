using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CityCoop.Server.Tests.Auth;

/// <summary>Fixture: a fresh PostgreSQL database with demo accounts and a fake clock starting at <see cref="TestClock.Start"/>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes class fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class TokenFixture : IAsyncLifetime
{
    private CityCoopFactory? factory;

    public FakeTimeProvider Time { get; } = new(TestClock.Start);

    public CityCoopFactory Factory => factory ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        // Lock-out is tested at a threshold a test can reach; the product default is 100 (AuthOptions.LockoutAfterFailures).
        factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("auth")) { Time = Time, Settings = new Dictionary<string, string> { ["Auth:LockoutAfterFailures"] = "5" } };
        _ = factory.Services;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

/// <summary><c>POST /api/auth/token</c>: good and wrong passwords, lock-out, expiry.</summary>
public class TokenEndpointTests(TokenFixture fixture) : IClassFixture<TokenFixture>
{
    private static readonly Uri TokenUri = new("/api/auth/token", UriKind.Relative);
    private static readonly Uri ReportUri = new("/api/reports/fiscal-years/2014", UriKind.Relative);

    private CityCoopFactory Factory => fixture.Factory;

    [Fact]
    public async Task Token_WithGoodPassword_Returns200WithBearerTokenThatOpensTheReport()
    {
        using var client = Factory.CreateClient();

        using var response = await client.PostAsJsonAsync(TokenUri, new { email = CityCoopFactory.PlatformJp, password = DemoAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("access_token").GetString();
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal("Bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3600, json.RootElement.GetProperty("expires_in").GetInt32());

        using var report = new HttpRequestMessage(HttpMethod.Get, ReportUri);
        report.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var reportResponse = await client.SendAsync(report);
        Assert.Equal(HttpStatusCode.OK, reportResponse.StatusCode);
    }

    [Fact]
    public async Task Token_WithWrongPassword_Returns401ProblemDetails()
    {
        using var client = Factory.CreateClient();

        using var response = await client.PostAsJsonAsync(TokenUri, new { email = CityCoopFactory.PlatformCn, password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Wrong email or password.", json.RootElement.GetProperty("title").GetString());
        Assert.False(json.RootElement.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_request_without_a_token_is_a_401_problem_with_a_code()
    {
        using var client = Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/proposals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("sign-in-required", json.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Token_WithUnknownEmail_Returns401ProblemDetails()
    {
        using var client = Factory.CreateClient();

        using var response = await client.PostAsJsonAsync(TokenUri, new { email = "nobody@demo.citycoop.example", password = DemoAccounts.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Token_AfterFiveWrongPasswords_IsRefusedWithLockMessageEvenWithTheRightPassword()
    {
        using var client = Factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsJsonAsync(TokenUri, new { email = CityCoopFactory.MinistryCn, password = "wrong-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var response = await client.PostAsJsonAsync(TokenUri, new { email = CityCoopFactory.MinistryCn, password = DemoAccounts.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Account locked.", json.RootElement.GetProperty("title").GetString());
        Assert.Contains("Too many failed sign-ins", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(fixture.Time.GetUtcNow().AddMinutes(15), json.RootElement.GetProperty("lockedUntil").GetDateTimeOffset());
        Assert.False(json.RootElement.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task Token_SixteenMinutesAfterTheLockOut_IsIssuedAgain()
    {
        using var client = Factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsJsonAsync(TokenUri, new { email = CityCoopFactory.KitakyushuCity, password = "wrong-" + i });
        }

        using (var locked = await client.PostAsJsonAsync(TokenUri, new { email = CityCoopFactory.KitakyushuCity, password = DemoAccounts.Password }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        }

        // The lock-out is measured on the server's clock, not the machine's.
        fixture.Time.Advance(TimeSpan.FromMinutes(16));
        using var response = await client.PostAsJsonAsync(TokenUri, new { email = CityCoopFactory.KitakyushuCity, password = DemoAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_TwoHoursAfterIssue_IsExpiredAndTheReportReturns401()
    {
        var token = await Factory.GetTokenAsync(CityCoopFactory.MinistryJp);
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var fresh = await client.GetAsync(ReportUri))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        fixture.Time.Advance(TimeSpan.FromHours(2));
        using var expired = await client.GetAsync(ReportUri);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Token_SignedWithAnotherKey_Returns401()
    {
        using var client = Factory.CreateClient();
        var token = await Factory.GetTokenAsync(CityCoopFactory.PlatformJp);
        var parts = token.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        using var response = await client.GetAsync(ReportUri);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
