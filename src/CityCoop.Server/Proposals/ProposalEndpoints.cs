using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Expenses;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Security;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Auth;
using CityCoop.Server.Hosting;
using CityCoop.Server.Resources;
using CityCoop.Server.Tasks;
using CityCoop.Server.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CityCoop.Server.Proposals;

/// <summary>The proposals API: create, list, read, edit drafts, act, read the journal, record activities.</summary>
public static class ProposalEndpoints
{
    /// <summary>Maps every <c>/api/proposals</c> endpoint; all require a signed-in user.</summary>
    public static void MapProposalEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/proposals").RequireAuthorization().WithTags("Proposals");

        api.MapPost("/", async (ProposalRequest body, HttpContext http, CurrentActor current, ProposalWorkflow workflow, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            if (!actor.Roles.Contains(CityCoopRoles.City))
            {
                return Results.Problem(title: "Only city staff create proposals.", statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["code"] = "city-staff-only" });
            }

            try
            {
                var record = await workflow.CreateAsync(body.ToDraft(), actor, ct: ct);
                http.Response.Headers.ETag = record.ETag;
                return Results.Created($"/api/proposals/{record.Proposal.Id}", ProposalResponse.From(record, actor.Country));
            }
            catch (DomainRuleException e)
            {
                return StepResults.Invalid(e);
            }
        }).WithSummary("Create a draft proposal for the caller's city.");

        // Numbers in the query are read as NumberText reads every typed number (２０１５ is 2015), and refused with a field and code.
        api.MapGet("/", async (string? state, string? fiscalYear, string? city, string? q, string? mine, string? page, string? pageSize, string? format, string? lang, HttpContext http, CurrentActor current, ProposalSearch search, Inbox inbox, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            try
            {
                var filter = new ProposalFilter(state, FiscalYearParameter.Parse(fiscalYear), city, q);
                var (wanted, size) = PageRequest.Parse(page, pageSize);
                var ids = Flag(mine, "mine") ? await inbox.SubjectIdsAsync(actor, ProposalModule.Type, ct) : null;
                if (format is "csv" or "xlsx")
                {
                    return await ExportAsync(actor, filter with { Ids = ids }, format, lang, http, search, ct);
                }

                if (format is not (null or "json"))
                {
                    return InputProblem.Of("format", DomainText.Of("unknown-choice", $"format must be json, csv or xlsx, not '{format}'.", ("field", "format"), ("value", format), ("allowed", "json, csv, xlsx")), "Unknown format.");
                }

                var (total, number, rows) = await search.FindAsync(actor, filter with { Ids = ids }, wanted, size, ct);
                return Results.Ok(new ProposalPage(total, number, size, [.. rows.Select(x => new ProposalSummary(
                    x.Proposal.Id, x.Proposal.Title, x.Proposal.ProposingCityCode, x.Proposal.PartnerCityCodes, x.Proposal.FiscalYear, x.State,
                    new MoneyDto(x.Proposal.RequestedAmount.Amount, x.Proposal.RequestedAmount.Currency), x.Proposal.CreatedAt))]));
            }
            catch (DomainRuleException e)
            {
                return StepResults.Invalid(e);
            }
        }).WithSummary("List proposals visible to the caller; filters: state, fiscalYear (2026, FY2026, 令和8年度), city, q (text in title or description), mine=true (has an open task for me); paging: page, pageSize. format=csv or format=xlsx downloads every match (up to 10,000, no paging) with headers, cities and states in lang (zh, ja, en; default the request's language). A value that cannot be read is 400 naming it.");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, CurrentActor current, ProposalWorkflow workflow, CityCoopDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var (actor, record) = await LoadVisibleAsync(id, http, current, workflow, ct);
            if (actor is null || record is null)
            {
                return actor is null ? Unauthorized() : StepResults.NotFound();
            }

            http.Response.Headers.ETag = record.ETag;
            var money = record.Proposal.ApprovedAmount is null ? null : await ExpenseBook.SummaryAsync(db, record.Proposal, ExpenseBook.Today(time.GetUtcNow()), ct);
            return Results.Ok(ProposalResponse.From(record, actor.Country, money));
        }).WithSummary("A proposal with its state, open tasks and approvals; the ETag header is the revision.");

        api.MapPut("/{id:guid}", async (Guid id, ProposalRequest body, HttpContext http, CurrentActor current, ProposalWorkflow workflow, CancellationToken ct) =>
        {
            var (actor, record) = await LoadVisibleAsync(id, http, current, workflow, ct);
            if (actor is null || record is null)
            {
                return actor is null ? Unauthorized() : StepResults.NotFound();
            }

            if (record.Instance.CurrentState != record.Definition.InitialState)
            {
                return Results.Problem(title: "Only a draft can be edited.", detail: $"The proposal is in '{record.Instance.CurrentState}'.", statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = "not-a-draft", ["state"] = record.Instance.CurrentState });
            }

            if (actor.OrganizationCode != record.Proposal.OrganizationCode || !actor.Roles.Contains(CityCoopRoles.City))
            {
                await http.RequestServices.GetRequiredService<SecurityAuditLog>().RecordAsync(SecurityEvents.ActionForbidden, $"proposal:{id}", "edit: not-proposing-city", actor.UserId);
                return Results.Problem(
                    title: "Only the proposing city edits its draft.",
                    statusCode: StatusCodes.Status403Forbidden,
                    extensions: new Dictionary<string, object?> { ["code"] = "not-proposing-city" });
            }

            // Required, not only honoured: without it an edit made on an old copy silently replaced a colleague's save.
            var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
            if (ifMatch.Length == 0)
            {
                return StepResults.PreconditionRequired(record.ETag, http);
            }

            if (ifMatch != "*" && ifMatch != record.ETag)
            {
                return StepResults.StaleEdit(record, actor.Country, http);
            }

            try
            {
                var outcome = await workflow.SaveEditAsync(record, body.ToDraft(), ct);

                // Another edit with the same If-Match committed first: to this one, its precondition no longer holds.
                return outcome is StepOutcome.Conflict && await workflow.LoadAsync(id, ct) is { } saved
                    ? StepResults.StaleEdit(saved, actor.Country, http)
                    : StepResults.From(outcome, http);
            }
            catch (DomainRuleException e)
            {
                return StepResults.Invalid(e);
            }
        }).WithSummary("Edit a draft (its own city only). Requires If-Match: 428 without it, 412 with the current proposal and ETag when stale.");

        api.MapGet("/{id:guid}/actions", async (Guid id, HttpContext http, CurrentActor current, ProposalWorkflow workflow, CancellationToken ct) =>
        {
            var (actor, record) = await LoadVisibleAsync(id, http, current, workflow, ct);
            if (actor is null || record is null)
            {
                return actor is null ? Unauthorized() : StepResults.NotFound();
            }

            var subject = await workflow.SubjectAsync(record.Proposal, ct);
            http.Response.Headers.ETag = record.ETag;
            return Results.Ok(workflow.Engine.AllowedSteps(record.Instance, record.Definition, actor, subject)
                .Select(x => new ActionDto(x.Action.Name, x.Task.Name, x.Action.Target, x.Action.Inputs, x.Action.Approval is not null)));
        }).WithSummary("What the caller may do now, with the inputs each action needs.");

        api.MapPost("/{id:guid}/actions/{action}", async (Guid id, string action, HttpContext http, CurrentActor current, ProposalWorkflow workflow, IOptions<HttpJsonOptions> json, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            var (inputs, unreadable) = await ActionInputs.ReadAsync(http, json.Value.SerializerOptions, ct);
            if (unreadable is not null)
            {
                return StepResults.Invalid(unreadable);
            }

            return await ActAsync(id, actor, action, inputs, http, workflow, ct);
        }).WithSummary("Take an action. Body: the inputs as a JSON object. Honours If-Match (412 when stale).");

        api.MapPost("/{id:guid}/activities", async (Guid id, JsonElement activity, HttpContext http, CurrentActor current, ProposalWorkflow workflow, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            return await ActAsync(id, actor, "record-activity", new Dictionary<string, JsonElement> { ["activity"] = activity.Clone() }, http, workflow, ct);
        }).WithSummary("Record an activity and its cost in fund execution (the record-activity action).");

        api.MapGet("/{id:guid}/activities", async (Guid id, HttpContext http, CurrentActor current, ProposalWorkflow workflow, CityCoopDbContext db, CancellationToken ct) =>
        {
            var (actor, record) = await LoadVisibleAsync(id, http, current, workflow, ct);
            if (actor is null || record is null)
            {
                return actor is null ? Unauthorized() : StepResults.NotFound();
            }

            var activities = await db.Activities.AsNoTracking().Where(a => a.ProposalId == id).OrderBy(a => a.StartDate).ToListAsync(ct);
            return Results.Ok(activities.Select(a => new
            {
                a.Id,
                Kind = a.Kind,
                a.StartDate,
                a.EndDate,
                a.Number,
                Cost = a.Cost is { } c ? new MoneyDto(c.Amount, c.Currency) : null,
                Voided = a.VoidedAt is { } at ? new VoidDto(at, a.VoidedBy!, a.VoidedByName!, a.VoidReason!) : null,
                Details = (object)a,
            }));
        }).WithSummary("Activities recorded under a proposal, voided ones included (with voided: who, when in UTC, why; they no longer count).");

        api.MapGet("/{id:guid}/journal", async (Guid id, HttpContext http, CurrentActor current, ProposalWorkflow workflow, CancellationToken ct) =>
        {
            var (actor, record) = await LoadVisibleAsync(id, http, current, workflow, ct);
            if (actor is null || record is null)
            {
                return actor is null ? Unauthorized() : StepResults.NotFound();
            }

            var admin = actor.Roles.Contains(CityCoopRoles.Admin);
            return Results.Ok(record.Instance.Journal.Where(e => admin || !e.ForAdmins).OrderBy(e => e.Sequence).Select(StepResults.Journal));
        }).WithSummary("The append-only journal: who, when, action, from-state, to-state, comment, inputs.");

        api.MapGet("/{id:guid}/diagram", async (Guid id, string? lang, HttpContext http, CurrentActor current, ProposalWorkflow workflow, CancellationToken ct) =>
        {
            var (actor, record) = await LoadVisibleAsync(id, http, current, workflow, ct);
            if (actor is null || record is null)
            {
                return actor is null ? Unauthorized() : StepResults.NotFound();
            }

            return Results.Text(MermaidDiagram.Render(record.Definition, record.Instance.CurrentState, lang), "text/plain; charset=utf-8");
        }).WithSummary("Mermaid stateDiagram-v2 of the proposal's workflow version with its current state marked.");
    }

    // Every match, not a page: a download is the whole selection. Instants in UTC, as everywhere in the API.
    private static async Task<IResult> ExportAsync(WorkflowActor actor, ProposalFilter filter, string format, string? lang, HttpContext http, ProposalSearch search, CancellationToken ct)
    {
        var language = lang ?? UiText.Language;
        if (!Languages.Codes.Contains(language))
        {
            return InputProblem.Of("lang", DomainText.Of("unknown-choice", $"lang must be zh, ja or en, not '{language}'.", ("field", "lang"), ("value", language), ("allowed", "zh, ja, en")), "Unknown language.");
        }

        var (_, _, rows) = await search.FindAsync(actor, filter, 1, ProposalListExport.MaxRows, ct);
        var db = http.RequestServices.GetRequiredService<CityCoopDbContext>();
        var cities = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        var definition = http.RequestServices.GetRequiredService<WorkflowDefinitionCatalog>().Latest(ProposalWorkflow.DefinitionId);
        var today = ExpenseBook.Today(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        var spent = await ExpenseBook.SpentByProposalAsync(db, [.. rows.Select(r => r.Proposal.Id)], today, ct);
        var export = ProposalListExport.Build(rows, language, cities, definition, at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), spent);
        return format == "csv"
            ? Results.File(export.ToCsv(), "text/csv; charset=utf-8", $"proposals-{language}.csv")
            : Results.File(export.ToXlsx(UiText.Find("proposal.list", language) ?? "Proposals"), Infrastructure.Exports.XlsxWorkbook.ContentType, $"proposals-{language}.xlsx");
    }

    private static async Task<IResult> ActAsync(Guid id, WorkflowActor actor, string action, IReadOnlyDictionary<string, JsonElement> inputs, HttpContext http, ProposalWorkflow workflow, CancellationToken ct)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        var access = http.RequestServices.GetRequiredService<ProposalAccess>();
        var outcome = await workflow.ExecuteAsync(id, actor, action, inputs, ifMatch.Length == 0 ? null : ifMatch, ct: ct, visibleTo: p => access.CanSeeAsync(actor, p));
        return StepResults.From(outcome, http);
    }

    // A yes/no query value: true or false (any case), absent is false.
    private static bool Flag(string? value, string field) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "FALSE" => false,
        "TRUE" => true,
        _ => throw new DomainRuleException(field, DomainText.Of("unknown-choice", $"{field} must be true or false; '{value}' is not.", ("field", field), ("value", value), ("allowed", "true, false"))),
    };

    private static async Task<(WorkflowActor? Actor, ProposalRecord? Record)> LoadVisibleAsync(Guid id, HttpContext http, CurrentActor current, ProposalWorkflow workflow, CancellationToken ct)
    {
        var actor = await current.ResolveAsync(http.User);
        if (actor is null)
        {
            return (null, null);
        }

        var record = await workflow.LoadAsync(id, ct);
        var access = http.RequestServices.GetRequiredService<ProposalAccess>();
        return record is not null && await access.CanSeeAsync(actor, record.Proposal) ? (actor, record) : (actor, null);
    }

    private static IResult Unauthorized() =>
        Results.Problem(title: "Sign in again.", detail: "The account is unknown or deactivated.", statusCode: StatusCodes.Status401Unauthorized);
}
