using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CityCoop.Server.Tests.Jobs;

/// <summary>The embedded default (SQLite, in-memory Hangfire, .eml files): dashboard access, admin mail endpoints, digest, start-up checks.</summary>
public sealed class JobsEndpointTests
{
    [Fact]
    public async Task HangfireDashboard_Anonymous401_OtherRoles403_Admin200()
    {
        await using var factory = new CityCoopFactory();
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);

        foreach (var email in new[] { CityCoopFactory.PlatformJp, CityCoopFactory.MinistryJp, CityCoopFactory.ShanghaiCity })
        {
            using var user = await factory.CreateClientForAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/hangfire")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/admin/outbox")).StatusCode);
        }

        using var admin = await factory.CreateClientForAsync(CityCoopFactory.Admin);
        using var dashboard = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Hangfire", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/mail")).StatusCode);

        // Before any email is written the mail folder does not exist: a file asked for is not there (it was a 500).
        using var missing = await admin.GetAsync("/api/admin/mail/nothing-yet.eml");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task WithoutMailServer_MessagesAreWrittenAsEmlFiles_AndListedToAdmins()
    {
        await using var factory = new CityCoopFactory();
        using var city = await WorkflowApi.SignInAsync(factory, CityCoopFactory.ShanghaiCity);
        await city.ActAsync(await city.CreateAsync("上海 PM2.5 合作"), "submit");
        await using (var scope = factory.CreateScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync()); // both platform reviewers
        }

        using var admin = await factory.CreateClientForAsync(CityCoopFactory.Admin);
        using var outbox = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/outbox?status=sent"));
        Assert.Equal(2, outbox.RootElement.GetArrayLength());
        using var list = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/mail"));
        Assert.Equal(2, list.RootElement.GetArrayLength());
        var first = list.RootElement[0];
        Assert.Contains("上海 PM2.5 合作", first.GetProperty("subject").GetString(), StringComparison.Ordinal);
        using var file = await admin.GetAsync($"/api/admin/mail/{first.GetProperty("fileName").GetString()}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("message/rfc822", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/mail/..%2Fcitycoop.db")).StatusCode);
        // Longer than a file name may be: not one of ours (the file system threw PathTooLongException, a 500).
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/admin/mail/{new string('a', 256)}.eml")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/outbox?status=bogus")).StatusCode);
    }

    [Fact]
    public async Task DailyDigest_OnePerUserPerDay_At0900InTheirZone_ListsOpenTasksAndReplacesSingleEmails()
    {
        // 2026-09-01 08:00 Tokyo.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-08-31T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var factory = new CityCoopFactory { Time = time };
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
            await db.Users.Where(u => u.Email == CityCoopFactory.PlatformJp).ExecuteUpdateAsync(u => u.SetProperty(x => x.DailyDigest, true));
        }

        using var city = await WorkflowApi.SignInAsync(factory, CityCoopFactory.ShanghaiCity);
        await city.ActAsync(await city.CreateAsync("上海 PM2.5 合作"), "submit");

        async Task<int> DigestAsync()
        {
            await using var scope = factory.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<DigestWriter>().RunAsync();
        }

        async Task<List<OutboxMessage>> RowsAsync(string email)
        {
            await using var scope = factory.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
            return await db.OutboxMessages.Where(m => m.RecipientEmail == email).ToListAsync();
        }

        // The digest user got no single task-opened email; the Chinese reviewer did.
        Assert.Empty(await RowsAsync(CityCoopFactory.PlatformJp));
        Assert.Single(await RowsAsync(CityCoopFactory.PlatformCn));

        Assert.Equal(0, await DigestAsync()); // 08:00 in Tokyo
        time.SetUtcNow(DateTimeOffset.Parse("2026-09-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)); // 09:00 Tokyo
        Assert.Equal(1, await DigestAsync());
        Assert.Equal(0, await DigestAsync());
        time.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await DigestAsync());
        var digest = Assert.Single(await RowsAsync(CityCoopFactory.PlatformJp));
        Assert.Equal("digest", digest.Kind);
        Assert.Contains("match-proposal", digest.PayloadJson, StringComparison.Ordinal);

        await using (var scope = factory.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync() >= 1);
        }

        using var admin = await factory.CreateClientForAsync(CityCoopFactory.Admin);
        using var list = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/mail"));
        Assert.Contains(list.RootElement.EnumerateArray(), m => m.GetProperty("subject").GetString() == "未完了のタスク：1 件（うち期限超過 0 件）");

        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await DigestAsync());
    }

    [Fact]
    public async Task StartUp_WithStartTlsOnPort465_FailsWithAClearMessage()
    {
        await using var factory = new CityCoopFactory();
        await using var wrong = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Mail:Host", "smtp.example.org");
            b.UseSetting("Mail:Port", "465");
            b.UseSetting("Mail:Security", "StartTls");
        });
        // The process stops with the message and exit code 1 (StartupSettingTests); in process, the options refuse to be read.
        var error = Assert.Throws<OptionsValidationException>(() => wrong.Services.GetRequiredService<IOptions<MailOptions>>().Value);
        Assert.Contains("Mail:Security=StartTls cannot be used on port 465", error.Message, StringComparison.Ordinal);
    }
}
