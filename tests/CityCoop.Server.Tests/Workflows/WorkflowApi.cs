using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// Talks to the proposals API of a started server as one signed-in user: create, act, read.
/// Works with any <see cref="WebApplicationFactory{TEntryPoint}"/> of the server (also one made by WithWebHostBuilder).
/// </summary>
internal sealed class WorkflowApi : IDisposable
{
    /// <summary>The requested amount of <see cref="NewProposal"/>: 3,000,000 JPY.</summary>
    public const decimal RequestedAmount = 3_000_000m;

    /// <summary>Inputs of <c>set-partner</c> naming Kitakyushu (no friendship relation with Shanghai).</summary>
    public static readonly object PartnerKitakyushu = new { cityCodes = new[] { "kitakyushu" } };

    private readonly WebApplicationFactory<Program> factory;
    private readonly string token;

    private WorkflowApi(WebApplicationFactory<Program> factory, string token, HttpClient client)
    {
        this.factory = factory;
        this.token = token;
        Client = client;
    }

    /// <summary>A client with this user's bearer token.</summary>
    public HttpClient Client { get; }

    /// <summary>Signs in through <c>POST /api/auth/token</c> with the demo password.</summary>
    public static async Task<WorkflowApi> SignInAsync(WebApplicationFactory<Program> factory, string email, string password = DemoAccounts.Password)
    {
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token for {email}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        return new WorkflowApi(factory, token, NewClient(factory, token));
    }

    /// <summary>A separate client with the same token (for concurrent requests).</summary>
    public HttpClient NewClient() => NewClient(factory, token);

    /// <summary>The body of a draft proposal of a Chinese city without a partner (new cooperation, 3,000,000 JPY for FY2015).</summary>
    public static object NewProposal(string title) => new
    {
        title,
        description = "Reduce PM2.5 with source apportionment",
        strand = "government-staff",
        level = "local",
        cooperationKind = "new",
        wishedItems = new[] { "PM2.5 source apportionment", "VOC control" },
        fiscalYear = 2015,
        requestedAmount = new { amount = RequestedAmount, currency = "JPY" },
    };

    /// <summary>An activity input: a training visit Shanghai → Kitakyushu costing <paramref name="cost"/>.</summary>
    public static object TrainingVisit(decimal cost, string startDate = "2015-07-01", string endDate = "2015-07-05") => new
    {
        kind = "training-visit",
        startDate,
        endDate,
        sendingCity = "shanghai",
        receivingCities = new[] { "kitakyushu" },
        traineeCategory = "TechnicalStaff",
        trainees = 5,
        cost,
    };

    /// <summary>Creates a proposal and returns its id (asserts 201).</summary>
    public async Task<Guid> CreateAsync(string title)
    {
        using var response = await Client.PostAsJsonAsync("/api/proposals", NewProposal(title));
        var json = await JsonOf(response, HttpStatusCode.Created);
        return json.GetProperty("id").GetGuid();
    }

    /// <summary>Posts an action with a JSON body (an object, or raw JSON text when a string is given).</summary>
    public Task<HttpResponseMessage> PostActionAsync(Guid id, string action, object? inputs = null, string? ifMatch = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/proposals/{id}/actions/{action}")
        {
            Content = inputs is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(inputs ?? new { }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return SendAndDisposeRequestAsync(client ?? Client, request);
    }

    /// <summary>PUTs a draft's fields (<see cref="NewProposal"/>'s shape), with <c>If-Match</c> when given.</summary>
    public Task<HttpResponseMessage> PutProposalAsync(Guid id, object body, string? ifMatch, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/proposals/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return SendAndDisposeRequestAsync(client ?? Client, request);
    }

    /// <summary>Takes an action and asserts 200; returns the action result.</summary>
    public async Task<JsonElement> ActAsync(Guid id, string action, object? inputs = null)
    {
        using var response = await PostActionAsync(id, action, inputs);
        return await JsonOf(response, HttpStatusCode.OK, $"{action} on {id}");
    }

    /// <summary>GET as JSON, asserting 200.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return await JsonOf(response, HttpStatusCode.OK, "GET " + path);
    }

    /// <summary>The proposal and its ETag header.</summary>
    public async Task<(JsonElement Proposal, string ETag)> GetProposalAsync(Guid id)
    {
        using var response = await Client.GetAsync($"/api/proposals/{id}");
        var json = await JsonOf(response, HttpStatusCode.OK, $"GET proposal {id}");
        return (json, ETagOf(response));
    }

    /// <summary>The journal entries in order.</summary>
    public async Task<List<JsonElement>> JournalAsync(Guid id) =>
        [.. (await GetAsync($"/api/proposals/{id}/journal")).EnumerateArray()];

    /// <summary>The activities recorded under a proposal.</summary>
    public async Task<List<JsonElement>> ActivitiesAsync(Guid id) =>
        [.. (await GetAsync($"/api/proposals/{id}/activities")).EnumerateArray()];

    /// <summary>The caller's inbox rows: every page of <c>GET /api/tasks</c>, following its <c>Link rel="next"</c>.</summary>
    public async Task<List<JsonElement>> TasksAsync()
    {
        var all = new List<JsonElement>();
        for (var next = "/api/tasks?pageSize=200"; next is not null;)
        {
            using var response = await Client.GetAsync(next);
            all.AddRange((await JsonOf(response, HttpStatusCode.OK)).EnumerateArray());
            next = NextPage(response);
        }

        return all;
    }

    /// <summary>The target of a list answer's <c>Link</c> header with <c>rel="next"</c>, or null on the last page.</summary>
    public static string? NextPage(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values)
            ? string.Join(",", values).Split(',').Select(l => l.Trim()).Where(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal)).Select(l => l[1..l.IndexOf('>', StringComparison.Ordinal)]).FirstOrDefault()
            : null;

