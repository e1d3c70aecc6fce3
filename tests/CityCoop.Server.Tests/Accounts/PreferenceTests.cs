using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Infrastructure.Identity;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Accounts;

/// <summary>Issue 4 item 7: a user chooses immediate emails or one daily digest (and language, time zone).</summary>
public sealed class PreferenceTests : IAsyncLifetime
{
    private CityCoopFactory factory = null!;

    public async Task InitializeAsync() => factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("prefs"));

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task PutMe_DailyDigest_IsStoredOnTheAccount()
    {
        using var client = await factory.CreateClientForAsync(CityCoopFactory.ShanghaiCity);
        using (var before = await client.GetFromJsonAsync<JsonDocument>("/api/me"))
        {
            Assert.False(before!.RootElement.GetProperty("dailyDigest").GetBoolean());
            Assert.Equal("zh-CN", before.RootElement.GetProperty("language").GetString());
        }

        using var response = await client.PutAsJsonAsync("/api/me", new { dailyDigest = true, language = "ja-JP" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var scope = factory.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>().FindByEmailAsync(CityCoopFactory.ShanghaiCity);
        Assert.True(user!.DailyDigest);
        Assert.Equal("ja-JP", user.PreferredLanguage);
        Assert.Equal("Asia/Shanghai", user.TimeZone);
    }

    [Fact]
    public async Task PutMe_UnknownLanguage_Is400NamingTheFieldAndChangesNothing()
    {
        using var client = await factory.CreateClientForAsync(CityCoopFactory.PlatformJp);
        using var response = await client.PutAsJsonAsync("/api/me", new { language = "fr", dailyDigest = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("language", problem.RootElement.GetProperty("field").GetString());

        await using var scope = factory.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>().FindByEmailAsync(CityCoopFactory.PlatformJp);
        Assert.False(user!.DailyDigest);
    }

    [Fact]
    public async Task PutMe_LeavingTheDigest_WritesOneDigestNow_SoTasksOpenedSinceAreNotMissed()
    {
        using var city = await Workflows.WorkflowApi.SignInAsync(factory, CityCoopFactory.ShanghaiCity);
        var id = await city.CreateAsync("Digest switch " + Guid.NewGuid().ToString("N")[..6]);
        using var client = await factory.CreateClientForAsync(CityCoopFactory.PlatformCn);
        (await client.PutAsJsonAsync("/api/me", new { dailyDigest = true })).Dispose();

        // Opened while the reviewer is on the digest: no task-opened email for them.
        await city.ActAsync(id, "submit");
        Assert.Equal(0, await CountAsync(CityCoopFactory.PlatformCn, "task-opened", id));

        using var leave = await client.PutAsJsonAsync("/api/me", new { dailyDigest = false });
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        Assert.Equal(1, await CountAsync(CityCoopFactory.PlatformCn, "digest", Guid.Empty));

        // Already on immediate emails: nothing more.
        (await client.PutAsJsonAsync("/api/me", new { dailyDigest = false })).Dispose();
        Assert.Equal(1, await CountAsync(CityCoopFactory.PlatformCn, "digest", Guid.Empty));
    }

    private async Task<int> CountAsync(string email, string kind, Guid proposalId)
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoop.Infrastructure.Persistence.CityCoopDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.OutboxMessages.Where(m => m.RecipientEmail == email && m.Kind == kind && m.SubjectId == proposalId));
    }

    [Fact]
    public async Task GetMe_WithoutToken_Is401()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
