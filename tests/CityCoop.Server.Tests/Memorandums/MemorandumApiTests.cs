using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Memorandums;

/// <summary>
/// The fiscal-year memorandum through the HTTP API on PostgreSQL (workflows/fiscal-year-memorandum.json): the whole path
/// from creation to in force with its tasks and emails, and the refusals (who creates, a year twice, an unknown id, a
/// stale If-Match, the same person signing twice, a signatory confirming).
/// </summary>
public sealed class MemorandumApiTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task WholePath_FromDraftToInForce_WithTasksAndTaskOpenedEmails()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.PlatformJp.CreateAsync(2027);
        Assert.Equal(["record-plan", "submit"], await users.PlatformJp.MemorandumActionsAsync(id));
        Assert.Empty(await users.PlatformCn.MemorandumActionsAsync(id));

        await users.PlatformJp.ActOnMemorandumAsync(id, "record-plan", new { plan = MemorandumApi.Plan2027 });
        var submitted = await users.PlatformJp.ActOnMemorandumAsync(id, "submit");
        Assert.Equal("chinese-review", submitted.GetProperty("state").GetString());
        Assert.Equal(["agree", "return"], await users.PlatformCn.MemorandumActionsAsync(id));

        var agreed = await users.PlatformCn.ActOnMemorandumAsync(id, "agree");
        Assert.Equal("signing", agreed.GetProperty("state").GetString());

        var first = await users.PlatformJp.ActOnMemorandumAsync(id, "sign");
        Assert.Equal("signing", first.GetProperty("state").GetString());
        Assert.Equal(1, first.GetProperty("approvalsMissing").GetInt32());
        using (var twice = await users.PlatformJp.PostMemorandumActionAsync(id, "sign"))
        {
            var problem = await WorkflowApi.JsonOf(twice, HttpStatusCode.Conflict, "the same person signing twice");
            Assert.Equal("already-approved-person", problem.GetProperty("code").GetString());
        }

        var second = await users.PlatformCn.ActOnMemorandumAsync(id, "sign", new { signedOn = "2015-05-29" });
        Assert.Equal("ministry-confirmation", second.GetProperty("state").GetString());
        using (var bySignatory = await users.PlatformJp.PostMemorandumActionAsync(id, "confirm", new { place = "Tokyo" }))
        {
            var problem = await WorkflowApi.JsonOf(bySignatory, HttpStatusCode.Forbidden, "a signatory confirming");
            Assert.Equal("needs-role", problem.GetProperty("code").GetString());
        }

        var inbox = Assert.Single(await users.MinistryJp.TasksAsync(), t => t.GetProperty("subjectType").GetString() == "memorandum");
        Assert.Equal(id, inbox.GetProperty("subjectId").GetGuid());
        Assert.Equal("FY2027", inbox.GetProperty("title").GetString());
        Assert.Equal($"/memorandums/{id:D}", inbox.GetProperty("path").GetString());
        Assert.Equal(2027, inbox.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("ministry-confirmation", inbox.GetProperty("state").GetString());
        Assert.Equal("confirm-memorandum", inbox.GetProperty("task").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, inbox.GetProperty("proposalId").ValueKind);

        var confirmed = await users.MinistryJp.ActOnMemorandumAsync(id, "confirm", new { confirmedOn = "2015-06-01", place = "Shanghai" });
        Assert.Equal("in-force", confirmed.GetProperty("state").GetString());
        Assert.DoesNotContain(await users.MinistryJp.TasksAsync(), t => t.GetProperty("subjectType").GetString() == "memorandum");

        using var read = await users.Shanghai.Client.GetAsync($"/api/memorandums/{id}");
        var memorandum = await WorkflowApi.JsonOf(read, HttpStatusCode.OK, "GET memorandum (any signed-in user)");
        Assert.Equal(memorandum.GetProperty("etag").GetString(), WorkflowApi.ETagOf(read));
        Assert.Equal(2027, memorandum.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("in-force", memorandum.GetProperty("state").GetString());
        Assert.Equal(
            """{"pairs":[{"japanese":"kitakyushu","chinese":"shanghai"},{"japanese":"kitakyushu","chinese":"wuhan"}],"activities":[{"kind":"local-seminar","count":2},{"kind":"training-visit","count":1}],"visits":[{"city":"wuhan","month":"2027-07"},{"city":"shanghai","month":"2028-01"}],"summary":"Seminars on VOC control; one training visit to Kitakyushu."}""",
            memorandum.GetProperty("plan").GetRawText());
        Assert.Equal("2015-06-01", memorandum.GetProperty("agreedOn").GetString());
        Assert.Equal("2015-05-29", memorandum.GetProperty("signedOn").GetString());
        Assert.Equal("2015-06-01", memorandum.GetProperty("confirmedOn").GetString());
        Assert.Equal("Shanghai", memorandum.GetProperty("confirmedPlace").GetString());
        var task = Assert.Single(memorandum.GetProperty("tasks").EnumerateArray());
        Assert.Equal("carry-out-plan", task.GetProperty("name").GetString());
        Assert.Equal(
            ["created:drafting", "record-plan:drafting", "submit:chinese-review", "agree:signing", "sign:signing", "sign:ministry-confirmation", "confirm:in-force"],
            memorandum.GetProperty("journal").EnumerateArray().Select(e => $"{(e.GetProperty("kind").GetString() == "started" ? "created" : e.GetProperty("action").GetString())}:{e.GetProperty("toState").GetString()}"));

        var list = await users.MinistryCn.GetAsync("/api/memorandums");
        var row = Assert.Single(list.EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal(
            $$"""{"id":"{{id:D}}","fiscalYear":2027,"state":"in-force","signedOn":"2015-05-29","confirmedOn":"2015-06-01","confirmedPlace":"Shanghai"}""",
            row.GetRawText());
        Assert.Equal(id, (await users.MinistryCn.GetAsync("/api/memorandums/for-year/2027")).GetProperty("id").GetGuid());

        await using var scope = fixture.Factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
        var opened = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SubjectType == "memorandum" && m.SubjectId == id && m.Kind == "task-opened")
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.RecipientEmail)
            .Select(m => m.RecipientEmail)
            .ToListAsync();

        // Nobody is told of their own step: the Japanese platform drafting gets no email for the draft task it opened.
        Assert.Equal(
            [CityCoopFactory.PlatformCn, CityCoopFactory.PlatformJp, CityCoopFactory.MinistryJp, CityCoopFactory.PlatformCn, CityCoopFactory.PlatformJp],
            opened);
    }

    [Fact]
    public async Task Create_ByAnotherOrganization_Is403_AndASecondOfAYear_Is409_AndNothingIsSaved()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        using (var byChinesePlatform = await users.PlatformCn.Client.PostAsJsonAsync("/api/memorandums", new { fiscalYear = 2030 }))
        {
            var problem = await WorkflowApi.JsonOf(byChinesePlatform, HttpStatusCode.Forbidden);
            Assert.Equal("memorandum-platform-jp-only", problem.GetProperty("code").GetString());
        }

        using (var byMinistry = await users.MinistryJp.Client.PostAsJsonAsync("/api/memorandums", new { fiscalYear = 2030 }))
        {
            Assert.Equal("memorandum-platform-jp-only", (await WorkflowApi.JsonOf(byMinistry, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        }

        var id = await users.PlatformJp.CreateAsync(2030);
        using (var again = await users.PlatformJp.Client.PostAsJsonAsync("/api/memorandums", new { fiscalYear = 2030 }))
        {
            var problem = await WorkflowApi.JsonOf(again, HttpStatusCode.Conflict);
            Assert.Equal("memorandum-exists", problem.GetProperty("code").GetString());
            Assert.Equal(id.ToString("D"), problem.GetProperty("arguments").GetProperty("id").GetString());
            Assert.Equal("2030", problem.GetProperty("arguments").GetProperty("fiscalYear").GetString());
        }

        using (var tooEarly = await users.PlatformJp.Client.PostAsJsonAsync("/api/memorandums", new { fiscalYear = 2013 }))
        {
            var problem = await WorkflowApi.JsonOf(tooEarly, HttpStatusCode.BadRequest);
            Assert.Equal("fiscal-year-range", problem.GetProperty("code").GetString());
            Assert.Equal("fiscalYear", problem.GetProperty("field").GetString());
        }

        Assert.Equal([id], (await users.PlatformJp.GetAsync("/api/memorandums")).EnumerateArray().Where(r => r.GetProperty("fiscalYear").GetInt32() is 2030 or 2013).Select(r => r.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task UnknownId_Is404Problem_AndAStaleIfMatch_Is412_AndARefusedPlan_Is400NamingTheField()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var unknown = Guid.NewGuid();
        using (var read = await users.PlatformJp.Client.GetAsync($"/api/memorandums/{unknown}"))
        {
            Assert.Equal("memorandum-not-found", (await WorkflowApi.JsonOf(read, HttpStatusCode.NotFound)).GetProperty("code").GetString());
        }

        using (var act = await users.PlatformJp.PostMemorandumActionAsync(unknown, "submit"))
        {
            Assert.Equal("memorandum-not-found", (await WorkflowApi.JsonOf(act, HttpStatusCode.NotFound)).GetProperty("code").GetString());
        }

        using (var noYear = await users.PlatformJp.Client.GetAsync("/api/memorandums/for-year/2099"))
        {
            Assert.Equal(HttpStatusCode.NotFound, noYear.StatusCode);
        }

        var id = await users.PlatformJp.CreateAsync(2031);
        using var first = await users.PlatformJp.Client.GetAsync($"/api/memorandums/{id}");
        var etag = WorkflowApi.ETagOf(first);
        using (var badPlan = await users.PlatformJp.PostMemorandumActionAsync(id, "record-plan", new { plan = new { pairs = new[] { new { japanese = "shanghai", chinese = "kitakyushu" } }, activities = new[] { new { kind = "local-seminar", count = 1 } } } }, etag))
        {
            var problem = await WorkflowApi.JsonOf(badPlan, HttpStatusCode.BadRequest);
            Assert.Equal("memorandum-pair-countries", problem.GetProperty("code").GetString());
            Assert.Equal("pairs", problem.GetProperty("field").GetString());
        }

        string recordedETag;
        using (var planned = await users.PlatformJp.PostMemorandumActionAsync(id, "record-plan", new { plan = new { pairs = new[] { new { japanese = "kitakyushu", chinese = "shanghai" } }, activities = new[] { new { kind = "local-seminar", count = 1 } } } }, etag))
        {
            recordedETag = (await WorkflowApi.JsonOf(planned, HttpStatusCode.OK, "record-plan with the current ETag")).GetProperty("eTag").GetString()!;
            Assert.Equal(recordedETag, WorkflowApi.ETagOf(planned));
        }

        using (var stale = await users.PlatformJp.PostMemorandumActionAsync(id, "submit", ifMatch: etag))
        {
            var staleProblem = await WorkflowApi.JsonOf(stale, HttpStatusCode.PreconditionFailed);
            Assert.Equal("if-match-stale", staleProblem.GetProperty("code").GetString());
            Assert.Equal(recordedETag, staleProblem.GetProperty("currentETag").GetString());
        }

        using var current = await users.PlatformJp.Client.GetAsync($"/api/memorandums/{id}");
        Assert.Equal("drafting", (await WorkflowApi.JsonOf(current, HttpStatusCode.OK)).GetProperty("state").GetString());
        Assert.Equal(recordedETag, WorkflowApi.ETagOf(current));

        // The tag a step answers with is the one the next conditional step sends.
        using var submitted = await users.PlatformJp.PostMemorandumActionAsync(id, "submit", ifMatch: recordedETag);
        Assert.Equal("chinese-review", (await WorkflowApi.JsonOf(submitted, HttpStatusCode.OK, "submit with the ETag record-plan answered")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task ASignatoryWhoMovedToTheMinistry_MayNotConfirm()
    {
        const string signer = "signer.jp@test.citycoop.example";
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        await using (var scope = fixture.Factory.CreateScope())
        {
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            Assert.Empty(await administration.AddAsync(signer, DemoAccounts.Password, "platform", "platform:jp", displayName: "Signer JP"));
        }

        var id = await users.PlatformJp.CreateAsync(2032);
        await users.PlatformJp.ActOnMemorandumAsync(id, "record-plan", new { plan = new { pairs = new[] { new { japanese = "kitakyushu", chinese = "shanghai" } }, activities = new[] { new { kind = "local-seminar", count = 1 } } } });
        await users.PlatformJp.ActOnMemorandumAsync(id, "submit");
        await users.PlatformCn.ActOnMemorandumAsync(id, "agree");
        using (var signatory = await WorkflowApi.SignInAsync(fixture.Factory, signer))
        {
            await signatory.ActOnMemorandumAsync(id, "sign");
        }

        await users.PlatformCn.ActOnMemorandumAsync(id, "sign");
        await using (var scope = fixture.Factory.CreateScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<CityCoopUser>>();
            var user = (await manager.FindByEmailAsync(signer))!;
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            Assert.Empty(await administration.ChangeRoleAsync(user.Id, "ministry", "ministry:jp") ?? ["unknown user"]);
        }

        using var moved = await WorkflowApi.SignInAsync(fixture.Factory, signer);
        using var response = await moved.PostMemorandumActionAsync(id, "confirm", new { place = "Tokyo" });

        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.Conflict);
        Assert.Equal("memorandum-signatory-confirms", problem.GetProperty("code").GetString());
        Assert.Equal("Signer JP", problem.GetProperty("arguments").GetProperty("person").GetString());
        Assert.Equal("ministry-confirmation", (await users.MinistryJp.GetAsync($"/api/memorandums/{id}")).GetProperty("state").GetString());
        await users.MinistryJp.ActOnMemorandumAsync(id, "confirm");
    }
}
