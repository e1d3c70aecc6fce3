using CityCoop.Server.Auth;
using CityCoop.Server.Proposals;

namespace CityCoop.Server.Tasks;

/// <summary><c>GET /api/tasks</c>: the caller's inbox.</summary>
public static class TaskEndpoints
{
    /// <summary>One inbox row: the task and the proposal it belongs to.</summary>
    public sealed record InboxRow(TaskDto Task, Guid ProposalId, string ProposalTitle, string ProposingCityCode, IReadOnlyList<string> PartnerCityCodes, int FiscalYear, string State);

    /// <summary>Maps the endpoint for any signed-in user.</summary>
    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tasks", async (HttpContext http, CurrentActor current, Inbox inbox, CancellationToken ct) =>
        {
            var actor = await current.ResolveAsync(http.User);
            if (actor is null)
            {
                return Results.Problem(title: "Sign in again.", statusCode: StatusCodes.Status401Unauthorized);
            }

            var items = await inbox.ForAsync(actor, ct);
            return Results.Ok(items.Select(i => new InboxRow(ProposalResponse.TaskOf(i.Task, actor.Country), i.Proposal.Id, i.Proposal.Title, i.Proposal.ProposingCityCode, i.Proposal.PartnerCityCodes, i.Proposal.FiscalYear, i.State)));
        })
        .RequireAuthorization()
        .WithTags("Tasks")
        .WithSummary("The caller's open tasks, oldest due first.");
    }
}