    /// <summary>The raw ETag header of a response.</summary>
    public static string ETagOf(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("ETag", out var values) ? values.ToString() : throw new InvalidOperationException("No ETag header.");

    /// <summary>Reads the body as JSON after asserting the status (the body is in the failure message).</summary>
    public static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected, string? what = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what ?? response.RequestMessage?.RequestUri?.ToString()}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    /// <summary>
    /// Creates a proposal as <c>city</c> and walks it to <c>target</c> (draft, platform-matching, ministry-approval or
    /// fund-execution) with the given reviewers and officer; returns its id.
    /// </summary>
    public static async Task<Guid> WalkToAsync(string target, WorkflowApi city, WorkflowApi platformJp, WorkflowApi platformCn, WorkflowApi? ministryJp = null, decimal approved = 2_500_000m, string title = "PM2.5 monitoring")
    {
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(platformJp);
        ArgumentNullException.ThrowIfNull(platformCn);
        var id = await city.CreateAsync(title);
        if (target == "draft")
        {
            return id;
        }

        await city.ActAsync(id, "submit");
        await platformJp.ActAsync(id, "set-partner", PartnerKitakyushu);
        await platformJp.ActAsync(id, "record-matches", new { items = new[] { new { wished = "PM2.5 source apportionment", offered = "Kitakyushu air monitoring know-how" } } });
        if (target == "platform-matching")
        {
            return id;
        }

        await platformJp.ActAsync(id, "match");
        await platformCn.ActAsync(id, "match");
        if (target == "ministry-approval")
        {
            return id;
        }

        ArgumentNullException.ThrowIfNull(ministryJp);
        await ministryJp.ActAsync(id, "approve", new { amount = approved });
        Assert.Equal("fund-execution", target);
        return id;
    }

    public void Dispose() => Client.Dispose();

    private static HttpClient NewClient(WebApplicationFactory<Program> factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> SendAndDisposeRequestAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            return await client.SendAsync(request);
        }
    }
}

/// <summary>The demo accounts signed in once against one server.</summary>
internal sealed class DemoUsers : IDisposable
{
    private DemoUsers(WorkflowApi shanghai, WorkflowApi kitakyushu, WorkflowApi platformJp, WorkflowApi platformCn, WorkflowApi ministryJp, WorkflowApi ministryCn)
    {
        Shanghai = shanghai;
        Kitakyushu = kitakyushu;
        PlatformJp = platformJp;
        PlatformCn = platformCn;
        MinistryJp = ministryJp;
        MinistryCn = ministryCn;
    }

    public WorkflowApi Shanghai { get; }

    public WorkflowApi Kitakyushu { get; }

    public WorkflowApi PlatformJp { get; }

    public WorkflowApi PlatformCn { get; }

    public WorkflowApi MinistryJp { get; }

    public WorkflowApi MinistryCn { get; }

    public static async Task<DemoUsers> SignInAsync(WebApplicationFactory<Program> factory) => new(
        await WorkflowApi.SignInAsync(factory, CityCoopFactory.ShanghaiCity),
        await WorkflowApi.SignInAsync(factory, CityCoopFactory.KitakyushuCity),
        await WorkflowApi.SignInAsync(factory, CityCoopFactory.PlatformJp),
        await WorkflowApi.SignInAsync(factory, CityCoopFactory.PlatformCn),
        await WorkflowApi.SignInAsync(factory, CityCoopFactory.MinistryJp),
        await WorkflowApi.SignInAsync(factory, CityCoopFactory.MinistryCn));

    /// <summary>Walks a new Shanghai proposal to <paramref name="target"/>.</summary>
    public Task<Guid> WalkToAsync(string target, decimal approved = 2_500_000m) =>
        WorkflowApi.WalkToAsync(target, Shanghai, PlatformJp, PlatformCn, MinistryJp, approved);

    public void Dispose()
    {
        Shanghai.Dispose();
        Kitakyushu.Dispose();
        PlatformJp.Dispose();
        PlatformCn.Dispose();
        MinistryJp.Dispose();
        MinistryCn.Dispose();
    }
}
