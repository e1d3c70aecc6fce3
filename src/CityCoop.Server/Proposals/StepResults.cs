using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;

namespace CityCoop.Server.Proposals;

/// <summary>Maps workflow outcomes and domain refusals to HTTP results (RFC 7807 problem details for every refusal).</summary>
public static class StepResults
{
    /// <summary>200 with the action result and the new ETag, or the matching problem.</summary>
    public static IResult From(StepOutcome outcome, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(http);
        switch (outcome)
        {
            case StepOutcome.Done done:
                var etag = done.Record.ETag;
                http.Response.Headers.ETag = etag;
                return Results.Ok(new ActionResultDto(done.Result.Outcome, done.Record.Instance.CurrentState, etag, done.Result.ApprovalsMissing, Journal(done.Result.Entry)));
            case StepOutcome.Edited edited:
                http.Response.Headers.ETag = edited.Record.ETag;
                return Results.Ok(ProposalRecord.Of(edited.Record) is { } record ? ProposalResponse.From(record, readerCountry: null) : null);
            case StepOutcome.Stale stale:
                http.Response.Headers.ETag = stale.CurrentETag;
                return Results.Problem(
                    title: "This proposal changed since you read it.",
                    detail: $"If-Match does not match the current ETag {stale.CurrentETag}; read the proposal again and retry.",
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    extensions: new Dictionary<string, object?> { ["code"] = IfMatchStale, ["currentETag"] = stale.CurrentETag });
            case StepOutcome.Conflict conflict:
                return Results.Problem(title: "Conflicting change.", detail: conflict.Message, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = "concurrent-change" });
            case StepOutcome.NotFound:
                return NotFound();
            case StepOutcome.Refused refused:
                return Refusal(refused.Failure);
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}.");
        }
    }

    /// <summary>Problem code of 412: the request's <c>If-Match</c> names a version that is no longer current.</summary>
    public const string IfMatchStale = "if-match-stale";

    /// <summary>Problem code of 428: a write to a draft without <c>If-Match</c>.</summary>
    public const string IfMatchRequired = "if-match-required";

    /// <summary>
    /// 428 Precondition Required (RFC 6585): an edit must name the version it replaces (<c>If-Match</c> with the ETag of a
    /// <c>GET</c>), or it could overwrite a colleague's save unseen. Carries <c>currentETag</c> and sets the ETag header.
    /// </summary>
    public static IResult PreconditionRequired(string currentETag, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.ETag = currentETag;
        return Results.Problem(
            title: "If-Match is required.",
            detail: $"Send If-Match with the ETag of the draft you edited (the current one is {currentETag}), so a change saved meanwhile is not overwritten.",
            statusCode: StatusCodes.Status428PreconditionRequired,
            extensions: new Dictionary<string, object?> { ["code"] = IfMatchRequired, ["currentETag"] = currentETag });
    }

    /// <summary>
    /// 412 for an edit made on a version that is no longer current: the problem carries <c>currentETag</c> and <c>current</c>,
    /// the proposal as <c>GET</c> returns it to this reader, so a client can merge its change and send it again with that ETag.
    /// </summary>
    public static IResult StaleEdit(ProposalRecord current, string? readerCountry, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.ETag = current.ETag;
        return Results.Problem(
            title: "This proposal changed since you read it.",
            detail: $"If-Match does not match the current ETag {current.ETag}; nothing was saved. 'current' is the proposal as saved now: merge your change into it and send it with If-Match {current.ETag}.",
            statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = IfMatchStale,
                ["currentETag"] = current.ETag,
                ["current"] = ProposalResponse.From(current, readerCountry),
            });
    }

    /// <summary>404 problem for a proposal that does not exist or is not visible to the caller.</summary>
    public static IResult NotFound() =>
        Results.Problem(title: "Proposal not found.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>400 problem naming the field a domain rule refused.</summary>
    public static IResult Invalid(DomainRuleException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return InputProblem.Of(e.Field, e.Text);
    }

    /// <summary>The API shape of a journal entry.</summary>
    public static JournalEntryDto Journal(JournalEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var inputs = JsonDocument.Parse(string.IsNullOrEmpty(e.InputsJson) ? "{}" : e.InputsJson);
        return new JournalEntryDto(e.Sequence, e.At, e.ActorUserId, e.ActorDisplayName, e.Kind, e.Action, e.FromState, e.ToState, e.Comment, inputs.RootElement.Clone(), e.Details, e.DateSource, e.Notes);
    }

    // RFC 7807 extension members: a stable code and its arguments next to the English detail, so clients can word it themselves.
    private static Dictionary<string, object?> Coded(DomainText text, params (string Name, object? Value)[] more)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = text.Code, ["arguments"] = text.Arguments };
        foreach (var (name, value) in more)
        {
            extensions[name] = value;
        }

        return extensions;
    }

    private static IResult Refusal(WorkflowFailure failure) => failure switch
    {
        ActionNotAllowedInState f => Results.Problem(
            title: "Action not allowed in this state.",
            detail: f.Message,
            statusCode: StatusCodes.Status409Conflict,
            extensions: Coded(f.Text, ("state", f.State), ("allowedActions", f.AllowedActions))),
        UnknownAction f => Results.Problem(
            title: "No such action.",
            detail: f.Message,
            statusCode: StatusCodes.Status404NotFound,
            extensions: Coded(f.Text, ("allowedActions", f.AllowedActions))),
        SystemActionRefused f => Results.Problem(
            title: "Only the system takes this action.",
            detail: f.Message,
            statusCode: StatusCodes.Status409Conflict,
            extensions: Coded(f.Text, ("state", f.State), ("task", f.TaskName))),
        ActionForbidden f => Results.Problem(title: "You may not take this action.", detail: f.Reason.English, statusCode: StatusCodes.Status403Forbidden, extensions: Coded(f.Text)),
        MissingInput f => Results.Problem(
            title: "Missing input.",
            detail: f.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: Coded(f.Text, ("field", f.Field))),
        InvalidInput f => Results.Problem(
            title: "Invalid input.",
            detail: f.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: Coded(f.Text, ("field", f.Field))),
        GuardFailed f => Results.Problem(
            title: "A rule refused the action.",
            detail: f.Reason.English,
            statusCode: StatusCodes.Status409Conflict,
            extensions: Coded(f.Text, ("guard", f.Guard))),
        _ => Results.Problem(title: "Action refused.", detail: failure.Message, statusCode: StatusCodes.Status409Conflict, extensions: Coded(failure.Text)),
    };
}
