using System.Text.Json;
using CityCoop.Domain.Json;
using CityCoop.Workflows;

namespace CityCoop.Server.Workflows;

/// <summary>The body of a workflow action endpoint (<c>POST …/actions/{action}</c>): a JSON object of inputs.</summary>
public static class ActionInputs
{
    /// <summary>
    /// Reads the inputs object with the API's JSON options (a key given twice is refused, naming it); an empty body is no
    /// inputs. Null inputs without a refusal: the body is JSON but not an object.
    /// </summary>
    public static async Task<(Dictionary<string, JsonElement>? Inputs, DomainRuleException? Unreadable)> ReadAsync(HttpContext http, JsonSerializerOptions json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentLength == 0 || (http.Request.ContentLength is null && !http.Request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return ([], null);
        }

        try
        {
            return (await JsonSerializer.DeserializeAsync<Dictionary<string, JsonElement>>(http.Request.Body, json, ct), null);
        }
        catch (JsonException e)
        {
            var (field, reason) = JsonInput.Refusal(e, "body");
            return (null, new DomainRuleException(field, reason));
        }
    }
}
