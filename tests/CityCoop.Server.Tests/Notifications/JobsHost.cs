using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CityCoop.Server.Tests.Notifications;

/// <summary>
/// One CityCoop server (in memory) on a real PostgreSQL database, sending to a real SMTP server, with a fake clock and no
/// Hangfire server: tests call the sweep and the dispatcher themselves instead of waiting for the minute schedule.
/// </summary>
internal sealed class JobsHost : IAsyncDisposable
{
    public const string FromName = "城市合作平台 シティコープ";

    private readonly CityCoopFactory root;

    private JobsHost(CityCoopFactory root, WebApplicationFactory<Program> app, FakeTimeProvider time, string connectionString)
    {
        this.root = root;
        App = app;
        Time = time;
        ConnectionString = connectionString;
    }

    public WebApplicationFactory<Program> App { get; }

    public FakeTimeProvider Time { get; }

    public string ConnectionString { get; }

    /// <param name="now">The fake clock's first instant.</param>
    /// <param name="smtpPort">smtp4dev's port, or null to write .eml files.</param>
    /// <param name="connectionString">A database to share with another host, or null for a new one.</param>
    /// <param name="time">A clock to share with another host.</param>
    /// <param name="workflowsFolder">A folder of edited definitions (<see cref="Workflows.WorkflowFolder"/>), or null for the bundled ones.</param>
    /// <param name="services">More registrations (e.g. a test-only workflow module), or null.</param>
    public static async Task<JobsHost> StartAsync(DateTimeOffset now, int? smtpPort, string? connectionString = null, FakeTimeProvider? time = null, string? workflowsFolder = null, Action<IServiceCollection>? services = null)
    {
        connectionString ??= await PostgresServer.CreateDatabaseAsync("jobs");
        time ??= new FakeTimeProvider(now);
        var root = new CityCoopFactory(connectionString) { Time = time };
        var app = root.WithWebHostBuilder(b =>
        {
            b.UseSetting("Jobs:Enabled", "false");
            b.UseSetting("Mail:FromAddress", "noreply@citycoop.example");
            b.UseSetting("Mail:FromName", FromName);
            b.UseSetting("Mail:PublicBaseUrl", "https://citycoop.example/");
            if (workflowsFolder is not null)
            {
                b.UseSetting("Workflows:Folder", workflowsFolder);
            }

            if (services is not null)
            {
                b.ConfigureTestServices(services);
            }

            if (smtpPort is { } port)
            {
                b.UseSetting("Mail:Host", "127.0.0.1");
                b.UseSetting("Mail:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                b.UseSetting("Mail:TimeoutSeconds", "5");
            }
        });
        _ = app.Services; // migrates and seeds
        return new JobsHost(root, app, time, connectionString);
    }

    public async Task<int> SweepAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TimerSweep>().RunAsync();
    }

    public async Task<int> DispatchAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<CityCoopDbContext, Task<T>> read)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CityCoopDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await root.DisposeAsync();
    }
}
