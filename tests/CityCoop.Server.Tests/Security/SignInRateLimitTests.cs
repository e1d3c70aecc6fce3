using System.Net;
using System.Text.Json;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Security;

/// <summary>
/// A server with small sign-in limits: 3 attempts a minute per address, 2 in 5 minutes per account (both answer
/// <c>Retry-After: 60</c>). Each test uses its own addresses and accounts, so the partitions do not meet.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes class fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class SmallRateLimitsFixture : IAsyncLifetime
{
    private CityCoopFactory? factory;

    public CityCoopFactory Factory => factory ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("ratelimits"))
        {
            Settings = new Dictionary<string, string>
            {
                ["RateLimits:PerAddress:PermitLimit"] = "3",
                ["RateLimits:PerAddress:Window"] = "00:01:00",
                ["RateLimits:PerAccount:PermitLimit"] = "2",
                ["RateLimits:PerAccount:Window"] = "00:05:00",
            },
        };
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

/// <summary>The token endpoint and the sign-in page answer 429 with <c>Retry-After</c> per client address and per account.</summary>
public sealed class SignInRateLimitTests(SmallRateLimitsFixture fixture) : IClassFixture<SmallRateLimitsFixture>
{
    private CityCoopFactory Factory => fixture.Factory;

    [Fact]
    public async Task TokenEndpoint_FourthAttemptFromOneAddress_Answers429WithRetryAfterAndProblem_OtherAddressesStillPass()
    {
        using var client = TestClients.From(Factory, "198.51.100.1");
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await TestClients.PostTokenAsync(client, $"nobody{i}@address.example", "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var refused = await TestClients.PostTokenAsync(client, CityCoopFactory.PlatformJp, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("too-many-sign-in-attempts", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(60, problem.RootElement.GetProperty("retryAfterSeconds").GetInt32());
        Assert.False(problem.RootElement.TryGetProperty("access_token", out _));

        using var elsewhere = TestClients.From(Factory, "198.51.100.2");
        using var passes = await TestClients.PostTokenAsync(elsewhere, CityCoopFactory.PlatformJp, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, passes.StatusCode);
    }

    [Fact]
    public async Task TokenEndpoint_ThirdAttemptForOneAccount_Answers429FromAnyAddressAndInAnyCase_OtherAccountsStillPass()
    {
        for (var i = 0; i < 2; i++)
        {
            using var client = TestClients.From(Factory, $"198.51.100.{10 + i}");
            using var allowed = await TestClients.PostTokenAsync(client, CityCoopFactory.MinistryJp, "wrong-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var third = TestClients.From(Factory, "198.51.100.12");
        using var refused = await TestClients.PostTokenAsync(third, "  " + CityCoopFactory.MinistryJp.ToUpperInvariant() + " ", DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("300", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("too-many-sign-in-attempts", await TestClients.ProblemCodeAsync(refused));
        using var other = await TestClients.PostTokenAsync(third, CityCoopFactory.MinistryCn, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task SignInPage_FourthAttemptFromOneAddress_Answers429WithAPageInJapanese()
    {
        using var browser = TestClients.From(Factory, "198.51.100.20", language: "ja");
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await TestClients.PostSignInAsync(browser, $"nobody{i}@page.example", "wrong");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await TestClients.PostSignInAsync(browser, CityCoopFactory.KitakyushuCity, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("このネットワークから、またはこのアカウントへのサインインの試行が多すぎます。60 秒後にもう一度お試しください。", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ja-JP\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_ThirdAttemptForOneAccount_Answers429WithAPageInChinese_AndCountsTheTokenEndpointToo()
    {
        using (var api = TestClients.From(Factory, "198.51.100.30"))
        using (var wrong = await TestClients.PostTokenAsync(api, CityCoopFactory.PlatformCn, "wrong"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var page = TestClients.From(Factory, "198.51.100.31", language: "zh-CN"))
        using (var wrong = await TestClients.PostSignInAsync(page, CityCoopFactory.PlatformCn, "wrong"))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var browser = TestClients.From(Factory, "198.51.100.32", language: "zh-CN");
        using var refused = await TestClients.PostSignInAsync(browser, CityCoopFactory.PlatformCn, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("300", refused.Headers.GetValues("Retry-After").Single());
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("来自此网络或针对此账户的登录尝试过多。请在 300 秒后重试。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("set-cookie", string.Join(",", refused.Headers.Select(h => h.Key)).ToLowerInvariant(), StringComparison.Ordinal);
    }
}

/// <summary>
/// With the product's limits (4 attempts in 5 minutes per account, below the lock-out after 5 failures), a stranger's
/// burst of wrong passwords is cut off before it locks the owner out.
/// </summary>
public sealed class LockOutByStrangerTests
{
    [Fact]
    public async Task BurstOfWrongPasswordsForSomeoneElsesAccount_IsRefusedWith429BeforeItLocksTheAccount()
    {
        await using var factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("strangerburst")) { ProductRateLimits = true };
        using var stranger = TestClients.From(factory, "203.0.113.66");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await TestClients.PostTokenAsync(stranger, CityCoopFactory.ShanghaiCity, "guess-" + i);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 6)], statuses);
        await using var scope = factory.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>();
        var owner = (await users.FindByEmailAsync(CityCoopFactory.ShanghaiCity))!;
        Assert.False(await users.IsLockedOutAsync(owner));
        Assert.Equal(4, await users.GetAccessFailedCountAsync(owner));
    }

    [Fact]
    public async Task AfterTheAccountWindowPasses_TheOwnerSignsIn_TheStrangersBurstLockedNothing()
    {
        await using var factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("strangerwindow"))
        {
            Settings = new Dictionary<string, string>
            {
                ["RateLimits:PerAccount:PermitLimit"] = "4",
                ["RateLimits:PerAccount:Window"] = "00:00:10",
            },
        };
        using var stranger = TestClients.From(factory, "203.0.113.67");
        for (var i = 0; i < 8; i++)
        {
            using var response = await TestClients.PostTokenAsync(stranger, CityCoopFactory.KitakyushuCity, "guess-" + i);
            Assert.Equal(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        // The limiter runs on real time. The window is ten seconds from the first attempt, so the burst's permits stay spent
        // while the burst lasts (room for slow password hashing) and are all back after twelve.
        await Task.Delay(TimeSpan.FromSeconds(12));
        using var owner = TestClients.From(factory, "203.0.113.68");
        using var signIn = await TestClients.PostTokenAsync(owner, CityCoopFactory.KitakyushuCity, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task AStrangerGuessingWindowAfterWindow_NeverLocksTheOwnerOut_AndRetryAfterIsNeverTooShort()
    {
        await using var factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("strangerslow"))
        {
            Settings = new Dictionary<string, string>
            {
                ["RateLimits:PerAccount:PermitLimit"] = "4",
                ["RateLimits:PerAccount:Window"] = "00:00:05",
            },
        };
        using var stranger = TestClients.From(factory, "203.0.113.69");
        var failures = 0;
        for (var window = 0; window < 3; window++)
        {
            // Wrong passwords until the account's window is spent (the limiter runs on real time, hashing may be slow).
            TimeSpan? retryAfter = null;
            for (var i = 0; retryAfter is null && i < 30; i++)
            {
                using var response = await TestClients.PostTokenAsync(stranger, CityCoopFactory.KitakyushuCity, $"guess-{window}-{i}");
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    retryAfter = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("429 without Retry-After");
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                    failures++;
                }
            }

            // The whole window: waiting what Retry-After says always reaches the next one.
            Assert.Equal(TimeSpan.FromSeconds(5), retryAfter);
            await Task.Delay(retryAfter!.Value);
        }

        using var owner = TestClients.From(factory, "203.0.113.70");
        using var signIn = await TestClients.PostTokenAsync(owner, CityCoopFactory.KitakyushuCity, DemoAccounts.Password);

        Assert.True(failures >= 12, $"only {failures} wrong passwords reached the check");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
