using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// What the proposals API refuses, on PostgreSQL: wrong state (409 with the allowed actions), wrong role or
/// organisation (403), another city's proposal (404), the four-eyes rule, and missing or malformed inputs (400).
/// Every refusal leaves the proposal as it was. One proposal per test.
/// </summary>
public sealed class RefusalTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    private static readonly string[] PlatformMatchingActions = ["set-partner", "record-consultation", "void-activity", "record-matches", "set-cooperation-kind", "match", "return", "decline"];

    [Fact]
    public async Task Approve_WhileInDraft_Returns409WithTheCallersAllowedActions()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("draft");
        var (_, etag) = await users.Shanghai.GetProposalAsync(id);

        using (var byMinistry = await users.MinistryJp.PostActionAsync(id, "approve", new { amount = 1_000_000m }))
        {
            var problem = await WorkflowApi.JsonOf(byMinistry, HttpStatusCode.Conflict);
            Assert.Equal("draft", problem.GetProperty("state").GetString());
            Assert.Equal(0, problem.GetProperty("allowedActions").GetArrayLength());
        }

        using (var byCity = await users.Shanghai.PostActionAsync(id, "approve", new { amount = 1_000_000m }))
        {
            var problem = await WorkflowApi.JsonOf(byCity, HttpStatusCode.Conflict);
            Assert.Equal("draft", problem.GetProperty("state").GetString());
            Assert.Equal(["submit", "withdraw"], Names(problem.GetProperty("allowedActions")));
        }

        var (after, etagAfter) = await users.Shanghai.GetProposalAsync(id);
        Assert.Equal(etag, etagAfter);
        Assert.Equal("draft", after.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("approvedAmount").ValueKind);
    }

    [Fact]
    public async Task Close_WhileInPlatformMatching_Returns409ListingThePlatformsActions()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("platform-matching");

        using var response = await users.PlatformJp.PostActionAsync(id, "close");

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.Conflict);
        Assert.Equal("platform-matching", problem.GetProperty("state").GetString());
        Assert.Equal(PlatformMatchingActions, Names(problem.GetProperty("allowedActions")));
    }

    [Fact]
    public async Task Submit_ByAPlatformUser_Returns403()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("draft");

        using var response = await users.PlatformJp.PostActionAsync(id, "submit");

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.Forbidden);
        Assert.Equal("Action 'submit' needs the city role.", problem.GetProperty("detail").GetString());
        Assert.Equal("draft", (await users.Shanghai.GetProposalAsync(id)).Proposal.GetProperty("state").GetString());
    }

    [Fact]
    public async Task CreateByAPlatformUser_Is403AndEditOfASubmittedProposal_Is409_EachWithACode()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using (var create = await users.PlatformJp.Client.PostAsJsonAsync(new Uri("/api/proposals", UriKind.Relative), WorkflowApi.NewProposal("by a platform")))
        {
            Assert.Equal("city-staff-only", (await WorkflowApi.JsonOf(create, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        }

        var id = await users.WalkToAsync("platform-matching");
        var (_, etag) = await users.Shanghai.GetProposalAsync(id);
        using var edit = await users.Shanghai.PutProposalAsync(id, WorkflowApi.NewProposal("edited late"), etag);
        var problem = await WorkflowApi.JsonOf(edit, HttpStatusCode.Conflict);
        Assert.Equal("not-a-draft", problem.GetProperty("code").GetString());
        Assert.Equal("platform-matching", problem.GetProperty("state").GetString());
        Assert.Equal("PM2.5 monitoring", (await users.Shanghai.GetProposalAsync(id)).Proposal.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Approve_ByTheProposingCityOrTheChineseMinistry_Returns403AndLeavesItInMinistryApproval()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");
        var (_, etag) = await users.Shanghai.GetProposalAsync(id);

        using (var byCity = await users.Shanghai.PostActionAsync(id, "approve", new { amount = 2_500_000m }))
        {
            var problem = await WorkflowApi.JsonOf(byCity, HttpStatusCode.Forbidden);
            Assert.Equal("Action 'approve' needs the ministry role.", problem.GetProperty("detail").GetString());
        }

        using (var byChineseMinistry = await users.MinistryCn.PostActionAsync(id, "approve", new { amount = 2_500_000m }))
        {
            var problem = await WorkflowApi.JsonOf(byChineseMinistry, HttpStatusCode.Forbidden);
            Assert.Contains("ministry:cn is not", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // The city's own action in this state is still open to it.
        Assert.Equal(["withdraw"], Names(await users.Shanghai.GetAsync($"/api/proposals/{id}/actions")));

        var (after, etagAfter) = await users.Shanghai.GetProposalAsync(id);
        Assert.Equal(etag, etagAfter);
        Assert.Equal("ministry-approval", after.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("approvedAmount").ValueKind);
    }

    [Fact]
    public async Task Match_BySameReviewerTwice_IsRefusedAndCountedOnce()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("platform-matching");
        await users.PlatformJp.ActAsync(id, "match");

        using var again = await users.PlatformJp.PostActionAsync(id, "match");

        await WorkflowApi.JsonOf(again, HttpStatusCode.Conflict);
        var (proposal, _) = await users.PlatformJp.GetProposalAsync(id);
        Assert.Equal("platform-matching", proposal.GetProperty("state").GetString());
        Assert.Single(proposal.GetProperty("approvals").EnumerateArray());
        Assert.DoesNotContain("match", Names(await users.PlatformJp.GetAsync($"/api/proposals/{id}/actions")));
    }

    [Fact]
    public async Task OtherCity_GetsNotFoundForTheProposalItsActionsAndJournal_UntilItBecomesThePartner()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.Shanghai.CreateAsync("Visible to Shanghai only");
        await users.Shanghai.ActAsync(id, "submit");

        foreach (var path in new[] { $"/api/proposals/{id}", $"/api/proposals/{id}/actions", $"/api/proposals/{id}/journal", $"/api/proposals/{id}/activities" })
        {
            using var response = await users.Kitakyushu.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path}: {(int)response.StatusCode}");
        }

        using (var act = await users.Kitakyushu.PostActionAsync(id, "withdraw"))
        {
            await WorkflowApi.JsonOf(act, HttpStatusCode.NotFound);
        }

        var list = await users.Kitakyushu.GetAsync("/api/proposals");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);

        var (own, _) = await users.Shanghai.GetProposalAsync(id);
        Assert.Equal("platform-matching", own.GetProperty("state").GetString());

        await users.PlatformCn.ActAsync(id, "set-partner", WorkflowApi.PartnerKitakyushu);

        var (asPartner, _) = await users.Kitakyushu.GetProposalAsync(id);
        Assert.Equal(["kitakyushu"], asPartner.GetProperty("partnerCityCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains((await users.Kitakyushu.GetAsync("/api/proposals")).GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Approve_ByAMinistryOfficerWhoMatchedTheProposalAsPlatformReviewer_IsRefusedByFourEyes()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var email = "reviewer-turned-officer@test.citycoop.example";
        await AddUserAsync(email, Roles.Platform, OrganizationCodes.PlatformJp, extraRole: Roles.Ministry);
        using var reviewer = await WorkflowApi.SignInAsync(fixture.Factory, email);

        var id = await users.WalkToAsync("platform-matching");
        await reviewer.ActAsync(id, "match");
        await users.PlatformCn.ActAsync(id, "match");

        // The reviewer moves to the Japanese ministry; roles and organisation are read fresh on every request.
        await MoveUserAsync(email, OrganizationCodes.MinistryJp);
        var (_, etag) = await reviewer.GetProposalAsync(id);
        var journalBefore = (await reviewer.JournalAsync(id)).Count;

        using (var refused = await reviewer.PostActionAsync(id, "approve", new { amount = 2_500_000m }))
        {
            var problem = await WorkflowApi.JsonOf(refused, HttpStatusCode.Conflict);
            Assert.Equal("four-eyes", problem.GetProperty("guard").GetString());
            Assert.Equal($"{email} took 'match' on this proposal and may not also take 'approve' (four-eyes rule).", problem.GetProperty("detail").GetString());
        }

        var (after, etagAfter) = await reviewer.GetProposalAsync(id);
        Assert.Equal(etag, etagAfter);
        Assert.Equal("ministry-approval", after.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("approvedAmount").ValueKind);
        Assert.Equal(journalBefore, (await reviewer.JournalAsync(id)).Count);

        // Another officer of the same ministry may approve.
        var approved = await users.MinistryJp.ActAsync(id, "approve", new { amount = 2_500_000m });
        Assert.Equal("fund-execution", approved.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Approve_ByAMinistryOfficerWhoSubmittedTheProposalAsCityStaff_IsRefusedByFourEyes()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var email = "city-staff-turned-officer@test.citycoop.example";
        await AddUserAsync(email, Roles.City, "city:shanghai", extraRole: Roles.Ministry);
        using var submitter = await WorkflowApi.SignInAsync(fixture.Factory, email);

        var id = await WorkflowApi.WalkToAsync("ministry-approval", submitter, users.PlatformJp, users.PlatformCn, title: "Submitted by a future officer");
        await MoveUserAsync(email, OrganizationCodes.MinistryJp);

        using var refused = await submitter.PostActionAsync(id, "approve", new { amount = 2_000_000m });

        var problem = await WorkflowApi.JsonOf(refused, HttpStatusCode.Conflict);
        Assert.Equal("four-eyes", problem.GetProperty("guard").GetString());
        Assert.Equal($"{email} took 'submit' on this proposal and may not also take 'approve' (four-eyes rule).", problem.GetProperty("detail").GetString());
        Assert.Equal("ministry-approval", (await users.MinistryJp.GetProposalAsync(id)).Proposal.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Return_WithoutComment_Returns400NamingTheField()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("platform-matching");
        var (_, etag) = await users.PlatformJp.GetProposalAsync(id);

        using (var missing = await users.PlatformJp.PostActionAsync(id, "return"))
        {
            var problem = await WorkflowApi.JsonOf(missing, HttpStatusCode.BadRequest);
            Assert.Equal("comment", problem.GetProperty("field").GetString());
        }

        using (var blank = await users.PlatformJp.PostActionAsync(id, "return", new { comment = "   " }))
        {
            var problem = await WorkflowApi.JsonOf(blank, HttpStatusCode.BadRequest);
            Assert.Equal("comment", problem.GetProperty("field").GetString());
        }

        using (var empty = await users.PlatformJp.Client.PostAsync($"/api/proposals/{id}/actions/return", null))
        {
            var problem = await WorkflowApi.JsonOf(empty, HttpStatusCode.BadRequest);
            Assert.Equal("comment", problem.GetProperty("field").GetString());
        }

        var (after, etagAfter) = await users.PlatformJp.GetProposalAsync(id);
        Assert.Equal(etag, etagAfter);
        Assert.Equal("platform-matching", after.GetProperty("state").GetString());

        var returned = await users.PlatformJp.ActAsync(id, "return", new { comment = "Please name the monitoring sites." });
        Assert.Equal("draft", returned.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Approve_WithoutAmountOrWithAnUnknownInput_Returns400NamingTheField()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");

        using (var missing = await users.MinistryJp.PostActionAsync(id, "approve", new { comment = "ok" }))
        {
            Assert.Equal("amount", (await WorkflowApi.JsonOf(missing, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        }

        using (var notANumber = await users.MinistryJp.PostActionAsync(id, "approve", new { amount = "lots" }))
        {
            Assert.Equal("amount", (await WorkflowApi.JsonOf(notANumber, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        }

        using (var unknown = await users.MinistryJp.PostActionAsync(id, "approve", new { amount = 1_000_000m, currency = "JPY" }))
        {
            Assert.Equal("currency", (await WorkflowApi.JsonOf(unknown, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        }

        Assert.Equal("ministry-approval", (await users.MinistryJp.GetProposalAsync(id)).Proposal.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Approve_MoreThanRequested_Returns409FromTheGuard()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("ministry-approval");

        using var response = await users.MinistryJp.PostActionAsync(id, "approve", new { amount = WorkflowApi.RequestedAmount + 1 });

        Assert.Equal("amount-within-requested", (await WorkflowApi.JsonOf(response, HttpStatusCode.Conflict)).GetProperty("guard").GetString());
        Assert.Equal("ministry-approval", (await users.MinistryJp.GetProposalAsync(id)).Proposal.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"submit\"")]
    [InlineData("42")]
    [InlineData("{\"comment\": ")]
    public async Task Action_WithABodyThatIsNotAJsonObject_Returns400(string body)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("draft");

        using var response = await users.Shanghai.PostActionAsync(id, "submit", body);

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("draft", (await users.Shanghai.GetProposalAsync(id)).Proposal.GetProperty("state").GetString());
    }

    [Fact]
    public async Task CreateProposal_WithoutStrand_Returns400NamingStrandAndCreatesNothing()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var before = (await users.Shanghai.GetAsync("/api/proposals")).GetProperty("total").GetInt32();

        using var response = await users.Shanghai.Client.PostAsJsonAsync("/api/proposals", new
        {
            title = "No strand",
            cooperationKind = "new",
            fiscalYear = 2015,
            requestedAmount = new { amount = 1_000_000m, currency = "JPY" },
        });

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("strand", problem.GetProperty("field").GetString());
        Assert.Equal(before, (await users.Shanghai.GetAsync("/api/proposals")).GetProperty("total").GetInt32());
    }

    private static List<string?> Names(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetProperty("name").GetString())];

    private async Task AddUserAsync(string email, string role, string organizationCode, string extraRole)
    {
        await using var scope = fixture.Factory.CreateScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var problems = await administration.AddAsync(email, DemoAccounts.Password, role, organizationCode, displayName: email);
        Assert.Empty(problems);
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>();
        var user = await manager.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.True((await manager.AddToRoleAsync(user, extraRole)).Succeeded);
    }

    private async Task MoveUserAsync(string email, string organizationCode)
    {
        await using var scope = fixture.Factory.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>();
        var user = await manager.FindByEmailAsync(email);
        Assert.NotNull(user);
        user.OrganizationCode = organizationCode;
        Assert.True((await manager.UpdateAsync(user)).Succeeded);
    }
}
