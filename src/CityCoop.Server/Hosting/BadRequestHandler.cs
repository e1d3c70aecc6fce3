using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace CityCoop.Server.Hosting;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, an unknown enum value, a query value of the wrong
/// type) into a 400 problem that says what was wrong and where, instead of a bare "Bad Request".
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var json = bad.InnerException as JsonException;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = json is null ? bad.Message : $"{bad.Message} {json.Message}",
                Extensions = { ["field"] = json?.Path },
            },
        });
    }
}
