using System.Text.Json;
using System.Text.RegularExpressions;
using CityCoop.Domain;
using CityCoop.Domain.Json;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Diagnostics;

namespace CityCoop.Server.Hosting;

/// <summary>
/// Turns a request the framework could not bind into a problem that says what was wrong and where, with the
/// <c>field</c>, <c>code</c> and <c>arguments</c> every refusal carries: JSON bodies as <see cref="JsonInput.Refusal"/>
/// words them (<c>malformed-json</c>, <c>duplicate-key</c>, <c>wrong-type</c>, <c>unknown-choice</c>, <c>not-a-number</c>,
/// <c>amount-too-large</c>, <c>text-malformed</c>, …; the field is the member's path, <c>body</c> for the body itself), any other
/// unreadable request as <c>request-unreadable</c> (a query value of the wrong type, a body over the size limit).
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (field, reason) = bad.InnerException is JsonException json
            ? JsonInput.Refusal(json, "body")
            : (Parameter().Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value : null, DomainText.Of("request-unreadable", bad.Message));
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = reason.English,
                Extensions = { ["field"] = field, ["code"] = reason.Code, ["arguments"] = reason.Arguments },
            },
        });
    }

    // The framework names a query or route value it could not bind only in its message: Failed to bind parameter "int? take" from "x".
    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\"")]
    private static partial Regex Parameter();
}
