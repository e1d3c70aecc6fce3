using System.Net;
using System.Net.Http.Json;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// A proposal's whole path through the HTTP API on PostgreSQL: draft → platform matching → ministry approval →
/// fund execution → closed. Its own database, so the inboxes hold only this proposal's tasks.
/// </summary>
public sealed class FullPathTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task FullPath_FromDraftToClosed_JournalsEveryStepAndBooksApprovedAndSpentAmounts()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);

        // Create: 201 with Location and ETag.
        using var created = await users.Shanghai.Client.PostAsJsonAsync("/api/proposals", WorkflowApi.NewProposal("PM2.5 monitoring"));
        var proposal = await WorkflowApi.JsonOf(created, HttpStatusCode.Created);
        var id = proposal.GetProperty("id").GetGuid();
        Assert.Equal($"/api/proposals/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(proposal.GetProperty("eTag").GetString(), WorkflowApi.ETagOf(created));
        Assert.Equal("draft", proposal.GetProperty("state").GetString());
        Assert.Equal("cooperation-proposal", proposal.GetProperty("workflowId").GetString());
        Assert.Equal(1, proposal.GetProperty("workflowVersion").GetInt32());
        Assert.Equal("shanghai", proposal.GetProperty("proposingCityCode").GetString());

        var submitted = await users.Shanghai.ActAsync(id, "submit");
        Assert.Equal("transitioned", submitted.GetProperty("outcome").GetString());
        Assert.Equal("platform-matching", submitted.GetProperty("state").GetString());

        var partner = await users.PlatformJp.ActAsync(id, "set-partner", WorkflowApi.PartnerKitakyushu);
        Assert.Equal("recorded", partner.GetProperty("outcome").GetString());
        Assert.Equal("kitakyushu–shanghai: new pairing (no friendship relation)", partner.GetProperty("entry").GetProperty("details").GetString());

        var matches = await users.PlatformJp.ActAsync(id, "record-matches", new { items = new[] { new { wished = "PM2.5 source apportionment", offered = "Kitakyushu air monitoring know-how" } } });
        Assert.Equal("recorded", matches.GetProperty("outcome").GetString());

        var firstMatch = await users.PlatformJp.ActAsync(id, "match");
        Assert.Equal("approval-recorded", firstMatch.GetProperty("outcome").GetString());
        Assert.Equal(1, firstMatch.GetProperty("approvalsMissing").GetInt32());
        Assert.Equal("platform-matching", firstMatch.GetProperty("state").GetString());

        var secondMatch = await users.PlatformCn.ActAsync(id, "match");
        Assert.Equal("transitioned", secondMatch.GetProperty("outcome").GetString());
        Assert.Equal(0, secondMatch.GetProperty("approvalsMissing").GetInt32());
        Assert.Equal("ministry-approval", secondMatch.GetProperty("state").GetString());

        // In ministry approval the Japanese ministry's inbox holds the approve-funding task, the Chinese ministry's nothing.
        var inbox = await users.MinistryJp.TasksAsync();
        var row = Assert.Single(inbox);
        Assert.Equal(id, row.GetProperty("proposalId").GetGuid());
        Assert.Equal("ministry-approval", row.GetProperty("state").GetString());
        Assert.Equal("approve-funding", row.GetProperty("task").GetProperty("name").GetString());
        Assert.Equal("ministry", row.GetProperty("task").GetProperty("role").GetString());
        Assert.Equal("ministry-jp", row.GetProperty("task").GetProperty("scope").GetString());
        Assert.Equal("ministry:jp", row.GetProperty("task").GetProperty("organizationCode").GetString());
        Assert.Empty(await users.MinistryCn.TasksAsync());
        var actions = await users.MinistryJp.GetAsync($"/api/proposals/{id}/actions");
        Assert.Equal(["approve", "return", "reject"], actions.EnumerateArray().Select(a => a.GetProperty("name").GetString()));

        var approved = await users.MinistryJp.ActAsync(id, "approve", new { amount = 2_500_000m, comment = "Direct costs only." });
        Assert.Equal("transitioned", approved.GetProperty("outcome").GetString());
        Assert.Equal("fund-execution", approved.GetProperty("state").GetString());

        var activity = await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(1_200_000m) });
        Assert.Equal("recorded", activity.GetProperty("outcome").GetString());
        Assert.Equal("fund-execution", activity.GetProperty("state").GetString());

        var closed = await users.PlatformJp.ActAsync(id, "close");
        Assert.Equal("transitioned", closed.GetProperty("outcome").GetString());
        Assert.Equal("closed", closed.GetProperty("state").GetString());

        var (final, etag) = await users.Shanghai.GetProposalAsync(id);
        Assert.Equal("closed", final.GetProperty("state").GetString());
        Assert.Equal(closed.GetProperty("eTag").GetString(), etag);
        Assert.Equal(2_500_000m, final.GetProperty("approvedAmount").GetProperty("amount").GetDecimal());
        Assert.Equal("JPY", final.GetProperty("approvedAmount").GetProperty("currency").GetString());
        Assert.Equal(1_200_000m, final.GetProperty("plannedActivityCosts").GetProperty("amount").GetDecimal());
        Assert.Equal(2_500_000m, final.GetProperty("remainingAmount").GetProperty("amount").GetDecimal()); // no expenses: a planned activity cost does not take their room
        Assert.Equal(["kitakyushu"], final.GetProperty("partnerCityCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(0, final.GetProperty("openTasks").GetArrayLength());

        var journal = await users.Shanghai.JournalAsync(id);
        Assert.Equal(
            [
                "1 started start draft->draft",
                "2 transition submit draft->platform-matching",
                "3 recorded set-partner platform-matching->platform-matching",
                "4 recorded record-matches platform-matching->platform-matching",
                "5 approval-recorded match platform-matching->platform-matching",
                "6 transition match platform-matching->ministry-approval",
                "7 transition approve ministry-approval->fund-execution",
                "8 recorded record-activity fund-execution->fund-execution",
                "9 transition close fund-execution->closed",
            ],
            journal.Select(e => $"{e.GetProperty("sequence").GetInt32()} {e.GetProperty("kind").GetString()} {e.GetProperty("action").GetString()} {e.GetProperty("fromState").GetString()}->{e.GetProperty("toState").GetString()}"));
        Assert.Equal("kitakyushu–shanghai: new pairing (no friendship relation)", journal[2].GetProperty("details").GetString());
        Assert.Equal("Direct costs only.", journal[6].GetProperty("comment").GetString());
        Assert.Equal(2_500_000m, journal[6].GetProperty("inputs").GetProperty("amount").GetDecimal());
        Assert.Equal(journal[4].GetProperty("actorUserId").GetString(), journal[3].GetProperty("actorUserId").GetString());
        Assert.NotEqual(journal[4].GetProperty("actorUserId").GetString(), journal[5].GetProperty("actorUserId").GetString());
        Assert.True(journal.Zip(journal.Skip(1)).All(p => p.First.GetProperty("at").GetDateTimeOffset() <= p.Second.GetProperty("at").GetDateTimeOffset()));

        var recorded = Assert.Single(await users.Shanghai.ActivitiesAsync(id));
        Assert.Equal(1_200_000m, recorded.GetProperty("cost").GetProperty("amount").GetDecimal());

        Assert.Empty(await users.MinistryJp.TasksAsync());
        Assert.Empty(await users.PlatformJp.TasksAsync());
        Assert.Empty(await users.Shanghai.TasksAsync());
    }
}
