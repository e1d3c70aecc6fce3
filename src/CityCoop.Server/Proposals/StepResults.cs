using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Workflows;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Hosting;

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
                var etag = ProposalRecord.ETagOf(done.Instance, done.Proposal);
                http.Response.Headers.ETag = etag;
                return Results.Ok(new ActionResultDto(done.Result.Outcome, done.Instance.CurrentState, etag, done.Result.ApprovalsMissing, Journal(done.Result.Entry)));
            case StepOutcome.Edited edited:
                http.Response.Headers.ETag = edited.Record.ETag;
                return Results.Ok(ProposalResponse.From(edited.Record, readerCountry: null));
            case StepOutcome.Stale stale:
                http.Response.Headers.ETag = stale.CurrentETag;
                return Results.Problem(
                    title: "This proposal changed since you read it.",
                    detail: $"If-Match does not match the current ETag {stale.CurrentETag}; read the proposal again and retry.",
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    extensions: new Dictionary<string, object?> { ["currentETag"] = stale.CurrentETag });
            case StepOutcome.Conflict conflict:
                return Results.Problem(title: "Conflicting change.", detail: conflict.Message, statusCode: StatusCodes.Status409Conflict);
            case StepOutcome.NotFound:
                return NotFound();
            case StepOutcome.Refused refused:
                return Refusal(refused.Failure);
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}.");
        }
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
