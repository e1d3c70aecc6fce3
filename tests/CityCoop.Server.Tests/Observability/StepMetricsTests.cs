using System.Diagnostics.Metrics;
using System.Net;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Observability;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Observability;

/// <summary>
/// The <c>CityCoop</c> meter, read in process with a <see cref="MeterListener"/> (no exporter): a step through the API
/// records its duration with subject type, action and outcome; a sweep records its duration; the dispatcher records the
/// queue it saw and each message's send lag. PostgreSQL, background jobs off so only the test runs sweeps and dispatches.
/// </summary>
public sealed class StepMetricsTests : IAsyncLifetime
{
    private CityCoopFactory? factory;

    private CityCoopFactory Factory => factory ?? throw new InvalidOperationException("Not initialized.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("otel_steps"))
        {
            Time = WorkflowClock.New(),
            Settings = new Dictionary<string, string> { ["Jobs:Enabled"] = "false" },
        };
        _ = factory.Services;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Submit_ByTheCity_RecordsOneDoneStepOfTheProposal()
    {
        using var users = await DemoUsers.SignInAsync(Factory);
        var id = await users.WalkToAsync("draft");
        using var log = new MeasurementLog(Factory.Services.GetRequiredService<IMeterFactory>());

        await users.Shanghai.ActAsync(id, "submit");

        var step = Assert.Single(log.Of(CityCoopMetrics.StepDuration));
        Assert.Equal("proposal", step.Tags[CityCoopMetrics.SubjectTypeTag]);
        Assert.Equal("submit", step.Tags[CityCoopMetrics.ActionTag]);
        Assert.Equal("done", step.Tags[CityCoopMetrics.OutcomeTag]);
        Assert.InRange(step.Value, 0, 60);
    }

    [Fact]
    public async Task Submit_ByAPlatformUser_RecordsARefusedStep()
    {
        using var users = await DemoUsers.SignInAsync(Factory);
        var id = await users.WalkToAsync("draft");
        using var log = new MeasurementLog(Factory.Services.GetRequiredService<IMeterFactory>());

        using var response = await users.PlatformJp.PostActionAsync(id, "submit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var step = Assert.Single(log.Of(CityCoopMetrics.StepDuration));
        Assert.Equal("submit", step.Tags[CityCoopMetrics.ActionTag]);
        Assert.Equal("refused", step.Tags[CityCoopMetrics.OutcomeTag]);
    }

    [Fact]
    public async Task Sweep_RecordsOneDurationPerRun()
    {
        using var log = new MeasurementLog(Factory.Services.GetRequiredService<IMeterFactory>());

        for (var run = 0; run < 2; run++)
        {
            await using var scope = Factory.CreateScope();
            await scope.ServiceProvider.GetRequiredService<TimerSweep>().RunAsync();
        }

        Assert.Equal(2, log.Of(CityCoopMetrics.SweepDuration).Count);
        Assert.All(log.Of(CityCoopMetrics.SweepDuration), m => Assert.InRange(m.Value, 0, 60));
    }

    [Fact]
    public async Task Dispatch_RecordsThePendingQueueItSawAndASendLagPerMessageSent()
    {
        using var users = await DemoUsers.SignInAsync(Factory);
        var id = await users.WalkToAsync("draft");
        await users.Shanghai.ActAsync(id, "submit");
        await using var scope = Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
        var pending = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending);
        Assert.True(pending > 0, "the submit should have written notices to the platform");
        using var log = new MeasurementLog(Factory.Services.GetRequiredService<IMeterFactory>());

        var sent = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync();

        Assert.Equal(pending, Assert.Single(log.Of(CityCoopMetrics.OutboxQueue)).Value);
        Assert.True(sent > 0, "the file drop sender should have taken the messages");
        Assert.Equal(sent, log.Of(CityCoopMetrics.OutboxSendLag).Count);
        Assert.All(log.Of(CityCoopMetrics.OutboxSendLag), m => Assert.InRange(m.Value, 0, 3600));
    }
}
