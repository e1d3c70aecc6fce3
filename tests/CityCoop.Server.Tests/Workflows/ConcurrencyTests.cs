using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// Optimistic concurrency through the HTTP API on PostgreSQL: concurrent identical actions, stale ETags, and the
/// approved amount as a ceiling on recorded costs, also under concurrent requests. One proposal per test.
/// </summary>
public sealed class ConcurrencyTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task Approve_TenConcurrentIdenticalRequests_ExactlyOneWinsAndNineGet409()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");
        var journalBefore = (await users.MinistryJp.JournalAsync(id)).Count;

        var clients = Enumerable.Range(0, 10).Select(_ => users.MinistryJp.NewClient()).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var requests = clients.Select(client => Task.Run(async () =>
            {
                await start.Task;
                using var response = await users.MinistryJp.PostActionAsync(id, "approve", new { amount = 2_500_000m }, client: client);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            })).ToList();
            start.SetResult();
            var results = await Task.WhenAll(requests);

            var summary = string.Join("\n", results.Select(r => $"{(int)r.StatusCode} {r.Body}"));
            Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, summary);
            Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 9, summary);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        var journal = await users.MinistryJp.JournalAsync(id);
        Assert.Equal(journalBefore + 1, journal.Count);
        Assert.Single(journal, e => e.GetProperty("action").GetString() == "approve");
        var (proposal, _) = await users.MinistryJp.GetProposalAsync(id);
        Assert.Equal("fund-execution", proposal.GetProperty("state").GetString());
        Assert.Equal(2_500_000m, proposal.GetProperty("approvedAmount").GetProperty("amount").GetDecimal());
        Assert.Equal(2_500_000m, proposal.GetProperty("remainingAmount").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Action_WithStaleIfMatch_Returns412AndChangesNothing_WithCurrentIfMatch_Returns200()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.Shanghai.CreateAsync("Stale ETag");
        await users.Shanghai.ActAsync(id, "submit");
        var (_, staleETag) = await users.PlatformJp.GetProposalAsync(id);

        var changed = await users.PlatformCn.ActAsync(id, "set-partner", WorkflowApi.PartnerKitakyushu);
        var currentETag = changed.GetProperty("eTag").GetString()!;
        Assert.NotEqual(staleETag, currentETag);
        var journalBefore = await users.PlatformJp.JournalAsync(id);

        var matches = new { items = new[] { new { wished = "VOC control", offered = "Kitakyushu VOC inventory" } } };
        using (var stale = await users.PlatformJp.PostActionAsync(id, "record-matches", matches, ifMatch: staleETag))
        {
            var problem = await WorkflowApi.JsonOf(stale, HttpStatusCode.PreconditionFailed);
            Assert.Equal(412, problem.GetProperty("status").GetInt32());
            Assert.Equal(currentETag, problem.GetProperty("currentETag").GetString());
            Assert.Equal(currentETag, WorkflowApi.ETagOf(stale));
        }

        var (unchanged, etagAfterRefusal) = await users.PlatformJp.GetProposalAsync(id);
        Assert.Equal(currentETag, etagAfterRefusal);
        Assert.Equal(0, unchanged.GetProperty("matchedItems").GetArrayLength());
        Assert.Equal(journalBefore.Count, (await users.PlatformJp.JournalAsync(id)).Count);

        using (var fresh = await users.PlatformJp.PostActionAsync(id, "record-matches", matches, ifMatch: currentETag))
        {
            var result = await WorkflowApi.JsonOf(fresh, HttpStatusCode.OK);
            Assert.Equal("recorded", result.GetProperty("outcome").GetString());
            Assert.NotEqual(currentETag, WorkflowApi.ETagOf(fresh));
            Assert.Equal(result.GetProperty("eTag").GetString(), WorkflowApi.ETagOf(fresh));
        }

        var (updated, _) = await users.PlatformJp.GetProposalAsync(id);
        var match = Assert.Single(updated.GetProperty("matchedItems").EnumerateArray());
        Assert.Equal("VOC control", match.GetProperty("wishedItem").GetString());
        Assert.Equal(journalBefore.Count + 1, (await users.PlatformJp.JournalAsync(id)).Count);
    }

    [Fact]
    public async Task RecordActivity_CostOverTheRemainingApprovedAmount_Returns409AndRecordsNothing()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 2_500_000m);
        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(1_000_000m) });
        var journalBefore = (await users.PlatformJp.JournalAsync(id)).Count;
        var (_, etagBefore) = await users.PlatformJp.GetProposalAsync(id);

        // Through the activities endpoint (the record-activity action with the activity as the body).
        using (var over = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{id}/activities", WorkflowApi.TrainingVisit(1_500_001m, "2015-08-01", "2015-08-03")))
        {
            var problem = await WorkflowApi.JsonOf(over, HttpStatusCode.Conflict);
            Assert.Equal("within-approved-amount", problem.GetProperty("guard").GetString());
        }

        var (proposal, etagAfter) = await users.PlatformJp.GetProposalAsync(id);
        Assert.Equal(etagBefore, etagAfter);
        Assert.Equal(1_000_000m, proposal.GetProperty("plannedActivityCosts").GetProperty("amount").GetDecimal());
        Assert.Equal(2_500_000m, proposal.GetProperty("remainingAmount").GetProperty("amount").GetDecimal()); // no expenses: a planned activity cost does not take their room
        var activity = Assert.Single(await users.PlatformJp.ActivitiesAsync(id));
        Assert.Equal(1_000_000m, activity.GetProperty("cost").GetProperty("amount").GetDecimal());
        Assert.Equal(journalBefore, (await users.PlatformJp.JournalAsync(id)).Count);

        // Exactly the remaining amount is still chargeable.
        using (var exact = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{id}/activities", WorkflowApi.TrainingVisit(1_500_000m, "2015-08-01", "2015-08-03")))
        {
            var result = await WorkflowApi.JsonOf(exact, HttpStatusCode.OK);
            Assert.Equal("recorded", result.GetProperty("outcome").GetString());
        }

        var (full, _) = await users.PlatformJp.GetProposalAsync(id);
        Assert.Equal(2_500_000m, full.GetProperty("plannedActivityCosts").GetProperty("amount").GetDecimal());
        Assert.Equal(2_500_000m, full.GetProperty("remainingAmount").GetProperty("amount").GetDecimal()); // no expenses: a planned activity cost does not take their room
    }

    [Fact]
    public async Task RecordActivity_TwoConcurrentCostsTogetherOverTheApprovedAmount_ExactlyOneIsRecorded()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 2_500_000m);
        var journalBefore = (await users.PlatformJp.JournalAsync(id)).Count;

        using var jp = users.PlatformJp.NewClient();
        using var cn = users.PlatformCn.NewClient();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<(HttpStatusCode Status, string Body)> RecordAsync(WorkflowApi user, HttpClient client, string startDate, string endDate)
        {
            await start.Task;
            using var response = await user.PostActionAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(1_500_000m, startDate, endDate) }, client: client);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var first = Task.Run(() => RecordAsync(users.PlatformJp, jp, "2015-07-01", "2015-07-05"));
        var second = Task.Run(() => RecordAsync(users.PlatformCn, cn, "2015-09-01", "2015-09-05"));
        start.SetResult();
        var results = await Task.WhenAll(first, second);

        var summary = string.Join("\n", results.Select(r => $"{(int)r.Status} {r.Body}"));
        Assert.True(results.Count(r => r.Status == HttpStatusCode.OK) == 1, summary);
        Assert.True(results.Count(r => r.Status == HttpStatusCode.Conflict) == 1, summary);

        var (proposal, _) = await users.PlatformJp.GetProposalAsync(id);
        Assert.Equal(1_500_000m, proposal.GetProperty("plannedActivityCosts").GetProperty("amount").GetDecimal());
        Assert.Equal(2_500_000m, proposal.GetProperty("remainingAmount").GetProperty("amount").GetDecimal()); // no expenses: a planned activity cost does not take their room
        Assert.Single(await users.PlatformJp.ActivitiesAsync(id));
        Assert.Equal(journalBefore + 1, (await users.PlatformJp.JournalAsync(id)).Count);
    }

    [Fact]
    public async Task EditDraft_WithoutIfMatch_Is428WithACode_AndSavesNothing()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.Shanghai.CreateAsync("Saved by a colleague");
        var (_, etag) = await users.Shanghai.GetProposalAsync(id);

        using (var response = await users.Shanghai.PutProposalAsync(id, WorkflowApi.NewProposal("Overwritten unseen"), ifMatch: null))
        {
            var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.PreconditionRequired);
            Assert.Equal((428, "if-match-required", etag), (problem.GetProperty("status").GetInt32(), problem.GetProperty("code").GetString(), problem.GetProperty("currentETag").GetString()));
        }

        var (proposal, after) = await users.Shanghai.GetProposalAsync(id);
        Assert.Equal(("Saved by a colleague", etag), (proposal.GetProperty("title").GetString(), after));
    }

    [Fact]
    public async Task EditDraft_WithStaleIfMatch_Is412CarryingTheCurrentProposalAndETag_AndSavesNothing_ThenSavesWithThatETag()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.Shanghai.CreateAsync("First version");
        var (_, opened) = await users.Shanghai.GetProposalAsync(id);

        // A colleague saves first, from the same version.
        string saved;
        using (var first = await users.Shanghai.PutProposalAsync(id, WorkflowApi.NewProposal("The colleague's version"), opened, users.Shanghai.NewClient()))
        {
            await WorkflowApi.JsonOf(first, HttpStatusCode.OK);
            saved = WorkflowApi.ETagOf(first);
        }

        using (var stale = await users.Shanghai.PutProposalAsync(id, WorkflowApi.NewProposal("My version"), opened))
        {
            var problem = await WorkflowApi.JsonOf(stale, HttpStatusCode.PreconditionFailed);
            Assert.Equal(("if-match-stale", saved, saved), (problem.GetProperty("code").GetString(), problem.GetProperty("currentETag").GetString(), WorkflowApi.ETagOf(stale)));
            var current = problem.GetProperty("current");
            var (asRead, _) = await users.Shanghai.GetProposalAsync(id);
            Assert.Equal(asRead.ToString(), current.ToString());
            Assert.Equal("The colleague's version", current.GetProperty("title").GetString());
        }

        Assert.Equal("The colleague's version", (await users.Shanghai.GetProposalAsync(id)).Proposal.GetProperty("title").GetString());
        using (var merged = await users.Shanghai.PutProposalAsync(id, WorkflowApi.NewProposal("Both versions, merged"), saved))
        {
            await WorkflowApi.JsonOf(merged, HttpStatusCode.OK);
        }

        Assert.Equal("Both versions, merged", (await users.Shanghai.GetProposalAsync(id)).Proposal.GetProperty("title").GetString());
    }

    [Fact]
    public async Task EditDraft_TenConcurrentEditsOfTheSameVersion_OneIsSaved_NineGet412CarryingTheSavedOne()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.Shanghai.CreateAsync("Before the rush");
        var (_, etag) = await users.Shanghai.GetProposalAsync(id);

        var clients = Enumerable.Range(0, 10).Select(_ => users.Shanghai.NewClient()).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var requests = clients.Select((client, i) => Task.Run(async () =>
            {
                await start.Task;
                using var response = await users.Shanghai.PutProposalAsync(id, WorkflowApi.NewProposal($"Edit #{i}"), etag, client);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            })).ToList();
            start.SetResult();
            var results = await Task.WhenAll(requests);

            var summary = string.Join("\n", results.Select(r => $"{(int)r.StatusCode} {r.Body}"));
            Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.OK) == 1, summary);
            Assert.True(results.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed) == 9, summary);
            var (proposal, current) = await users.Shanghai.GetProposalAsync(id);
            var winner = proposal.GetProperty("title").GetString();
            Assert.Equal(JsonDocument.Parse(results.Single(r => r.StatusCode == HttpStatusCode.OK).Body).RootElement.GetProperty("title").GetString(), winner);
            foreach (var (_, body) in results.Where(r => r.StatusCode == HttpStatusCode.PreconditionFailed))
            {
                using var problem = JsonDocument.Parse(body);
                Assert.Equal((current, winner), (problem.RootElement.GetProperty("currentETag").GetString(), problem.RootElement.GetProperty("current").GetProperty("title").GetString()));
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
