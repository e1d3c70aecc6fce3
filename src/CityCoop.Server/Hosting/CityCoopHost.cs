using CityCoop.Domain.Json;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Security;
using CityCoop.Infrastructure.Setup;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Accounts;
using CityCoop.Server.Auth;
using CityCoop.Server.Budgets;
using CityCoop.Server.Expenses;
using CityCoop.Server.Jobs;
using CityCoop.Server.Pages;
using CityCoop.Server.Memorandums;
using CityCoop.Server.Pipeline;
using CityCoop.Server.Proposals;
using CityCoop.Server.Reports;
using CityCoop.Server.Security;
using CityCoop.Server.Tasks;
using CityCoop.Server.Workflows;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Scalar.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityCoop.Server.Hosting;

/// <summary>Builds the one host that both serves HTTP and runs CLI commands, so both see the same configuration.</summary>
public static class CityCoopHost
{
    /// <summary>Folder of the bundled sample data next to the executable.</summary>
    public static string SampleDataFolder => Path.Combine(AppContext.BaseDirectory, "sample-data");

    /// <summary>Creates the application with every service and endpoint; <paramref name="dataDir"/> overrides <c>DataDir</c>.</summary>
    /// <exception cref="InvalidSettingException">A setting cannot be used (e.g. a malformed <c>CityCoop:Clock</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).</exception>
    public static WebApplication Build(string[] args, string? dataDir)
    {
        // Content root is the executable's folder, so appsettings.json is found whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (dataDir is not null)
        {
            builder.Configuration["DataDir"] = dataDir;
        }

        builder.Services.AddSingleton(ShiftedClock.FromSetting(builder.Configuration[ShiftedClock.Setting]));
        builder.AddCityCoopTelemetry();
        var database = builder.AddCityCoopPersistence();
        builder.AddCityCoopWorkflows();
        builder.AddCityCoopAuth(database);
        builder.AddCityCoopPages();
        builder.Services.AddScoped<CurrentActor>();
        builder.Services.AddScoped<Inbox>();
        builder.Services.AddScoped<ProposalSearch>();
        builder.Services.AddScoped<ProposalAccess>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuditOriginSource, HttpAuditOrigin>());
        builder.AddCityCoopRateLimits();

        // Production runs behind a reverse proxy on the same machine: take the client's address from X-Forwarded-For,
        // which ASP.NET Core trusts from loopback proxies only, so sign-in limits and the audit log see the real client.
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusProblems.AddCode);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(o => o.AddSchemaTransformer(JsonInputSchemas.Describe));
        // One reading of JSON for every API body (duplicate keys, enum names, numbers, malformed text): JsonInput.
        builder.Services.ConfigureHttpJsonOptions(o => JsonInput.Configure(o.SerializerOptions));
        builder.Services.AddHealthChecks().AddDbContextCheck<CityCoopDbContext>("database");

        // Registered before the web server's own hosted service, so it finishes before requests are accepted.
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.AddCityCoopJobs(database);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        // The API and tools get problem details; a person on a page gets a page in their language.
        static bool ForMachines(HttpContext c) =>
            c.Request.Path.StartsWithSegments("/api") || c.Request.Path.StartsWithSegments("/hangfire") || c.Request.Path.StartsWithSegments("/health") || c.Request.Path.StartsWithSegments("/openapi");
        app.UseWhen(ForMachines, machines => machines.UseStatusCodePages().UseQueryTextRule());
        app.UseWhen(c => !ForMachines(c), people => people.UseStatusCodePagesWithReExecute("/status/{0}"));

        // Routing after the status-code pages, so a re-executed /status/{code} request is routed again.
        app.UseRouting();
        app.MapCityCoopPages();
        app.UseCityCoopRateLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");

        // The API reference reads /openapi/v1.json; Scalar's script comes from the package and no font from a CDN: the server stands alone.
        app.MapScalarApiReference("/api-reference", o => o.WithTitle("CityCoop API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts());
        app.MapHealthChecks("/health");
        app.MapTokenEndpoints();
        app.MapReportEndpoints();
        app.MapBudgetEndpoints();
        app.MapExpenseEndpoints();
        app.MapPipelineEndpoints();
        app.MapProposalEndpoints();
        app.MapMemorandumEndpoints();
        app.MapTaskEndpoints();
        app.MapWorkflowEndpoints();
        app.MapPreferenceEndpoints();
        app.MapCityCoopJobs();
        app.MapAuditEndpoints();
        return app;
    }

    /// <summary>Starts (migrating and seeding first), prints the URL and runs until stopped.</summary>
    public static async Task<int> ServeAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync();

        // Migrating and importing the sample data leave tens of MB of garbage that a server with little traffic would hold
        // for hours: collect it once, compacting, and give the memory back (first start 222 → 180 MB, README "Benchmarks").
        // Here, in the process's own entry point, not in the start-up service: a collection is process-wide, and a process
        // hosting many servers (the tests) would pay a full compaction of its whole heap for each.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine($"CityCoop is listening on {address}");
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Applies migrations and seeds as configured (see <see cref="DatabaseInitializer"/>).</summary>
    public static async Task InitializeDatabaseAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(SampleDataFolder);
    }
}
