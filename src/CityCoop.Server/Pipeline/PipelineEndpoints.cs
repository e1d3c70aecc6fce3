using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Pipeline;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Auth;
using CityCoop.Server.Hosting;
using CityCoop.Server.Pages.Support;
using CityCoop.Workflows;

namespace CityCoop.Server.Pipeline;

/// <summary><c>GET /api/pipeline</c>: every open proposal with its step, days in it and what is due, for platform and ministry staff.</summary>
public static class PipelineEndpoints
{
    /// <summary>Maps the endpoint (platform, ministry and admin, as the budget; 403 for city staff).</summary>
    public static void MapPipelineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/pipeline", async (string? state, string? fiscalYear, string? overdue, string? sort, CityCoopDbContext db, WorkflowDefinitionCatalog catalog, TimeProvider time, CancellationToken ct) =>
        {
            var definition = catalog.Latest(ProposalWorkflow.DefinitionId);
            PipelineFilter filter;
            try
            {
                filter = PipelineParameters.Parse(definition, state, fiscalYear, overdue, sort);
            }
            catch (DomainRuleException e)
            {
                return InputProblem.Of(e.Field, e.Text);
            }

            var rows = await PipelineQuery.FindAsync(db, PipelineParameters.FinalStates(definition), filter, time.GetUtcNow(), ct);
            return Results.Ok(rows.Select(r => PipelineRowDto.From(r, Viewer.State(definition, r.State))).ToList());
        })
        .RequireAuthorization(AuthRegistration.ReportReaders)
        .WithTags("Pipeline")
        .WithSummary("Every open proposal (not in a final state): step, stateName, stepSince, daysInStep (calendar days, Tokyo dates), openTask, dueAt, overdue, currency, requested, approved. Filters state, fiscalYear (2026, FY2026, 令和8年度), overdue=true; sort=overdue (default: overdue first, then most days in step), days, due (earliest first), amount (largest requested first). A value that cannot be read is 400 naming it.")
        .Produces<List<PipelineRowDto>>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
