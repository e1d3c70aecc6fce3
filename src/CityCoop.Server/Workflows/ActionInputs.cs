using System.Text.Json;
using CityCoop.Domain.Json;
using CityCoop.Workflows;

namespace CityCoop.Server.Workflows;

/// <summary>The body of a workflow action endpoint (<c>POST …/actions/{action}</c>): a JSON object of inputs.</summary>
public static class ActionInputs
{
    /// <summary>
    /// Reads the inputs object with the API's JSON options (a key given twice is refused, naming it); an empty body is no
    /// inputs; JSON <c>null</c> is <c>wrong-type</c> on <c>body</c>. When the refusal is set the inputs are empty.
    /// </summary>
    /// <exception cref="BadHttpRequestException">415 when a body is sent with a media type that is not JSON.</exception>
    public static async Task<(Dictionary<string, JsonElement> Inputs, DomainRuleException? Unreadable)> ReadAsync(HttpContext http, JsonSerializerOptions json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentLength == 0 || (http.Request.ContentLength is null && !http.Request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return ([], null);
        }

        // As [FromBody] binding answers a body of another media type (it was read as JSON and the action ran).
        if (!http.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Expected a supported JSON media type.", StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            var inputs = await JsonSerializer.DeserializeAsync<Dictionary<string, JsonElement>>(http.Request.Body, json, ct);
            return inputs is null
                ? ([], new DomainRuleException("body", DomainText.Of("wrong-type", "body: the value has the wrong type.", ("field", "body"))))
                : (inputs, null);
        }
        catch (JsonException e)
        {
            var (field, reason) = JsonInput.Refusal(e, "body");
            return ([], new DomainRuleException(field, reason));
        }
    }
}
