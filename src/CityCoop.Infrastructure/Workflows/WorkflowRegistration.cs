using CityCoop.Infrastructure.Proposals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>Registers the workflow runtime, the definition catalog and the workflow modules.</summary>
public static class WorkflowRegistration
{
    /// <summary>
    /// Reads <c>Workflows:Folder</c> (default: <c>workflows/</c> next to the executable). The schema file must be in
    /// that folder; definitions are validated and stored at start-up by <see cref="WorkflowDefinitionSync"/>, each with
    /// the hooks of the module that runs it. Registers the proposal and memorandum modules.
    /// </summary>
    public static WorkflowOptions AddCityCoopWorkflows(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new WorkflowOptions
        {
            Folder = Path.GetFullPath(builder.Configuration["Workflows:Folder"] ?? Path.Combine(AppContext.BaseDirectory, "workflows")),
        };
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<Timers.BusinessDayCalendar>();
        builder.Services.AddSingleton(sp => new WorkflowModules(sp.GetServices<IWorkflowModule>(), sp.GetRequiredService<Timers.BusinessDayCalendar>()));
        builder.Services.AddSingleton(sp => new WorkflowDefinitionCatalog(Path.Combine(options.Folder, WorkflowDefinitionSync.SchemaFileName), sp.GetRequiredService<WorkflowModules>()));
        builder.Services.AddScoped<WorkflowDefinitionSync>();
        builder.Services.AddSingleton<ReferenceDataCache>();
        builder.Services.AddScoped<WorkflowRuntime>();
        builder.Services.TryAddSingleton<Observability.CityCoopMetrics>();
        builder.Services.AddScoped<WorkflowMigration>();
        builder.Services.AddWorkflowModule<ProposalModule>();
        builder.Services.AddScoped<ProposalWorkflow>();
        builder.Services.AddWorkflowModule<Memorandums.MemorandumModule>();
        builder.Services.AddScoped<Memorandums.MemorandumWorkflow>();
        builder.Services.AddScoped<Replay.ActivityReplay>();
        builder.Services.AddScoped<Replay.MemorandumReplay>();
        return options;
    }

    /// <summary>
    /// Registers a workflow module (a singleton): the runtime, timers, outbox, inbox, digest and migration serve its
    /// subjects, and a definition file whose <c>id</c> is its <see cref="IWorkflowModule.DefinitionId"/> is loaded with its hooks.
    /// </summary>
    public static IServiceCollection AddWorkflowModule<TModule>(this IServiceCollection services)
        where TModule : class, IWorkflowModule
    {
        services.TryAddSingleton<TModule>();
        services.AddSingleton<IWorkflowModule>(sp => sp.GetRequiredService<TModule>());
        return services;
    }
}
