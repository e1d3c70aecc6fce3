using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Memorandums;

/// <summary>The memorandums API as one signed-in user (through <see cref="WorkflowApi"/>'s client): create, act, read.</summary>
internal static class MemorandumApi
{
    /// <summary>A plan of FY2027: Kitakyushu–Shanghai and Kitakyushu–Wuhan, two local seminars and one training visit, visits to Wuhan in July 2027 and to Shanghai in January 2028.</summary>
    public static object Plan2027 { get; } = new
    {
        pairs = new[] { new { japanese = "kitakyushu", chinese = "shanghai" }, new { japanese = "kitakyushu", chinese = "wuhan" } },
        activities = new[] { new { kind = "local-seminar", count = 2 }, new { kind = "training-visit", count = 1 } },
        visits = new[] { new { city = "wuhan", month = "2027-07" }, new { city = "shanghai", month = "2028-01" } },
        summary = "Seminars on VOC control; one training visit to Kitakyushu.",
    };

    /// <summary>Creates the memorandum of a fiscal year and returns its id (asserts 201).</summary>
    public static async Task<Guid> CreateAsync(this WorkflowApi api, int fiscalYear)
    {
        using var response = await api.Client.PostAsJsonAsync("/api/memorandums", new { fiscalYear });
        var json = await WorkflowApi.JsonOf(response, HttpStatusCode.Created, $"create FY{fiscalYear}");
        return json.GetProperty("id").GetGuid();
    }

    /// <summary>Posts an action on a memorandum, with <c>If-Match</c> when given.</summary>
    public static async Task<HttpResponseMessage> PostMemorandumActionAsync(this WorkflowApi api, Guid id, string action, object? inputs = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/memorandums/{id}/actions/{action}") { Content = JsonContent.Create(inputs ?? new { }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await api.Client.SendAsync(request);
    }

    /// <summary>Takes an action and asserts 200; returns the action result.</summary>
    public static async Task<JsonElement> ActOnMemorandumAsync(this WorkflowApi api, Guid id, string action, object? inputs = null)
    {
        using var response = await api.PostMemorandumActionAsync(id, action, inputs);
        return await WorkflowApi.JsonOf(response, HttpStatusCode.OK, $"{action} on memorandum {id}");
    }

    /// <summary>The names of the actions the caller may take now.</summary>
    public static async Task<List<string>> MemorandumActionsAsync(this WorkflowApi api, Guid id) =>
        [.. (await api.GetAsync($"/api/memorandums/{id}/actions")).EnumerateArray().Select(a => a.GetProperty("name").GetString()!)];
}
