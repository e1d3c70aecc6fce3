using CityCoop.Infrastructure.Observability;
using CityCoop.Server.Hosting;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CityCoop.Server.Tests.Observability;

/// <summary>
/// OTLP export: on with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (traces and metrics reach a real OTLP/HTTP receiver), absent
/// without it (no OpenTelemetry provider in DI), and a malformed endpoint stops start-up with the setting's name.
/// </summary>
public sealed class ExportTests
{
    [Fact]
    public async Task WithAnEndpoint_AStepsSpanAndItsDurationReachTheCollector()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("otel_export"))
        {
            Time = WorkflowClock.New(),
            Settings = new Dictionary<string, string>
            {
                ["Jobs:Enabled"] = "false",
                [Telemetry.EndpointSetting] = receiver.Endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            },
        };
        Assert.NotNull(factory.Services.GetService<TracerProvider>());
        using var users = await DemoUsers.SignInAsync(factory);
        var id = await users.WalkToAsync("draft");

        await users.Shanghai.ActAsync(id, "submit");

        var wait = TimeSpan.FromSeconds(20);
        Assert.True(await receiver.WaitForAsync("traces", "workflow step", wait), "no span of the step: " + receiver.Summary());
        Assert.True(await receiver.WaitForAsync("traces", "postgresql", wait), "no Npgsql span: " + receiver.Summary());
        Assert.True(await receiver.WaitForAsync("traces", Telemetry.ServiceName, wait), "no service name: " + receiver.Summary());
        Assert.True(await receiver.WaitForAsync("metrics", CityCoopMetrics.StepDuration, wait), "no step duration: " + receiver.Summary());
    }

    [Fact]
    public async Task WithoutAnEndpoint_NoOpenTelemetryProviderIsRegistered()
    {
        await using var factory = new CityCoopFactory { SeedSampleData = false, SeedDemoAccounts = false };

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());

        // Our own meter is there all the same, for dotnet-counters or a test's listener.
        Assert.NotNull(factory.Services.GetService<CityCoopMetrics>());
    }

    [Theory]
    [InlineData("localhost:4317")]
    [InlineData("ftp://collector:4317")]
    [InlineData("not a url")]
    public void AMalformedEndpoint_FailsNamingTheSetting(string endpoint)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[Telemetry.EndpointSetting] = endpoint;

        var error = Assert.Throws<InvalidSettingException>(() => builder.AddCityCoopTelemetry());

        Assert.Contains(Telemetry.EndpointSetting, error.Message, StringComparison.Ordinal);
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWellFormedEndpoint_RegistersTheProviders()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[Telemetry.EndpointSetting] = "http://localhost:4318";

        Assert.True(builder.AddCityCoopTelemetry());
        using var services = builder.Services.BuildServiceProvider();
        Assert.NotNull(services.GetService<MeterProvider>());
    }
}
