using CityCoop.Domain;
using CityCoop.Workflows;

namespace CityCoop.Server.Hosting;

/// <summary>
/// The one shape of an input refusal in the API: RFC 7807 problem details, status 400, <c>detail</c> in English, and the
/// extension members <c>field</c> (the input or JSON member), <c>code</c> and <c>arguments</c> a client words it with.
/// </summary>
public static class InputProblem
{
    /// <summary>The 400 problem for a refused input.</summary>
    /// <param name="field">The field refused, or null when the request as a whole is.</param>
    /// <param name="reason">Why, as code and arguments.</param>
    /// <param name="title">The problem's title.</param>
    public static IResult Of(string? field, DomainText reason, string title = "Invalid input.")
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Results.Problem(
            title: title,
            detail: reason.English,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["code"] = reason.Code, ["arguments"] = reason.Arguments, ["field"] = field });
    }
}
