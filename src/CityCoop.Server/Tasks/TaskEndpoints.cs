using CityCoop.Server.Auth;
using CityCoop.Domain.Proposals;
using CityCoop.Server.Proposals;

namespace CityCoop.Server.Tasks;

/// <summary><c>GET /api/tasks</c>: the caller's inbox.</summary>
public static class TaskEndpoints
{
    /// <summary>
    /// One inbox row: the task and the subject it belongs to (<c>subjectType</c> <c>proposal</c> or <c>memorandum</c>, its id,
    /// title and page link); for a proposal also its cities under the names earlier clients read (null for other subjects).
    /// </summary>
    public sealed record InboxRow(
        TaskDto Task,
        string SubjectType,
        Guid SubjectId,
        string Title,
        string Path,
        int? FiscalYear,
        string State,
        Guid? ProposalId,
        string? ProposalTitle,
        string? ProposingCityCode,
        IReadOnlyList<string>? PartnerCityCodes);

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
            return Results.Ok(items.Select(i =>
            {
                var proposal = i.Subject.Scope as ProposalScopeSubject;
                return new InboxRow(
                    ProposalResponse.TaskOf(i.Task, actor.Country),
                    i.Subject.SubjectType,
                    i.Subject.Id,
                    i.Subject.Title,
                    i.Subject.Path,
                    i.Subject.FiscalYear,
                    i.State,
                    proposal is null ? null : i.Subject.Id,
                    proposal is null ? null : i.Subject.Title,
                    proposal?.CityCode,
                    proposal?.PartnerCityCodes);
            }));
        })
        .RequireAuthorization()
        .WithTags("Tasks")
        .WithSummary("The caller's open tasks, oldest due first.");
    }
}
