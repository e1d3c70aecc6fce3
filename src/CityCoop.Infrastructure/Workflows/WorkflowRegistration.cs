using CityCoop.Domain.Proposals;
using CityCoop.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>Registers the workflow engine, the definition catalog and the proposal workflow.</summary>
public static class WorkflowRegistration
{
    /// <summary>
    /// Reads <c>Workflows:Folder</c> (default: <c>workflows/</c> next to the executable). The schema file must be in
    /// that folder; definitions are validated and stored at start-up by <see cref="WorkflowDefinitionSync"/>.
    /// </summary>
    public static WorkflowOptions AddCityCoopWorkflows(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new WorkflowOptions
        {
            Folder = Path.GetFullPath(builder.Configuration["Workflows:Folder"] ?? Path.Combine(AppContext.BaseDirectory, "workflows")),
        };
        builder.Services.AddSingleton(options);
        var hooks = ProposalWorkflowHooks.Create();
        builder.Services.AddSingleton(hooks);
        builder.Services.AddSingleton<Timers.BusinessDayCalendar>();
        builder.Services.AddSingleton(sp => new WorkflowEngine(hooks, sp.GetRequiredService<Timers.BusinessDayCalendar>()));
        builder.Services.AddSingleton(_ => new WorkflowDefinitionCatalog(
            WorkflowDefinitionLoader.FromSchemaFile(Path.Combine(options.Folder, WorkflowDefinitionSync.SchemaFileName), hooks)));
        builder.Services.AddScoped<WorkflowDefinitionSync>();
        builder.Services.AddSingleton<ReferenceDataCache>();
        builder.Services.AddScoped<ProposalWorkflow>();
        builder.Services.AddScoped<WorkflowMigration>();
        builder.Services.AddScoped<Replay.ActivityReplay>();
        return options;
    }
}
