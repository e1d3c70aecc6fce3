using CityCoop.Workflows;

namespace CityCoop.Server.Hosting;

/// <summary>
/// Gives the problems the framework answers on its own (a status without an exception of ours: a route that matches
/// nothing, a body of another media type, a body over the size limit) the <c>code</c>, <c>field</c> and <c>arguments</c>
/// every refusal of ours carries, so that a client words each in its reader's language: 400 <c>request-unreadable</c>
/// (a multipart body cut short), 401 <c>sign-in-required</c> (no token, or one that is not valid), 404 <c>not-found</c>, 415
/// <c>not-json</c> on <c>body</c>, 413 <c>body-too-large</c> on <c>body</c>. A problem that has a code keeps it.
/// </summary>
public static class StatusProblems
{
    /// <summary>The field and reason of a status the framework answers on its own, or null for any other status.</summary>
    /// <param name="status">The HTTP status.</param>
    public static (string? Field, DomainText Reason)? ReasonFor(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => (null, DomainText.Of("request-unreadable", "The request could not be read.")),
        StatusCodes.Status401Unauthorized => (null, DomainText.Of("sign-in-required", "Sign in: send the header Authorization: Bearer with a token from POST /api/auth/token.")),
        StatusCodes.Status404NotFound => (null, DomainText.Of("not-found", "Nothing is at this address, or you may not see it.")),
        StatusCodes.Status415UnsupportedMediaType => ("body", DomainText.Of("not-json", "The request body must be JSON (Content-Type: application/json).", ("field", "body"))),
        StatusCodes.Status413PayloadTooLarge => ("body", DomainText.Of("body-too-large", "The request body is larger than the server takes.", ("field", "body"))),
        _ => null,
    };

    /// <summary>For <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>.</summary>
    /// <param name="context">The problem about to be written.</param>
    public static void AddCode(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        if (ReasonFor(problem.Status) is not { } found)
        {
            return;
        }

        var (field, reason) = found;

        problem.Detail ??= reason.English;
        problem.Extensions["code"] = reason.Code;
        problem.Extensions["arguments"] = reason.Arguments;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }
    }
}
