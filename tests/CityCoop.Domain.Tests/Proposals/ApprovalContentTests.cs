using System.Text.Json;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Domain.Tests.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Proposals;

/// <summary>
/// What a platform approval of a proposal approves, through the real definition and hooks: the proposal's fingerprint,
/// the match guard on the cooperation kind (programme.md rules 1 and 3) and the kind's correction during matching.
/// </summary>
public class ApprovalContentTests
{
    private static readonly DateTimeOffset T0 = new(2015, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly City Shanghai = new("shanghai", Country.CN, CityLevel.Municipality, "上海市", "上海市", "Shanghai", null, "Asia/Shanghai");
    private static readonly City Yokkaichi = new("yokkaichi", Country.JP, CityLevel.City, "四日市市", "四日市市", "Yokkaichi", "Mie Prefecture", "Asia/Tokyo");
    private static readonly City Kawasaki = new("kawasaki", Country.JP, CityLevel.City, "川崎市", "川崎市", "Kawasaki", "Kanagawa Prefecture", "Asia/Tokyo");
    private static readonly Dictionary<string, City> Cities = new(StringComparer.Ordinal) { ["shanghai"] = Shanghai, ["yokkaichi"] = Yokkaichi, ["kawasaki"] = Kawasaki };
    private static readonly WorkflowEngine Engine = new(ProposalWorkflowHooks.Create(), CalendarDaysCalendar.Instance);
    private static readonly WorkflowDefinition Definition =
        WorkflowDefinitionLoader.FromSchemaFile(RepoFiles.SchemaPath, ProposalWorkflowHooks.Create()).Load(RepoFiles.ProposalPath, 1);

    [Fact]
    public void Fingerprint_OfEqualContent_IsEqualWhateverTheStoredScaleOfAmountsOrTheOrderOfItems()
    {
        var a = Proposal(CooperationKind.New, 3_000_000m, ["PM2.5 source apportionment", "VOC control"]);
        var b = Proposal(CooperationKind.New, 3_000_000.00m, ["VOC control", "PM2.5 source apportionment"]);

        Assert.Equal(a.ApprovalFingerprint(), b.ApprovalFingerprint());
        Assert.Matches("^[0-9a-f]{64}$", a.ApprovalFingerprint());
    }

    [Fact]
    public void Fingerprint_ChangesWithThePartnerTheMatchesTheKindAndTheAmount()
    {
        var proposal = Proposal(CooperationKind.New);
        var seen = new HashSet<string> { proposal.ApprovalFingerprint() };

        proposal.SetPartners([Yokkaichi]);
        Assert.True(seen.Add(proposal.ApprovalFingerprint()));
        proposal.SetPartners([Kawasaki]);
        Assert.True(seen.Add(proposal.ApprovalFingerprint()));
        proposal.RecordMatches([new ItemMatch("VOC control", "Kawasaki VOC know-how")]);
        Assert.True(seen.Add(proposal.ApprovalFingerprint()));
        proposal.SetCooperationKind(CooperationKind.Strengthened);
        Assert.True(seen.Add(proposal.ApprovalFingerprint()));
        proposal.Approve(new Money(1_000_000m, Currency.JPY));
        Assert.True(seen.Add(proposal.ApprovalFingerprint()));
    }

    [Fact]
    public void Fingerprint_DoesNotChangeWithRecordedActivities()
    {
        var proposal = Proposal(CooperationKind.New);
        proposal.SetPartners([Kawasaki]);
        proposal.Approve(new Money(1_000_000m, Currency.JPY));
        var before = proposal.ApprovalFingerprint();

        proposal.RecordActivity(new JointResearch(new DateOnly(2015, 7, 1), new DateOnly(2015, 7, 2), "VOC", "Institute"), new Money(10_000m, Currency.JPY));

        Assert.Equal(before, proposal.ApprovalFingerprint());
    }

    [Theory]
    [InlineData(CooperationKind.Strengthened, "strengthened")]
    [InlineData(CooperationKind.Continuing, "continuing")]
    public void Match_KindBuildingOnCooperationForAPairWithNoTieAndNoHistory_IsRefusedNamingThePair(CooperationKind kind, string name)
    {
        var run = new Run(kind, history: []);

        var refused = Assert.IsType<GuardFailed>(run.Do(Actors.PlatformJp, "match"));

        Assert.Equal(ProposalWorkflowHooks.KindFitsPairingGuard, refused.Guard);
        Assert.Equal("kind-needs-existing-cooperation", refused.Reason.Code);
        Assert.Equal(new Dictionary<string, string> { ["pairs"] = "yokkaichi–shanghai", ["cooperationKind"] = kind.ToString() }, refused.Reason.Arguments);
        Assert.StartsWith($"yokkaichi–shanghai has no friendship relation and no earlier cooperation in CityCoop, so it cannot be {name} cooperation", refused.Reason.English, StringComparison.Ordinal);
        Assert.Empty(run.Instance.Approvals);
    }

    [Fact]
    public void Match_StrengthenedForAPairThatCooperatedBefore_IsAllowed()
    {
        var run = new Run(CooperationKind.Strengthened, history: [("yokkaichi", "shanghai")]);

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, run.Ok(Actors.PlatformJp, "match").Outcome);
    }

