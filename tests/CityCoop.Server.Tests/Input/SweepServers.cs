using System.Globalization;
using System.Text;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Input;

/// <summary>
/// A class fixture: the same server twice, on SQLite and on PostgreSQL, each with the demo accounts signed in and one
/// proposal in each step (draft, platform matching, ministry approval, fund execution), on the FY2015 clock of the
/// workflow tests (so no deadline falls due while the sweep runs).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes class fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class SweepServers : IAsyncLifetime
{
    private readonly Dictionary<string, SweepServer> servers = [];

    /// <summary>Provider names the sweep runs on.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["sqlite", "postgresql"];

    /// <summary>The server of a provider.</summary>
    public SweepServer this[string provider] => servers[provider];

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        servers["sqlite"] = await SweepServer.StartAsync(new CityCoopFactory { Time = WorkflowClock.New() });
        servers["postgresql"] = await SweepServer.StartAsync(new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("sweep")) { Time = WorkflowClock.New() });
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        foreach (var server in servers.Values)
        {
            await server.DisposeAsync();
        }
    }
}

/// <summary>One started server of the sweep with its signed-in users and proposals.</summary>
public sealed class SweepServer : IAsyncDisposable
{
    private readonly CityCoopFactory factory;
    private readonly DemoUsers users;
    private readonly Dictionary<string, Guid> proposals;
    private readonly string adminToken;

    private SweepServer(CityCoopFactory factory, DemoUsers users, Dictionary<string, Guid> proposals, string adminToken)
    {
        this.factory = factory;
        this.users = users;
        this.proposals = proposals;
        this.adminToken = adminToken;
    }

    internal static async Task<SweepServer> StartAsync(CityCoopFactory factory)
    {
        var users = await DemoUsers.SignInAsync(factory);
        var proposals = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var step in new[] { "draft", "platform-matching", "ministry-approval", "fund-execution" })
        {
            proposals[step] = await users.WalkToAsync(step);
        }

        await users.PlatformJp.ActAsync(proposals["fund-execution"], "record-activity", new { activity = WorkflowApi.TrainingVisit(100_000m) });
        // Signed in before any snapshot: a sign-in writes to the account.
        return new SweepServer(factory, users, proposals, await factory.GetTokenAsync(CityCoopFactory.Admin));
    }

    /// <summary>Sends a request of the sweep as its user, with <c>{draft}</c>, <c>{platform-matching}</c>… in the path replaced by the proposals' ids.</summary>
    public async Task<HttpResponseMessage> SendAsync(BadRequest bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        var path = proposals.Aggregate(bad.Path, (p, x) => p.Replace("{" + x.Key + "}", x.Value.ToString(), StringComparison.Ordinal));
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), new Uri(path, UriKind.Relative));
        if (bad.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(bad.ContentType);
        }

        var client = bad.As switch
        {
            null => factory.CreateClient(),
            "shanghai" => users.Shanghai.NewClient(),
            "platform.jp" => users.PlatformJp.NewClient(),
            "ministry.jp" => users.MinistryJp.NewClient(),
            "admin" => AdminClient(),
            var other => throw new ArgumentException($"No user {other} in the sweep.", nameof(bad)),
        };
        using (client)
        {
            // A draft edit names the version it edits (If-Match); the sweep sends the current one, so only the body is wrong.
            if (bad.Method == "PUT" && path.StartsWith("/api/proposals/", StringComparison.Ordinal))
            {
                using var current = await client.GetAsync(new Uri(path, UriKind.Relative));
                request.Headers.IfMatch.Add(current.Headers.ETag ?? throw new InvalidOperationException($"GET {path} gave no ETag."));
            }

            return await client.SendAsync(request);
        }
    }

    private HttpClient AdminClient()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        return client;
    }

    /// <summary>
    /// Everything a refused request could have written, as text: row counts of proposals, activities, journal, approvals,
    /// tasks, timers and outbox; each proposal's revision, state, title and money; each account's preferences and
    /// failed sign-ins.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"rows {await db.Proposals.CountAsync()} {await db.Activities.CountAsync()} {await db.Set<JournalEntry>().CountAsync()} {await db.Set<WorkflowApproval>().CountAsync()} {await db.WorkflowTasks.CountAsync()} {await db.WorkflowTimers.CountAsync()} {await db.OutboxMessages.CountAsync()} {await db.Users.CountAsync()}");
        foreach (var p in (await db.Proposals.AsNoTracking().ToListAsync()).OrderBy(p => p.Id))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"proposal {p.Id} r{p.Revision} {p.Title}|{p.Description}|{p.RequestedAmount}|{p.ApprovedAmount}|{p.PlannedActivityCosts}|{string.Join(';', p.PartnerCityCodes)}|{p.MatchedItems.Count}");
        }

        foreach (var i in (await db.WorkflowInstances.AsNoTracking().ToListAsync()).OrderBy(i => i.Id))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"instance {i.Id} {i.CurrentState}");
        }

        foreach (var u in (await db.Set<CityCoopUser>().AsNoTracking().ToListAsync()).OrderBy(u => u.Email, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"user {u.Email} {u.PreferredLanguage} {u.TimeZone} {u.DailyDigest} {u.AccessFailedCount} {u.LockoutEnd}");
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        users.Dispose();
        await factory.DisposeAsync();
    }
}
