using System.Net;
using System.Text.Json;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// The inbox decides most tasks in SQL (assigned to the reader's organisation, or open to a fixed set of organisations such
/// as either platform) and checks against the proposal only the tasks whose organisations the proposal chooses: here a
/// definition whose approval-following task is for the partner cities, so it is in the partner's inbox and in no other
/// city's, and the proposal is among the partner's own (<c>mine=true</c>).
/// </summary>
public sealed class InboxScopeTests
{
    // The follow-approval task, recognised by its Chinese name (follow-matching has the same shape).
    private const string FollowApprovalOfProposalCity = "\"zh\": \"跟进环境省审批\" },\n          \"following\": true,\n          \"role\": \"city\",\n          \"scope\": \"proposal-city\"";

    [Fact]
    public async Task TaskOfThePartnerCities_IsInThePartnersInbox_AndNoOtherCitys()
    {
        using var folder = new WorkflowFolder();
        folder.Replace(FollowApprovalOfProposalCity, FollowApprovalOfProposalCity.Replace("proposal-city", "partner-city", StringComparison.Ordinal));
        var (owner, server) = folder.StartServer(await PostgresServer.CreateDatabaseAsync("inbox_scope"), WorkflowClock.New());
        await using (owner)
        {
            using var users = await DemoUsers.SignInAsync(server);
            var id = await users.WalkToAsync("ministry-approval");

            Assert.Equal(["follow-approval"], TaskNames(await users.Kitakyushu.TasksAsync(), id));
            Assert.Empty(TaskNames(await users.Shanghai.TasksAsync(), id));
            Assert.Equal(["approve-funding"], TaskNames(await users.MinistryJp.TasksAsync(), id));
            Assert.Empty(TaskNames(await users.PlatformJp.TasksAsync(), id));
            Assert.Empty(TaskNames(await users.MinistryCn.TasksAsync(), id));
            Assert.Equal([id], await MineAsync(users.Kitakyushu));

            // The ministry approves: the partner's following task closes with the state.
            await users.MinistryJp.ActAsync(id, "approve", new { amount = 2_000_000m });
            Assert.Empty(TaskNames(await users.Kitakyushu.TasksAsync(), id));
            Assert.Equal(["execute-funds"], TaskNames(await users.PlatformCn.TasksAsync(), id));
        }
    }

    private static List<string?> TaskNames(List<JsonElement> inbox, Guid proposal) =>
        [.. inbox.Where(r => r.GetProperty("subjectId").GetGuid() == proposal).Select(r => r.GetProperty("task").GetProperty("name").GetString())];

    private static async Task<List<Guid>> MineAsync(WorkflowApi reader)
    {
        using var response = await reader.Client.GetAsync(new Uri("/api/proposals?mine=true", UriKind.Relative));
        var list = await WorkflowApi.JsonOf(response, HttpStatusCode.OK);
        return [.. list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];
    }
}
