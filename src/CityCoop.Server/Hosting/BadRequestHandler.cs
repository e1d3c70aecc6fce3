using System.Text.Json;
using System.Text.RegularExpressions;
using CityCoop.Domain;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Json;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Diagnostics;

namespace CityCoop.Server.Hosting;

/// <summary>
/// Turns a request the framework could not bind into a problem that says what was wrong and where, with the
/// <c>field</c>, <c>code</c> and <c>arguments</c> every refusal carries, in our words (never the framework's, which name
/// .NET types): JSON bodies as <see cref="JsonInput.Refusal"/> words them (<c>malformed-json</c>, <c>duplicate-key</c>,
/// <c>wrong-type</c>, <c>unknown-choice</c>, <c>not-a-number</c>, <c>amount-too-large</c>, <c>text-malformed</c>, …; the
/// field is the member's path, <c>body</c> for the body itself); no body where one is needed <c>body-missing</c>; a body
/// that is not JSON <c>not-json</c> (415); a body over the size limit <c>body-too-large</c> (413, argument limit in
/// bytes); a required form file or query value absent <c>input-required</c>; a query or route value that does not bind <c>not-a-number</c> (numbers; arguments field, value),
/// <c>fiscal-year-format</c> (<see cref="FiscalYearRoute"/>) or <c>wrong-type</c>; anything else <c>request-unreadable</c>.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    private static readonly HashSet<string> NumberTypes = ["int", "long", "short", "decimal", "double", "float", "Int32", "Int64", "Int16", "Decimal", "Double", "Single"];

    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (field, reason) = bad.InnerException is JsonException json ? JsonInput.Refusal(json, "body") : Reason(bad);
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

    // The framework tells these apart only by its messages (RequestDelegateFactory, Kestrel); an unknown one still gets a
    // code, with the message kept for whoever reads the log.
    private static (string? Field, DomainText Reason) Reason(BadHttpRequestException bad)
    {
        if (Binding().Match(bad.Message) is { Success: true } binding)
        {
            var name = binding.Groups["name"].Value;
            var value = binding.Groups["value"].Value;
            var type = binding.Groups["type"].Value.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', '>');
            return type == nameof(FiscalYearRoute)
                ? (name, JapaneseFiscalYear.NotAFiscalYear(name, value))
                : NumberTypes.Contains(type)
                    ? (name, NumberText.NotANumber(name, value))
                    : (name, DomainText.Of("wrong-type", $"{name}: the value has the wrong type.", ("field", name)));
        }

        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal) || bad.Message.EndsWith("was not provided from body.", StringComparison.Ordinal))
        {
            return ("body", DomainText.Of("body-missing", "The request needs a JSON body.", ("field", "body")));
        }

        // A form file, query or header value the endpoint requires: Required parameter "IFormFile file" was not provided
        // from form file; Unexpected request without body, failed to bind parameter "IFormFile file" from the request body.
        if ((bad.Message.Contains("was not provided from", StringComparison.Ordinal) || bad.Message.StartsWith("Unexpected request without body", StringComparison.Ordinal))
            && Parameter().Match(bad.Message) is { Success: true } required)
        {
            var name = required.Groups["name"].Value;
            return (name, DomainText.Of("input-required", $"{name} is required.", ("field", name)));
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType && StatusProblems.ReasonFor(bad.StatusCode) is { } media)
        {
            return media;
        }

        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = Limit().Match(bad.Message) is { Success: true } m ? m.Groups["bytes"].Value : "";
            return ("body", DomainText.Of("body-too-large", $"The request body is larger than the limit of {limit} bytes.", ("field", "body"), ("limit", limit)));
        }

        // Our words, not the framework's ("Failed to read parameter "IFormFile file" from the request body as form."
        // names a .NET type); the exception handler has logged the framework's message.
        var parameter = Parameter().Match(bad.Message) is { Success: true } p ? p.Groups["name"].Value : null;
        return parameter is null
            ? StatusProblems.ReasonFor(StatusCodes.Status400BadRequest)!.Value
            : (parameter, DomainText.Of("request-unreadable", $"The request could not be read: {parameter} is not readable as sent.", ("field", parameter)));
    }

    // Failed to bind parameter "int? take" from "x".
    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\" ]+) (?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex Binding();

    // Required parameter "string status" was not provided from query string.
    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\"")]
    private static partial Regex Parameter();

    // Request body too large. The max request body size is 30000000 bytes.
    [GeneratedRegex("(?<bytes>[0-9]+) bytes")]
    private static partial Regex Limit();
}
