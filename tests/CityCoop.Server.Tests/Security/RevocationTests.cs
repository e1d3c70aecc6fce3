using System.Net;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Security;

/// <summary>
/// Revocation takes effect on the next request: every request is checked against the account as it is now (active,
/// roles, security stamp), whatever the bearer token or cookie says. One PostgreSQL database for the class; each test
/// makes its own accounts.
/// </summary>
public sealed class RevocationTests(SeededPostgresFixture fixture) : IClassFixture<SeededPostgresFixture>
{
    private static readonly string[] AdminApiPaths = ["/api/admin/mail", "/api/admin/outbox", "/api/reports/fiscal-years/2014"];

    private CityCoopFactory Factory => fixture.Factory;

    [Fact]
    public async Task DeactivatedAdmin_EarlierBearerToken_Gets401OnMailOutboxReportAndHangfire()
    {
        var email = await NewUserAsync("admin", organization: null);
        using var client = TestClients.From(Factory, "192.0.2.10", await Factory.GetTokenAsync(email));
        foreach (var path in AdminApiPaths.Append("/hangfire"))
        {
            using var before = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(before.StatusCode == HttpStatusCode.OK, $"{path} before: {(int)before.StatusCode}");
        }

        await SetActiveAsync(email, active: false);

        foreach (var path in AdminApiPaths)
        {
            using var after = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(after.StatusCode == HttpStatusCode.Unauthorized, $"{path} after: {(int)after.StatusCode}");
            Assert.Equal("account-changed", await TestClients.ProblemCodeAsync(after));
        }

        using var dashboard = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode);
        using var trigger = await client.PostAsync(new Uri("/hangfire/recurring/trigger", UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", "timer-sweep")]));
        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
    }

    [Fact]
    public async Task DeactivatedAdmin_EarlierCookie_CannotOpenNorPostToHangfire_AndPagesAskToSignIn()
    {
        var email = await NewUserAsync("admin", organization: null);
        using var browser = TestClients.From(Factory, "192.0.2.11");
        await TestClients.SignInAsync(browser, email);
        using (var before = await browser.GetAsync(new Uri("/hangfire", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await SetActiveAsync(email, active: false);

        using var dashboard = await browser.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode);
        using var trigger = await browser.PostAsync(new Uri("/hangfire/recurring/trigger", UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("jobs[]", "timer-sweep")]));
        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
        using var mail = await browser.GetAsync(new Uri("/api/admin/mail", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, mail.StatusCode);
        using var page = await browser.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location?.OriginalString.Replace("http://localhost", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleRemovedFromAUser_IsGoneOnTheNextRequest_WithTheSameToken()
    {
        var email = await NewUserAsync("platform", "platform:jp");
        using var client = TestClients.From(Factory, "192.0.2.12", await Factory.GetTokenAsync(email));
        using (var before = await client.GetAsync(new Uri("/api/reports/fiscal-years/2014", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Straight through Identity, which leaves the security stamp alone: the token stays valid, its role claim does not count.
        await using (var scope = Factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.True((await users.RemoveFromRoleAsync(user!, Roles.Platform)).Succeeded);
        }

        using var after = await client.GetAsync(new Uri("/api/reports/fiscal-years/2014", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        using var tasks = await client.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
    }

    [Fact]
    public async Task AdminRoleRemoved_IsGoneOnTheNextRequest_WithTheSameCookie()
    {
        var email = await NewUserAsync("admin", organization: null);
        using var browser = TestClients.From(Factory, "192.0.2.13");
        await TestClients.SignInAsync(browser, email);
        using (var before = await browser.GetAsync(new Uri("/hangfire", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var scope = Factory.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByEmailAsync(email))!, Roles.Admin)).Succeeded);
        }

        using var dashboard = await browser.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        using var page = await browser.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task RoleChangedByTheAdmin_RotatesTheStamp_OldTokenGets401_ANewSignInCarriesTheNewRole()
    {
        var email = await NewUserAsync("platform", "platform:jp");
        using var old = TestClients.From(Factory, "192.0.2.14", await Factory.GetTokenAsync(email));

        await using (var scope = Factory.CreateScope())
        {
            var id = (await scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>().FindByEmailAsync(email))!.Id;
            Assert.Empty((await scope.ServiceProvider.GetRequiredService<UserAdministration>().ChangeRoleAsync(id, Roles.City, "city:shanghai"))!);
        }

        using var stale = await old.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal("account-changed", await TestClients.ProblemCodeAsync(stale));
        using var fresh = TestClients.From(Factory, "192.0.2.14", await Factory.GetTokenAsync(email));
        using var report = await fresh.GetAsync(new Uri("/api/reports/fiscal-years/2014", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
        using var proposals = await fresh.GetAsync(new Uri("/api/proposals?city=shanghai", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, proposals.StatusCode);
    }

    [Fact]
    public async Task ReactivatedUser_OldTokenStaysInvalid_ButANewSignInWorks()
    {
        var email = await NewUserAsync("ministry", "ministry:jp");
        using var old = TestClients.From(Factory, "192.0.2.15", await Factory.GetTokenAsync(email));

        await SetActiveAsync(email, active: false);
        await SetActiveAsync(email, active: true);

        using var stale = await old.GetAsync(new Uri("/api/reports/fiscal-years/2014", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        using var fresh = TestClients.From(Factory, "192.0.2.15", await Factory.GetTokenAsync(email));
        using var report = await fresh.GetAsync(new Uri("/api/reports/fiscal-years/2014", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
    }

    [Fact]
    public async Task PasswordReset_OldTokenGets401_AndOnlyTheNewPasswordSignsIn()
    {
        var email = await NewUserAsync("platform", "platform:cn");
        using var old = TestClients.From(Factory, "192.0.2.16", await Factory.GetTokenAsync(email));

        await using (var scope = Factory.CreateScope())
        {
            var id = (await scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>().FindByEmailAsync(email))!.Id;
            Assert.Empty((await scope.ServiceProvider.GetRequiredService<UserAdministration>().ResetPasswordAsync(id, "Another-Pass-2015"))!);
        }

        using var stale = await old.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        using var oldPassword = await TestClients.PostTokenAsync(old, email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        using var fresh = TestClients.From(Factory, "192.0.2.16", await Factory.GetTokenAsync(email, "Another-Pass-2015"));
        using var tasks = await fresh.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
    }

    private async Task<string> NewUserAsync(string role, string? organization)
    {
        var email = $"{role}.{Guid.NewGuid():N}@revocation.example";
        await using var scope = Factory.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(email, DemoAccounts.Password, role, organization));
        return email;
    }

    private async Task SetActiveAsync(string email, bool active)
    {
        await using var scope = Factory.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>().FindByEmailAsync(email);
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync(user!.Id, active));
    }
}