    [Fact]
    public void Match_StrengthenedWithATiedPartnerAndANewOne_IsAllowed_AsTianjinsFy2014Cooperation()
    {
        var run = new Run(CooperationKind.Strengthened, history: [("yokkaichi", "shanghai")]);
        run.Ok(Actors.PlatformJp, "set-partner", new { cityCodes = new[] { "yokkaichi", "kawasaki" } });

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, run.Ok(Actors.PlatformJp, "match").Outcome);
    }

    [Fact]
    public void Match_StrengthenedForAFriendshipPair_IsAllowed()
    {
        var run = new Run(CooperationKind.Strengthened, history: [], friendships: [new FriendshipRelation("yokkaichi", "shanghai", PartialDate.Parse("1990-01-01"), "test")]);

        Assert.Equal(WorkflowOutcome.ApprovalRecorded, run.Ok(Actors.PlatformJp, "match").Outcome);
    }

    [Fact]
    public void SetCooperationKind_JournalsTheOldAndNewKindAndLetsTheMatchPass()
    {
        var run = new Run(CooperationKind.Strengthened, history: []);

        var corrected = run.Ok(Actors.PlatformCn, "set-cooperation-kind", new { cooperationKind = "new", comment = "No earlier tie." });

        Assert.Equal(CooperationKind.New, run.Proposal.CooperationKind);
        var note = Assert.Single(corrected.Entry.Notes);
        Assert.Equal("cooperation-kind-changed", note.Code);
        Assert.Equal("cooperation kind changed from strengthened to new", note.English);
        Assert.Equal(new Dictionary<string, string> { ["fromKind"] = "Strengthened", ["toKind"] = "New" }, note.Arguments);
        Assert.Equal(WorkflowOutcome.ApprovalRecorded, run.Ok(Actors.PlatformJp, "match").Outcome);
    }

    [Theory]
    [InlineData("renewed", "unknown-choice")]
    [InlineData("strengthened", "cooperation-kind-unchanged")]
    public void SetCooperationKind_ToAnUnknownOrTheSameKind_IsRefusedAndChangesNothing(string value, string code)
    {
        var run = new Run(CooperationKind.Strengthened, history: []);
        var journal = run.Instance.Journal.Count;

        var refused = Assert.IsType<InvalidInput>(run.Do(Actors.PlatformCn, "set-cooperation-kind", new { cooperationKind = value }));

        Assert.Equal(("cooperationKind", code), (refused.Field, refused.Reason.Code));
        Assert.Equal(journal, run.Instance.Journal.Count);
    }

    [Fact]
    public void SetPartner_ChangingThePartnerAfterAnApproval_NotesTheChangeAndWithdrawsIt()
    {
        var run = new Run(CooperationKind.New, history: []);
        run.Ok(Actors.PlatformJp, "match");

        var changed = run.Ok(Actors.PlatformCn, "set-partner", new { cityCodes = new[] { "kawasaki" } });

        Assert.Equal(["partner-changed", "pairing-new", "approval-withdrawn"], changed.Entry.Notes.Select(n => n.Code));
        Assert.Equal(new Dictionary<string, string> { ["fromCities"] = "yokkaichi", ["toCities"] = "kawasaki" }, changed.Entry.Notes[0].Arguments);
        Assert.Equal("partner changed from yokkaichi to kawasaki; kawasaki–shanghai: new pairing (no friendship relation); approval of JP reviewer withdrawn", changed.Entry.Details);
        Assert.Equal(Actors.PlatformJp.UserId, Assert.Single(changed.WithdrawnApprovals).UserId);
    }

    [Fact]
    public void RecordMatches_ReplacingMatchesAfterAnApproval_NotesWhatChanged()
    {
        var run = new Run(CooperationKind.New, history: []);
        run.Ok(Actors.PlatformJp, "match");

        var changed = run.Ok(Actors.PlatformCn, "record-matches", new { items = new[] { new { wished = "VOC control", offered = "Kawasaki VOC know-how" } } });

        var note = changed.Entry.Notes[0];
        Assert.Equal("matches-changed", note.Code);
        Assert.Equal("“PM2.5 source apportionment” → “Yokkaichi monitoring know-how”", note.Argument("removed"));
        Assert.Equal("“VOC control” → “Kawasaki VOC know-how”", note.Argument("added"));
        Assert.Equal("approval-withdrawn", changed.Entry.Notes[^1].Code);
    }

    private static CooperationProposal Proposal(CooperationKind kind, decimal requested = 3_000_000m, IReadOnlyList<string>? wished = null) =>
        new(Shanghai, new ProposalDraft("PM2.5", string.Empty, [], CooperationStrand.GovernmentStaff, GovernmentLevel.Local, kind, wished ?? ["PM2.5 source apportionment", "VOC control"], [], [ActivityKind.TrainingVisit], 2015, new Money(requested, Currency.JPY)), "u-sh", T0);

    /// <summary>A Shanghai proposal in platform matching with Yokkaichi as partner and one matched item.</summary>
    private sealed class Run
    {
        private readonly CooperationHistory history;
        private readonly IReadOnlyList<FriendshipRelation> friendships;

        public Run(CooperationKind kind, IEnumerable<(string, string)> history, IReadOnlyList<FriendshipRelation>? friendships = null)
        {
            this.history = new CooperationHistory(history);
            this.friendships = friendships ?? [];
            Proposal = ApprovalContentTests.Proposal(kind);
            Instance = Engine.Start(Definition, Subject(), Actors.ShanghaiCity, Now).Instance;
            Ok(Actors.ShanghaiCity, "submit");
            Ok(Actors.PlatformJp, "set-partner", new { cityCodes = new[] { "yokkaichi" } });
            Ok(Actors.PlatformJp, "record-matches", new { items = new[] { new { wished = "PM2.5 source apportionment", offered = "Yokkaichi monitoring know-how" } } });
        }

        public CooperationProposal Proposal { get; }

        public WorkflowInstance Instance { get; }

        public DateTimeOffset Now { get; private set; } = T0;

        public WorkflowResult Do(WorkflowActor actor, string action, object? inputs = null)
        {
            Now = Now.AddHours(1);
            var values = inputs is null
                ? new Dictionary<string, JsonElement>()
                : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(inputs))!;
            return Engine.Execute(Instance, Definition, actor, action, values, Subject(), Now);
        }

        public WorkflowSuccess Ok(WorkflowActor actor, string action, object? inputs = null) =>
            Do(actor, action, inputs) as WorkflowSuccess ?? throw new Xunit.Sdk.XunitException($"{action} by {actor.DisplayName} failed");

        private ProposalWorkflowSubject Subject() => new(Proposal, Cities, friendships, [], history);
    }
}
