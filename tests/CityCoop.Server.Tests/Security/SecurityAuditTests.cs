using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Security;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Tests.Cli;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CityCoop.Server.Tests.Security;

/// <summary>A PostgreSQL database with demo accounts and a fake clock, so each audit row's time can be asserted exactly.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes class fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class AuditFixture : IAsyncLifetime
{
    private CityCoopFactory? factory;

    public FakeTimeProvider Time { get; } = new(TestClock.Start);

    public CityCoopFactory Factory => factory ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        // Lock-out is tested at a threshold a test can reach; the product default is 100 (AuthOptions.LockoutAfterFailures).
        factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("audit")) { Time = Time, Settings = new Dictionary<string, string> { ["Auth:LockoutAfterFailures"] = "5" } };
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

/// <summary>
/// The security audit log: sign-ins, lock-outs, account changes and refused access, each with who, when (UTC, server
/// clock), from where (address, User-Agent, channel) and what; read by admins at <c>GET /api/admin/audit</c> and on
/// <c>/admin/audit</c>. Each test comes from its own client address and moves the clock on, so its rows are its own.
/// </summary>
public sealed class SecurityAuditTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private CityCoopFactory Factory => fixture.Factory;

    [Fact]
    public async Task SignIns_ThroughTheApiAndThePage_SuccessAndFailure_AreRecordedWithWhoWhenAndWhere()
    {
        const string address = "203.0.113.20";
        var now = Tick();
        using var client = TestClients.From(Factory, address);
        (await TestClients.PostTokenAsync(client, CityCoopFactory.PlatformJp, DemoAccounts.Password)).Dispose();
        (await TestClients.PostTokenAsync(client, CityCoopFactory.MinistryJp, "wrong")).Dispose();
        (await TestClients.PostTokenAsync(client, "Nobody@Audit.example", "wrong")).Dispose();
        await TestClients.SignInAsync(client, CityCoopFactory.KitakyushuCity);
        (await TestClients.PostSignInAsync(client, CityCoopFactory.ShanghaiCity, "wrong")).Dispose();

        var rows = await RowsFromAsync(address);

        Assert.Equal(
            [
                (SecurityEvents.SignInSucceeded, "api", CityCoopFactory.PlatformJp, (string?)null),
                (SecurityEvents.SignInFailed, "api", CityCoopFactory.MinistryJp, SignInFailureReasons.WrongPassword),
                (SecurityEvents.SignInFailed, "api", "Nobody@Audit.example", SignInFailureReasons.UnknownAccount),
                (SecurityEvents.SignInSucceeded, "page", CityCoopFactory.KitakyushuCity, null),
                (SecurityEvents.SignInFailed, "page", CityCoopFactory.ShanghaiCity, SignInFailureReasons.WrongPassword),
            ],
            rows.Select(r => (r.Event, r.Channel, r.Email!, r.Details)));
        Assert.All(rows, r => Assert.Equal(now, r.At));
        Assert.All(rows, r => Assert.Equal(TestClients.UserAgent, r.UserAgent));
        Assert.Equal(await UserIdAsync(CityCoopFactory.PlatformJp), rows[0].UserId);
        Assert.Equal(await UserIdAsync(CityCoopFactory.MinistryJp), rows[1].UserId);
        Assert.Null(rows[2].UserId);
    }

    [Fact]
    public async Task FifthWrongPassword_IsRecordedAsALockOut_AndTheNextAttemptAsRefusedWhileLocked()
    {
        const string address = "203.0.113.21";
        var email = await NewUserAsync("city", "city:wuhan");
        var now = Tick();
        using var client = TestClients.From(Factory, address);
        for (var i = 0; i < 6; i++)
        {
            (await TestClients.PostTokenAsync(client, email, "wrong-" + i)).Dispose();
        }

        var rows = await RowsFromAsync(address);

        Assert.Equal(
            [
                .. Enumerable.Repeat((SecurityEvents.SignInFailed, SignInFailureReasons.WrongPassword), 5),
                (SecurityEvents.AccountLockedOut, $"until {now.AddMinutes(15):O}"),
                (SecurityEvents.SignInFailed, SignInFailureReasons.LockedOut),
            ],
            rows.Select(r => (r.Event, r.Details!)));
        Assert.Equal($"user:{email}", rows[5].Target);
        Assert.All(rows, r => Assert.Equal(email, r.Email));
    }

    [Fact]
    public async Task AdminPage_DeactivateReactivateChangeRoleResetPassword_AreRecordedWithTheAdminAsWho()
    {
        const string address = "203.0.113.22";
        var email = await NewUserAsync("city", "city:wuhan");
        var id = await UserIdAsync(email);
        var now = Tick();
        using var admin = TestClients.From(Factory, address);
        await TestClients.SignInAsync(admin, CityCoopFactory.Admin);

        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Deactivate", new() { ["userId"] = id }),
            ("Reactivate", new() { ["userId"] = id }),
            ("Role", new() { ["userId"] = id, ["role"] = "platform", ["organization"] = "platform:cn" }),
            ("Password", new() { ["userId"] = id, ["password"] = "Fresh-Pass-2016" }),
        })
        {
            using var response = await TestClients.PostFormAsync(admin, "/admin", $"/admin?handler={handler}", fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var rows = (await RowsFromAsync(address)).Where(r => r.Event != SecurityEvents.SignInSucceeded).ToList();

        Assert.Equal(
            [
                (SecurityEvents.UserDeactivated, (string?)null),
                (SecurityEvents.UserReactivated, null),
                (SecurityEvents.RoleChanged, "roles city → platform; organisation city:wuhan → platform:cn"),
                (SecurityEvents.PasswordReset, null),
            ],
            rows.Select(r => (r.Event, r.Details)));
        var adminId = await UserIdAsync(CityCoopFactory.Admin);
        Assert.All(rows, r =>
        {
            Assert.Equal($"user:{email}", r.Target);
            Assert.Equal(adminId, r.UserId);
            Assert.Equal(CityCoopFactory.Admin, r.Email);
            Assert.Equal("page", r.Channel);
            Assert.Equal(now, r.At);
        });
    }

    [Fact]
    public async Task RefusedAccess_HiddenProposal_ForbiddenAction_AdminAndReportEndpointsPagesAndDashboard_AreRecorded()
    {
        const string address = "203.0.113.23";
        Tick();
        using var shanghai = TestClients.From(Factory, address, await Factory.GetTokenAsync(CityCoopFactory.ShanghaiCity));
        var id = (await WorkflowApi.JsonOf(await shanghai.PostAsJsonAsync(new Uri("/api/proposals", UriKind.Relative), WorkflowApi.NewProposal("上海 PM2.5")), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var kitakyushu = TestClients.From(Factory, address, await Factory.GetTokenAsync(CityCoopFactory.KitakyushuCity));
        using var platform = TestClients.From(Factory, address, await Factory.GetTokenAsync(CityCoopFactory.PlatformJp));
        using var kitakyushuPages = TestClients.From(Factory, address);
        await TestClients.SignInAsync(kitakyushuPages, CityCoopFactory.KitakyushuCity);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(kitakyushu.GetAsync(new Uri($"/api/proposals/{id}", UriKind.Relative))));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(kitakyushu.PostAsJsonAsync(new Uri($"/api/proposals/{id}/actions/submit", UriKind.Relative), new { })));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(kitakyushuPages.GetAsync(new Uri($"/proposals/{id}", UriKind.Relative))));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(platform.PostAsJsonAsync(new Uri($"/api/proposals/{id}/actions/submit", UriKind.Relative), new { })));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(platform.GetAsync(new Uri("/api/admin/mail", UriKind.Relative))));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(shanghai.GetAsync(new Uri("/api/reports/fiscal-years/2014", UriKind.Relative))));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(kitakyushuPages.GetAsync(new Uri("/admin", UriKind.Relative))));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(kitakyushuPages.GetAsync(new Uri("/reports", UriKind.Relative))));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(platform.GetAsync(new Uri("/hangfire", UriKind.Relative))));

        var rows = (await RowsFromAsync(address)).Where(r => r.Event != SecurityEvents.SignInSucceeded).ToList();

        var city = await UserIdAsync(CityCoopFactory.KitakyushuCity);
        var reviewer = await UserIdAsync(CityCoopFactory.PlatformJp);
        var shanghaiId = await UserIdAsync(CityCoopFactory.ShanghaiCity);
        Assert.Equal(
            [
                (SecurityEvents.ProposalHidden, "api", city, $"proposal:{id}"),
                (SecurityEvents.ProposalHidden, "api", city, $"proposal:{id}"),
                (SecurityEvents.ProposalHidden, "page", city, $"proposal:{id}"),
                (SecurityEvents.ActionForbidden, "api", reviewer, $"proposal:{id}"),
                (SecurityEvents.AccessForbidden, "api", reviewer, "GET /api/admin/mail"),
                (SecurityEvents.AccessForbidden, "api", shanghaiId, "GET /api/reports/fiscal-years/2014"),
                (SecurityEvents.AccessForbidden, "page", city, "GET /admin"),
                (SecurityEvents.AccessForbidden, "page", city, "GET /reports"),
                (SecurityEvents.AccessForbidden, "dashboard", reviewer, "GET /hangfire"),
            ],
            rows.Select(r => (r.Event, r.Channel, r.UserId!, r.Target!)));
        Assert.Equal("submit: needs-role", rows[3].Details);
        Assert.Equal("organisation city:shanghai", rows[0].Details);
        Assert.Equal(CityCoopFactory.PlatformJp, rows[4].Email);
    }

    [Fact]
    public async Task AuditApi_FiltersByEventUserAndDates_NewestFirst_Paged_ForAdminsOnly()
    {
        var email = $"probe.{Guid.NewGuid():N}@audit.example";
        using var client = TestClients.From(Factory, "203.0.113.24");
        var times = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            times.Add(Tick());
            (await TestClients.PostTokenAsync(client, email, "wrong")).Dispose();
        }

        using var admin = TestClients.From(Factory, "203.0.113.24", await Factory.GetTokenAsync(CityCoopFactory.Admin));
        var all = await GetAuditAsync(admin, $"event=sign-in-failed&user={Uri.EscapeDataString(email.ToUpperInvariant())}");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal([times[2], times[1], times[0]], all.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("atUtc").GetDateTimeOffset()));
        var first = all.GetProperty("items")[0];
        Assert.Equal("sign-in-failed", first.GetProperty("event").GetString());
        Assert.Equal(email, first.GetProperty("email").GetString());
        Assert.Equal("203.0.113.24", first.GetProperty("remoteAddress").GetString());
        Assert.Equal(TestClients.UserAgent, first.GetProperty("userAgent").GetString());
        Assert.Equal("unknown-account", first.GetProperty("details").GetString());

        var second = await GetAuditAsync(admin, $"user={Uri.EscapeDataString(email)}&pageSize=2&page=2");
        Assert.Equal(times[0], Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("atUtc").GetDateTimeOffset());
        var range = await GetAuditAsync(admin, $"user={Uri.EscapeDataString(email)}&from={Uri.EscapeDataString(times[1].ToString("O"))}&to={Uri.EscapeDataString(times[2].ToString("O"))}");
        Assert.Equal(times[1], Assert.Single(range.GetProperty("items").EnumerateArray()).GetProperty("atUtc").GetDateTimeOffset());
        var day = await GetAuditAsync(admin, $"user={Uri.EscapeDataString(email)}&from={times[0]:yyyy-MM-dd}&to={times[2]:yyyy-MM-dd}");
        Assert.Equal(3, day.GetProperty("total").GetInt32());
        var none = await GetAuditAsync(admin, $"user={Uri.EscapeDataString(email)}&event=sign-in-succeeded");
        Assert.Equal(0, none.GetProperty("total").GetInt32());

        using var badEvent = await admin.GetAsync(new Uri("/api/admin/audit?event=everything", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badEvent.StatusCode);
        using (var problem = JsonDocument.Parse(await badEvent.Content.ReadAsStringAsync()))
        {
            Assert.Equal("invalid-filter", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal("event", problem.RootElement.GetProperty("field").GetString());
            Assert.Equal("everything", problem.RootElement.GetProperty("arguments").GetProperty("value").GetString());
        }

        using var badDate = await admin.GetAsync(new Uri("/api/admin/audit?from=yesterday", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);

        // Days at the calendar's edge bound nothing (they were a 500: no next day after 9999-12-31).
        var edges = await GetAuditAsync(admin, $"user={Uri.EscapeDataString(email)}&from=0001-01-01&to=9999-12-31");
        Assert.Equal(3, edges.GetProperty("total").GetInt32());
        var beyond = await GetAuditAsync(admin, $"user={Uri.EscapeDataString(email)}&page=2147483647");
        Assert.Equal((3, 2147483647, 0), (beyond.GetProperty("total").GetInt32(), beyond.GetProperty("page").GetInt32(), beyond.GetProperty("items").GetArrayLength()));

        using var platform = TestClients.From(Factory, "203.0.113.24", await Factory.GetTokenAsync(CityCoopFactory.PlatformCn));
        using var refused = await platform.GetAsync(new Uri("/api/admin/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("forbidden", await TestClients.ProblemCodeAsync(refused));
        using var anonymous = TestClients.From(Factory, "203.0.113.24");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(anonymous.GetAsync(new Uri("/api/admin/audit", UriKind.Relative))));
    }

    [Fact]
    public async Task AdminAuditPage_ShowsAndFiltersTheRows_InTheReadersLanguage_OthersGetNotFound()
    {
        var email = $"page.{Guid.NewGuid():N}@audit.example";
        Tick();
        using var client = TestClients.From(Factory, "203.0.113.25");
        (await TestClients.PostTokenAsync(client, email, "wrong")).Dispose();
        using var admin = TestClients.From(Factory, "203.0.113.25");
        await TestClients.SignInAsync(admin, CityCoopFactory.Admin);
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(admin.GetAsync(new Uri("/language?culture=zh-CN&returnUrl=/", UriKind.Relative))));

        var failed = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri($"/admin/audit?event=sign-in-failed&user={Uri.EscapeDataString(email)}", UriKind.Relative)));
        Assert.Contains("安全审计日志", failed, StringComparison.Ordinal);
        Assert.Contains("共 1 条，最新的在前（第 1 页，共 1 页）。", failed, StringComparison.Ordinal);
        Assert.Contains("<td>登录失败</td>", failed, StringComparison.Ordinal);
        Assert.Contains(email, failed, StringComparison.Ordinal);
        Assert.Contains("203.0.113.25", failed, StringComparison.Ordinal);
        Assert.Contains("unknown-account", failed, StringComparison.Ordinal);

        var succeeded = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri($"/admin/audit?event=sign-in-succeeded&user={Uri.EscapeDataString(email)}", UriKind.Relative)));
        Assert.Contains("共 0 条", succeeded, StringComparison.Ordinal);
        Assert.DoesNotContain(email + "<", succeeded, StringComparison.Ordinal);

        var bad = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/audit?from=2026-13-01", UriKind.Relative)));
        Assert.Contains("无法识别此筛选条件：开始日期。", bad, StringComparison.Ordinal);
        var nul = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/audit?user=wang%00", UriKind.Relative)));
        Assert.Contains("用户筛选条件中含有不允许使用的控制字符，请删除。", nul, StringComparison.Ordinal);

        using var city = TestClients.From(Factory, "203.0.113.25");
        await TestClients.SignInAsync(city, CityCoopFactory.ShanghaiCity);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(city.GetAsync(new Uri("/admin/audit", UriKind.Relative))));
    }

    [Fact]
    public async Task CommandLine_SetRoleAndResetPassword_AreRecordedWithChannelCli_AndTheOldTokenStopsWorking()
    {
        var connection = await PostgresServer.CreateDatabaseAsync("auditcli");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__CityCoop"] = connection,
            ["CityCoop__SeedSampleData"] = "true",
            ["CityCoop__SeedDemoAccounts"] = "true",
        };
        await using var factory = new CityCoopFactory(connection);
        var token = await factory.GetTokenAsync(CityCoopFactory.PlatformCn);

        using var role = await CityCoopProcess.RunAsync(["users", "set-role", "--email", CityCoopFactory.PlatformCn, "--role", "ministry", "--organization", "ministry:cn"], environment);
        Assert.True(role.ExitCode == 0, role.Describe());
        Assert.Contains($"{CityCoopFactory.PlatformCn} is now ministry.", role.StandardOutput, StringComparison.Ordinal);
        using var password = await CityCoopProcess.RunAsync(["users", "reset-password", "--email", CityCoopFactory.PlatformCn, "--password", "short"], environment);
        Assert.True(password.ExitCode == 1, password.Describe());
        Assert.Contains("The password needs at least 8 characters.", password.StandardError, StringComparison.Ordinal);
        using var reset = await CityCoopProcess.RunAsync(["users", "reset-password", "--email", CityCoopFactory.PlatformCn, "--password", "Ministry-Cn-2016"], environment);
        Assert.True(reset.ExitCode == 0, reset.Describe());
        using var added = await CityCoopProcess.RunAsync(["users", "add", "--email", "second.admin@example.org", "--password", "Second-Admin-2016", "--role", "admin"], environment);
        Assert.True(added.ExitCode == 0, added.Describe());

        await using (var scope = factory.CreateScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<CityCoopDbContext>().SecurityAudit.AsNoTracking()
                .Where(r => r.Channel == "cli" && r.Event != SecurityEvents.UserCreated).OrderBy(r => r.Id).ToListAsync();
            Assert.Equal([SecurityEvents.RoleChanged, SecurityEvents.PasswordReset], rows.Select(r => r.Event));
            var created = await scope.ServiceProvider.GetRequiredService<CityCoopDbContext>().SecurityAudit.AsNoTracking()
                .SingleAsync(r => r.Event == SecurityEvents.UserCreated && r.Target == "user:second.admin@example.org");
            Assert.Equal(("cli", "role admin, organisation none"), (created.Channel, created.Details));
            Assert.All(rows, r =>
            {
                Assert.Equal($"user:{CityCoopFactory.PlatformCn}", r.Target);
                Assert.Null(r.UserId);
                Assert.Null(r.RemoteAddress);
                Assert.StartsWith("citycoop cli (", r.UserAgent, StringComparison.Ordinal);
                Assert.InRange(r.At, TestClock.Start, TestClock.Start.AddHours(1));
            });
            Assert.Equal("roles platform → ministry; organisation platform:cn → ministry:cn", rows[0].Details);
        }

        using var old = TestClients.From(factory, "203.0.113.26", token);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(old.GetAsync(new Uri("/api/tasks", UriKind.Relative))));
        using var fresh = TestClients.From(factory, "203.0.113.26", await factory.GetTokenAsync(CityCoopFactory.PlatformCn, "Ministry-Cn-2016"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fresh.GetAsync(new Uri("/api/reports/fiscal-years/2014", UriKind.Relative))));
    }

    [Fact]
    public async Task ClientAddress_IsTakenFromXForwardedFor_OnlyWhenALocalProxySendsIt()
    {
        Tick();
        var email = $"proxy.{Guid.NewGuid():N}@audit.example";
        foreach (var (connection, forwarded) in new[] { ("127.0.0.1", "198.51.100.77"), ("203.0.113.27", "198.51.100.78") })
        {
            using var client = TestClients.From(Factory, connection);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/token", UriKind.Relative)) { Content = JsonContent.Create(new { email, password = "wrong" }) };
            request.Headers.Add("X-Forwarded-For", forwarded);
            (await client.SendAsync(request)).Dispose();
        }

        await using var scope = Factory.CreateScope();
        var addresses = await scope.ServiceProvider.GetRequiredService<CityCoopDbContext>().SecurityAudit.AsNoTracking()
            .Where(r => r.Email == email).OrderBy(r => r.Id).Select(r => r.RemoteAddress).ToListAsync();
        Assert.Equal(["198.51.100.77", "203.0.113.27"], addresses);
    }

    // Each test's rows carry a time of their own: the fake clock moves a minute on.
    private DateTimeOffset Tick()
    {
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        return fixture.Time.GetUtcNow();
    }

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        return response.StatusCode;
    }

    private static async Task<JsonElement> GetAuditAsync(HttpClient admin, string query)
    {
        using var response = await admin.GetAsync(new Uri("/api/admin/audit?" + query, UriKind.Relative));
        return await WorkflowApi.JsonOf(response, HttpStatusCode.OK, "audit " + query);
    }

    private async Task<List<SecurityAuditEntry>> RowsFromAsync(string address)
    {
        await using var scope = Factory.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CityCoopDbContext>().SecurityAudit.AsNoTracking()
            .Where(r => r.RemoteAddress == address).OrderBy(r => r.Id).ToListAsync();
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = Factory.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<string> NewUserAsync(string role, string organization)
    {
        var email = $"{role}.{Guid.NewGuid():N}@audit.example";
        await using var scope = Factory.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(email, DemoAccounts.Password, role, organization));
        return email;
    }
}
