using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Hosting;
using CityCoop.Server.Tests.Cli;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Hosting;

/// <summary>
/// <c>CityCoop:Clock</c>: the server's clock starts at the configured instant and runs at real speed. Real
/// <c>citycoop.dll</c> processes on a clock years before and years after the machine's: pages, cookies, antiforgery,
/// bearer tokens, lock-out and the Hangfire timer sweep all go by the server's clock.
/// </summary>
public sealed partial class ClockSettingTests
{
    [Fact]
    public void ShiftedClock_StartsAtTheInstant_AndRunsAtRealSpeed()
    {
        var start = new DateTimeOffset(2019, 6, 3, 1, 0, 0, TimeSpan.Zero);
        var clock = ShiftedClock.FromSetting("2019-06-03T01:00:00Z");

        var first = clock.GetUtcNow();
        Thread.Sleep(50);
        var second = clock.GetUtcNow();

        Assert.InRange(first, start, start.AddSeconds(5));
        Assert.InRange(second - first, TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, first.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void FromSetting_Unset_IsTheSystemClock(string? value)
    {
        Assert.Same(TimeProvider.System, ShiftedClock.FromSetting(value));
    }

    [Theory]
    [InlineData("2031-06-02T01:00:00.5Z", "2031-06-02T01:00:00.5000000+00:00")]
    [InlineData("2031-06-02T01:00Z", "2031-06-02T01:00:00.0000000+00:00")]
    public void FromSetting_OtherUtcForms_AreAccepted(string value, string expectedStart)
    {
        var start = DateTimeOffset.Parse(expectedStart, CultureInfo.InvariantCulture);

        Assert.InRange(ShiftedClock.FromSetting(value).GetUtcNow(), start, start.AddSeconds(5));
    }

    [Theory]
    [InlineData("2026-06-01")]
    [InlineData("2026-06-01T00:00:00")]
    [InlineData("2026-06-01T09:00:00+09:00")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("tomorrow")]
    public void FromSetting_NotAUtcInstant_IsRefusedNamingTheSetting(string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => ShiftedClock.FromSetting(value));

        Assert.Equal($"CityCoop:Clock must be an ISO-8601 UTC instant such as 2026-06-01T00:00:00Z, not '{value}'.", error.Message);
    }

    [Fact]
    public async Task Server_WithAMalformedClock_StopsWithOneLineAndExitCode1()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "citycoop-clock-bad-" + Guid.NewGuid().ToString("N"));

