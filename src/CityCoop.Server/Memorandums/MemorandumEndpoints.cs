using CityCoop.Domain;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Memorandums;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Auth;
using CityCoop.Server.Hosting;
using CityCoop.Server.Proposals;
using CityCoop.Server.Workflows;
using CityCoop.Workflows;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CityCoop.Server.Memorandums;

/// <summary>
/// The fiscal-year memorandums API (<c>workflows/fiscal-year-memorandum.json</c>): list, create (Japanese platform), read,
/// the caller's allowed actions, act. Every signed-in user may read memorandums; who may act is the workflow's rule.
/// </summary>
public static class MemorandumEndpoints
{
    /// <summary>Problem code of 404: no memorandum has this id (or this fiscal year).</summary>
    public const string NotFoundCode = "memorandum-not-found";

    /// <summary>Maps every <c>/api/memorandums</c> endpoint; all require a signed-in user.</summary>
    public static void MapMemorandumEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/memorandums").RequireAuthorization().WithTags("Memorandums");

        api.MapGet("/", async (HttpContext http, CurrentActor current, MemorandumWorkflow memorandums, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is null)
            {
                return Unauthorized();
            }

            return Results.Ok((await memorandums.ListAsync(ct)).Select(MemorandumSummary.From));
        }).WithSummary("Every fiscal-year memorandum, newest fiscal year first: id, fiscalYear, state, signedOn, confirmedOn, confirmedPlace.");

        api.MapPost("/", async (MemorandumRequest body, HttpContext http, CurrentActor current, MemorandumWorkflow memorandums, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            try
            {
                var year = body.FiscalYear ?? throw new DomainRuleException("fiscalYear", DomainText.Of("input-required", "fiscalYear is required: e.g. 2027.", ("field", "fiscalYear")));
                var record = await memorandums.CreateAsync(year, actor, ct: ct);
                http.Response.Headers.ETag = record.ETag;
                return Results.Created($"/api/memorandums/{record.Memorandum.Id}", MemorandumResponse.From(record, actor.Country, IsAdmin(actor)));
            }
            catch (DomainRuleException e)
            {
                return e.Text.Code switch
                {
                    "memorandum-platform-jp-only" => Coded(e, "Only the Japanese platform drafts a fiscal year's memorandum.", StatusCodes.Status403Forbidden),
                    "memorandum-exists" => Coded(e, "This fiscal year has a memorandum already.", StatusCodes.Status409Conflict),
                    _ => StepResults.Invalid(e),
                };
            }
        }).WithSummary("Create the memorandum of a fiscal year, without a plan (Japanese platform staff only: 403 otherwise; 409 memorandum-exists when the year has one, with its id).");

        api.MapGet("/for-year/{fiscalYear}", async (FiscalYearRoute fiscalYear, HttpContext http, CurrentActor current, MemorandumWorkflow memorandums, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            if (fiscalYear.OutsideProgramme("fiscalYear") is { } outside)
            {
                return outside;
            }

            return await memorandums.ForYearAsync(fiscalYear, ct) is { } row && await memorandums.LoadAsync(row.Memorandum.Id, ct) is { } record
                ? Found(record, actor, http)
                : NotFound();
        }).WithSummary("The memorandum of a fiscal year (as GET /api/memorandums/{id}), or 404 when the year has none.");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, CurrentActor current, MemorandumWorkflow memorandums, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            return await memorandums.LoadAsync(id, ct) is { } record ? Found(record, actor, http) : NotFound();
        }).WithSummary("A memorandum with its plan, dates, state, open tasks, signatures and journal; the ETag header is its revision.");

        api.MapGet("/{id:guid}/actions", async (Guid id, HttpContext http, CurrentActor current, MemorandumWorkflow memorandums, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is not { } actor)
            {
                return Unauthorized();
            }

            if (await memorandums.LoadAsync(id, ct) is not { } record)
            {
                return NotFound();
            }

            http.Response.Headers.ETag = record.ETag;
            return Results.Ok(memorandums.Engine.AllowedSteps(record.Instance, record.Definition, actor, record.Subject)
                .Select(x => new ActionDto(x.Action.Name, x.Task.Name, x.Action.Target, x.Action.Inputs, x.Action.Approval is not null)));
        }).WithSummary("What the caller may do now, with the inputs each action needs.");

        api.MapPost("/{id:guid}/actions/{action}", async (Guid id, string action, HttpContext http, CurrentActor current, MemorandumWorkflow memorandums, IOptions<HttpJsonOptions> json, CancellationToken ct) =>
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

            var ifMatch = http.Request.Headers.IfMatch.ToString();
            var outcome = await memorandums.ExecuteAsync(id, actor, action, inputs, ifMatch.Length == 0 ? null : ifMatch, ct: ct);
            return outcome switch
            {
                StepOutcome.Done done => Done(done, http),
                StepOutcome.NotFound => NotFound(),
                StepOutcome.Stale stale => Stale(stale, http),
                _ => StepResults.From(outcome, http),
            };
        }).WithSummary("Take an action (record-plan {plan}, submit, agree, return {comment}, sign {signedOn?}, confirm {confirmedOn?, place?}, revise {comment}). Body: the inputs as a JSON object. Honours If-Match (412 when stale).");

        api.MapGet("/{id:guid}/diagram", async (Guid id, string? lang, HttpContext http, CurrentActor current, MemorandumWorkflow memorandums, CancellationToken ct) =>
        {
            if (await current.ResolveAsync(http.User) is null)
            {
                return Unauthorized();
            }

            return await memorandums.LoadAsync(id, ct) is { } record
                ? Results.Text(MermaidDiagram.Render(record.Definition, record.Instance.CurrentState, lang), "text/plain; charset=utf-8")
                : NotFound();
        }).WithSummary("Mermaid stateDiagram-v2 of the memorandum's workflow version with its current state marked.");
    }

    private static IResult Found(MemorandumRecord record, WorkflowActor actor, HttpContext http)
    {
        http.Response.Headers.ETag = record.ETag;
        return Results.Ok(MemorandumResponse.From(record, actor.Country, IsAdmin(actor)));
    }

    // As StepResults.From answers a step, but with the memorandum's entity tag after the step (MemorandumRecord.ETag), so
    // the tag returned is the one the next If-Match must send.
    private static IResult Done(StepOutcome.Done done, HttpContext http)
    {
        var record = new MemorandumRecord(done.Record);
        http.Response.Headers.ETag = record.ETag;
        return Results.Ok(new ActionResultDto(done.Result.Outcome, record.Instance.CurrentState, record.ETag, done.Result.ApprovalsMissing, StepResults.Journal(done.Result.Entry)));
    }

    private static bool IsAdmin(WorkflowActor actor) => actor.Roles.Contains(CityCoopRoles.Admin);

    // A refusal that is not about the input's form: its status with the code and arguments, as every API problem carries them.
    private static IResult Coded(DomainRuleException e, string title, int status) => Results.Problem(
        title: title,
        detail: e.Text.English,
        statusCode: status,
        extensions: new Dictionary<string, object?> { ["code"] = e.Text.Code, ["arguments"] = e.Text.Arguments, ["field"] = e.Field });

    private static IResult Stale(StepOutcome.Stale stale, HttpContext http)
    {
        http.Response.Headers.ETag = stale.CurrentETag;
        return Results.Problem(
            title: "This memorandum changed since you read it.",
            detail: $"If-Match does not match the current ETag {stale.CurrentETag}; read the memorandum again and retry.",
            statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: new Dictionary<string, object?> { ["code"] = StepResults.IfMatchStale, ["currentETag"] = stale.CurrentETag });
    }

    private static IResult NotFound() => Results.Problem(
        title: "Memorandum not found.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["code"] = NotFoundCode });

    private static IResult Unauthorized() =>
        Results.Problem(title: "Sign in again.", detail: "The account is unknown or deactivated.", statusCode: StatusCodes.Status401Unauthorized);
}
