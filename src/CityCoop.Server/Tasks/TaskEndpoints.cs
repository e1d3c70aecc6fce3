using System.Globalization;
using CityCoop.Domain.Proposals;
using CityCoop.Server.Auth;
using CityCoop.Server.Hosting;
using CityCoop.Server.Proposals;
using CityCoop.Workflows;

namespace CityCoop.Server.Tasks;

/// <summary><c>GET /api/tasks</c>: the caller's inbox, one page at a time.</summary>
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
        // The answer stays a JSON array (the page's rows); the count and the way on are headers, as list APIs that answer
        // arrays do: X-Total-Count, and Link with rel="next"/"prev" (RFC 8288). A platform with thousands of open tasks
        // otherwise got every one, 1.5 MB, in one answer (README "Scaling").
        app.MapGet("/api/tasks", async (string? page, string? pageSize, HttpContext http, CurrentActor current, Inbox inbox, CancellationToken ct) =>
        {
            var actor = await current.ResolveAsync(http.User);
            if (actor is null)
            {
                return Results.Problem(title: "Sign in again.", statusCode: StatusCodes.Status401Unauthorized);
            }

            PageRequest wanted;
            try
            {
                wanted = PageRequest.Parse(page, pageSize);
            }
            catch (DomainRuleException e)
            {
                return StepResults.Invalid(e);
            }

            var size = wanted.Size;
            var answer = await inbox.PageAsync(actor, wanted.Page, size, ct);
            var last = PageRequest.PagesOf(answer.Total, size);
            var number = answer.Page;
            http.Response.Headers["X-Total-Count"] = answer.Total.ToString(CultureInfo.InvariantCulture);
            var links = new List<string>();
            if (number < last)
            {
                links.Add($"</api/tasks?page={number + 1}&pageSize={size}>; rel=\"next\"");
            }

            if (number > 1)
            {
                links.Add($"</api/tasks?page={number - 1}&pageSize={size}>; rel=\"prev\"");
            }

            if (links.Count > 0)
            {
                http.Response.Headers.Link = string.Join(", ", links);
            }

            return Results.Ok(answer.Items.Select(i =>
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
        .WithSummary("The caller's open tasks, oldest due first, one page (page, 1-based, past the last reads as the last; pageSize, default 50, at most 200): a JSON array of the page's rows, the count of all in X-Total-Count, the next and previous pages in Link (rel=\"next\", rel=\"prev\"). A page or pageSize that cannot be read is 400 naming it.");
    }
}
