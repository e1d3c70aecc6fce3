using CityCoop.Infrastructure.Observability;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CityCoop.Server.Hosting;

/// <summary>
/// OpenTelemetry export (traces and metrics over OTLP), on only when <see cref="EndpointSetting"/> names a collector. With
/// none, no OpenTelemetry SDK is registered at all: nothing buffers, nothing tries to connect, and the instruments cost the
/// check of a flag. The server's own meter and spans (<see cref="CityCoopMetrics"/>) exist either way, so
/// <c>dotnet-counters</c> sees them without an exporter.
/// </summary>
public static class Telemetry
{
    /// <summary>
    /// The setting that turns export on: the OpenTelemetry standard environment variable (or the same key in
    /// appsettings.json). The SDK reads the rest of its standard variables itself (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
    /// <c>OTEL_METRIC_EXPORT_INTERVAL</c>, <c>OTEL_BSP_SCHEDULE_DELAY</c> …).
    /// </summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The resource's <c>service.name</c>.</summary>
    public const string ServiceName = "citycoop";

    /// <summary>
    /// Registers tracing (ASP.NET Core, Npgsql, the <c>CityCoop</c> source) and metrics (ASP.NET Core, Kestrel, Npgsql,
    /// .NET runtime, HttpClient, the <c>CityCoop</c> meter), both exported over OTLP, when <see cref="EndpointSetting"/> is
    /// set; returns whether it was.
    /// </summary>
    /// <exception cref="InvalidSettingException">The endpoint is not an absolute http or https URL.</exception>
    public static bool AddCityCoopTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var endpoint = builder.Configuration[EndpointSetting];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return false;
        }

        // The exporter would only fail later, on its own thread, with the first batch; fail at start-up instead.
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidSettingException($"{EndpointSetting} must be an absolute http:// or https:// URL such as http://localhost:4317, not '{endpoint}'.");
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddSource(CityCoopMetrics.Name)
                .AddOtlpExporter())
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter(CityCoopMetrics.Name, "Npgsql", "System.Runtime", "System.Net.Http")
                .AddOtlpExporter());
        return true;
    }
}