        using var run = await CityCoopProcess.RunAsync(
            ["--urls", $"http://127.0.0.1:{CityCoopProcess.FreePort().ToString(CultureInfo.InvariantCulture)}", "--data-dir", dataDir],
            new Dictionary<string, string> { ["CityCoop__Clock"] = "2026-06-01 00:00" });

        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Equal(
            "error: CityCoop:Clock must be an ISO-8601 UTC instant such as 2026-06-01T00:00:00Z, not '2026-06-01 00:00'.",
            run.StandardError.TrimEnd());
    }

    [Fact]
    public async Task Servers_OnClocksIn2019AndIn2031_SignInThroughPages_IssueTokens_LockOut_AndSweepTimers_OnTheirOwnClock()
    {
        // Both at once: start-up and the wait for Hangfire's first sweep dominate, and they overlap.
        await Task.WhenAll(
            WalkAsync(new DateTimeOffset(2019, 6, 3, 1, 0, 0, TimeSpan.Zero), fiscalYear: 2019),
            WalkAsync(new DateTimeOffset(2031, 6, 2, 1, 0, 0, TimeSpan.Zero), fiscalYear: 2031));
    }

    private static async Task WalkAsync(DateTimeOffset clock, int fiscalYear)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "citycoop-clock-" + Guid.NewGuid().ToString("N"));
        var baseUrl = new Uri($"http://127.0.0.1:{CityCoopProcess.FreePort().ToString(CultureInfo.InvariantCulture)}/");
        using var server = CityCoopProcess.Start(
            ["--urls", baseUrl.ToString().TrimEnd('/'), "--data-dir", dataDir],
            new Dictionary<string, string>
            {
                ["CityCoop__Clock"] = clock.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["Auth__LockoutAfterFailures"] = "5",
            });
        var walk = new Walk(server, clock, baseUrl);
        try
        {
            await walk.WaitHealthyAsync();
            await walk.SignInThroughThePagesAndDraftAsync(fiscalYear);
            await walk.BearerTokenAsync();
            var expired = await walk.PastFiscalYearInFundExecutionAsync(fiscalYear - 1);
            await walk.LockOutAsync();
            await walk.ExpiredBySweepAsync(expired);
        }
        finally
        {
            walk.Dispose();
            server.Dispose();
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("id=\"fy\" name=\"Form.FiscalYear\"[^>]* value=\"(\\d+)\"")]
    private static partial Regex FiscalYearPattern();

    /// <summary>One server's walk; every assertion names the server's clock.</summary>
    private sealed class Walk(CityCoopProcess server, DateTimeOffset clock, Uri baseUrl) : IDisposable
    {
        // Generous for a loaded machine; the server's clock has run at most this far from its start during the walk.
        private static readonly TimeSpan WalkLimit = TimeSpan.FromMinutes(10);

        private static readonly string[] Wished = ["PM2.5 源解析"];

        private static readonly string[] Kitakyushu = ["kitakyushu"];

        private readonly HttpClient api = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

        public async Task WaitHealthyAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
            while (!timeout.IsCancellationRequested)
            {
                Assert.False(server.HasExited, $"[{clock:O}] the server exited:\n{server.Describe()}");
                try
                {
                    using var response = await api.GetAsync(new Uri("/health", UriKind.Relative), timeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Slow to answer while it migrates and seeds.
                }

                await Task.Delay(250, CancellationToken.None);
            }

            Assert.Fail($"[{clock:O}] the server did not become healthy in 180 s:\n{server.Describe()}");
        }

        /// <summary>
        /// A browser's way in: the sign-in form with its antiforgery token, a cookie the cookie container keeps (one whose
        /// <c>expires</c> lay in the machine's past would be dropped), then the draft form, which offers the fiscal year of
        /// the server's clock and takes it.
        /// </summary>
        public async Task SignInThroughThePagesAndDraftAsync(int fiscalYear)
        {
            var cookies = new CookieContainer();
            using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
            using var pages = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

            var form = await pages.GetStringAsync(new Uri("/signin", UriKind.Relative));
            using var signIn = await pages.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = CityCoopFactory.ShanghaiCity,
                ["password"] = DemoAccounts.Password,
                ["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value,
            }));
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"[{clock:O}] sign-in answered {(int)signIn.StatusCode}\n{server.Describe()}");
            var authCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
            Assert.DoesNotContain("expires=", authCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(cookies.GetCookies(baseUrl), c => c.Name == ".AspNetCore.Identity.Application");

            var landing = await pages.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("data-testid=\"user-name\"", landing, StringComparison.Ordinal);

            var draftForm = await pages.GetStringAsync(new Uri("/proposals/new", UriKind.Relative));
            Assert.Equal(fiscalYear.ToString(CultureInfo.InvariantCulture), FiscalYearPattern().Match(draftForm).Groups[1].Value);
            using var fields = new MultipartFormDataContent();
            foreach (var (name, value) in new[]
            {
                ("Form.Title", "Clock " + clock.Year.ToString(CultureInfo.InvariantCulture)),
                ("Form.Description", "PM2.5"),
                ("Form.Strand", "GovernmentStaff"),
                ("Form.Kind", "New"),
                ("Form.Planned", "TrainingVisit"),
                ("Form.Wished", "PM2.5 源解析"),
                ("Form.FiscalYear", fiscalYear.ToString(CultureInfo.InvariantCulture)),
                ("Form.Amount", "3000000"),
                ("Form.Currency", "JPY"),
                ("__RequestVerificationToken", TokenPattern().Match(draftForm).Groups[1].Value),
            })
            {
                fields.Add(new StringContent(value, Encoding.UTF8), name);
            }

            using var saved = await pages.PostAsync(new Uri("/proposals/new", UriKind.Relative), fields);
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"[{clock:O}] the draft form answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
            var id = Guid.Parse(saved.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);

            using var city = await ClientForAsync(CityCoopFactory.ShanghaiCity);
            var started = Assert.Single(await JournalAsync(city, id));
            AssertOnTheServersClock(started.GetProperty("at").GetDateTimeOffset(), "draft created");
        }

        /// <summary><c>POST /api/auth/token</c>: issued at the server's time, and accepted by the API on the same clock.</summary>
        public async Task BearerTokenAsync()
        {
            var token = await TokenAsync(CityCoopFactory.PlatformJp);
            var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
            using var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
            AssertOnTheServersClock(DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("iat").GetInt64()), "token iat");

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/me", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var me = await api.SendAsync(request);
            Assert.True(me.StatusCode == HttpStatusCode.OK, $"[{clock:O}] GET /api/me with a fresh token answered {(int)me.StatusCode}");
        }

        /// <summary>A proposal of the last fiscal year approved into fund execution: its fiscal-year-end deadline has passed.</summary>
        public async Task<Guid> PastFiscalYearInFundExecutionAsync(int fiscalYear)
        {
            using var city = await ClientForAsync(CityCoopFactory.ShanghaiCity);
            using var created = await city.PostAsJsonAsync(new Uri("/api/proposals", UriKind.Relative), new
            {
                title = "Past year " + fiscalYear.ToString(CultureInfo.InvariantCulture),
                description = "PM2.5",
                strand = "government-staff",
                level = "local",
                cooperationKind = "new",
                wishedItems = Wished,
                fiscalYear,
                requestedAmount = new { amount = 3_000_000m, currency = "JPY" },
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"[{clock:O}] create answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            var id = body.RootElement.GetProperty("id").GetGuid();

            using var platformJp = await ClientForAsync(CityCoopFactory.PlatformJp);
            using var platformCn = await ClientForAsync(CityCoopFactory.PlatformCn);
            using var ministry = await ClientForAsync(CityCoopFactory.MinistryJp);
            foreach (var (client, action, inputs) in new (HttpClient, string, object)[]
            {
                (city, "submit", new { }),
                (platformJp, "set-partner", new { cityCodes = Kitakyushu }),
                (platformJp, "record-matches", new { items = new[] { new { wished = "PM2.5 源解析", offered = "大気モニタリング" } } }),
                (platformJp, "match", new { }),
                (platformCn, "match", new { }),
                (ministry, "approve", new { amount = 2_500_000m }),
            })
            {
                using var response = await client.PostAsJsonAsync(new Uri($"/api/proposals/{id}/actions/{action}", UriKind.Relative), inputs);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"[{clock:O}] {action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            return id;
        }

        /// <summary>Five wrong passwords lock the account for 15 minutes of the server's clock, as the API and the sign-in page say.</summary>
        public async Task LockOutAsync()
        {
            for (var i = 0; i < 5; i++)
            {
                using var wrong = await api.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { email = CityCoopFactory.MinistryCn, password = "wrong-" + i.ToString(CultureInfo.InvariantCulture) });
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }

            using var locked = await api.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { email = CityCoopFactory.MinistryCn, password = DemoAccounts.Password });
            using var problem = JsonDocument.Parse(await locked.Content.ReadAsStringAsync());
            Assert.Equal("Account locked.", problem.RootElement.GetProperty("title").GetString());
            AssertOnTheServersClock(problem.RootElement.GetProperty("lockedUntil").GetDateTimeOffset().AddMinutes(-15), "lock-out end − 15 min");

            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
            using var pages = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
            pages.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
            var form = await pages.GetStringAsync(new Uri("/signin", UriKind.Relative));
            using var signIn = await pages.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = CityCoopFactory.MinistryCn,
                ["password"] = DemoAccounts.Password,
                ["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value,
            }));
            var shanghai = TimeZoneInfo.ConvertTime(clock, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
            Assert.Contains(
                $"Try again after {shanghai.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ",
                WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync()),
                StringComparison.Ordinal);
        }

        /// <summary>Hangfire runs the sweep every minute of the machine's clock; the sweep reads the server's, so the deadline is due.</summary>
        public async Task ExpiredBySweepAsync(Guid id)
        {
            using var platformJp = await ClientForAsync(CityCoopFactory.PlatformJp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            while (true)
            {
                using var proposal = JsonDocument.Parse(await platformJp.GetStringAsync(new Uri($"/api/proposals/{id}", UriKind.Relative)));
                if (proposal.RootElement.GetProperty("state").GetString() == "closed")
                {
                    break;
                }

                Assert.False(timeout.IsCancellationRequested, $"[{clock:O}] the sweep did not expire the past fiscal year in 150 s:\n{server.Describe()}");
                await Task.Delay(1000, CancellationToken.None);
            }

            var expire = (await JournalAsync(platformJp, id))[^1];
            Assert.Equal("expire", expire.GetProperty("action").GetString());
            Assert.Equal("CityCoop scheduler", expire.GetProperty("actorName").GetString());
            AssertOnTheServersClock(expire.GetProperty("at").GetDateTimeOffset(), "expire");
        }

        public void Dispose() => api.Dispose();

        private void AssertOnTheServersClock(DateTimeOffset instant, string what) =>
            Assert.True(instant >= clock && instant < clock + WalkLimit, $"[{clock:O}] {what} at {instant:O} is not on the server's clock");

        private async Task<string> TokenAsync(string email)
        {
            using var response = await api.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { email, password = DemoAccounts.Password });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"[{clock:O}] token for {email}: {(int)response.StatusCode} {body}");
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("access_token").GetString()!;
        }

        private async Task<HttpClient> ClientForAsync(string email)
        {
            var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email));
            return client;
        }

        private static async Task<List<JsonElement>> JournalAsync(HttpClient client, Guid id)
        {
            using var journal = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/proposals/{id}/journal", UriKind.Relative)));
            return [.. journal.RootElement.EnumerateArray().Select(e => e.Clone())];
        }
    }
}
