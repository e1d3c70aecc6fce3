using CityCoop.Domain;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Workflows;

/// <summary><c>GET /api/workflows</c> and the Mermaid diagram of a definition version.</summary>
public static class WorkflowEndpoints
{
    /// <summary>A stored definition version.</summary>
    public sealed record VersionDto(int Version, string ContentHash, string FileName, DateTimeOffset LoadedAt);

    /// <summary>A definition with all its versions, newest first.</summary>
    public sealed record WorkflowDto(string Id, string Title, int LatestVersion, IReadOnlyList<VersionDto> Versions);

    /// <summary>Maps the endpoints for any signed-in user.</summary>
    public static void MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows").RequireAuthorization().WithTags("Workflows");

        api.MapGet("/", async (CityCoopDbContext db, WorkflowDefinitionCatalog catalog, CancellationToken ct) =>
        {
            var records = await db.WorkflowDefinitions.AsNoTracking().ToListAsync(ct);
            return Results.Ok(records.GroupBy(r => r.DefinitionId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new WorkflowDto(
                g.Key,
                catalog.Latest(g.Key).Title,
                g.Max(r => r.Version),
                [.. g.OrderByDescending(r => r.Version).Select(r => new VersionDto(r.Version, r.ContentHash, r.FileName, r.LoadedAt))])));
        }).WithSummary("Workflow definitions and their stored versions.");

        api.MapGet("/{id}/versions/{version:int}/diagram", async (string id, int version, string? state, string? lang, CityCoopDbContext db, WorkflowDefinitionCatalog catalog, CancellationToken ct) =>
        {
            WorkflowDefinition definition;
            try
            {
                definition = await catalog.GetAsync(db, id, version, ct);
            }
            catch (KeyNotFoundException e)
            {
                return Results.Problem(title: "No such workflow version.", detail: e.Message, statusCode: StatusCodes.Status404NotFound);
            }

            if (state is not null && definition.FindState(state) is null)
            {
                var allowed = string.Join(", ", definition.States.Select(s => s.Name));
                return InputProblem.Of("state", DomainText.Of("unknown-choice", $"'{state}' is not a state of {id} v{version}.", ("field", "state"), ("value", state), ("allowed", allowed)), "No such state.");
            }

            return Results.Text(MermaidDiagram.Render(definition, state, lang), "text/plain; charset=utf-8");
        }).WithSummary("Mermaid stateDiagram-v2 text of a definition version; ?state= marks a state as current (an instance's diagram is at /api/proposals/{id}/diagram).");
    }
}
