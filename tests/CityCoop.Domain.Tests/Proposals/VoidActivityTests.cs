using System.Text.Json;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Domain.Tests.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Proposals;

/// <summary>
/// Voiding a wrongly recorded activity through the real definition and the real proposal hooks: the record stays
/// with who, when and why, its planned cost goes back to the unplanned amount, and it cannot be voided twice.
/// </summary>
public class VoidActivityTests
{
    private static readonly DateTimeOffset T0 = new(2015, 5, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Void_TrainingVisitWithCost_ReturnsTheCostAndKeepsTheRecordWithWhoWhenWhy()
    {
        var run = Run.InFundExecution(approved: 3_000_000m);
        var visit = run.RecordVisit(cost: 2_000_000m);
        Assert.Equal(2_000_000m, run.Proposal.PlannedActivityCosts);

        var done = run.Ok(Actors.PlatformJp, "void-activity", new { activityId = visit.Id.ToString(), comment = "Recorded twice by mistake" });

        Assert.Equal(0m, run.Proposal.PlannedActivityCosts);
        Assert.Equal(new Money(3_000_000m, Currency.JPY), run.Proposal.UnplannedAmount);
        Assert.True(visit.IsVoided);
        Assert.Equal(run.Now, visit.VoidedAt);
        Assert.Equal(TimeSpan.Zero, visit.VoidedAt!.Value.Offset);
        Assert.Equal("u-pjp", visit.VoidedBy);
        Assert.Equal("JP reviewer", visit.VoidedByName);
        Assert.Equal("Recorded twice by mistake", visit.VoidReason);
        Assert.Equal(new Money(2_000_000m, Currency.JPY), visit.Cost);
        Assert.Equal(run.Proposal.Id, visit.ProposalId);

        Assert.Equal(WorkflowOutcome.Recorded, done.Outcome);
        Assert.Equal("fund-execution", done.Entry.ToState);
        Assert.Equal("Recorded twice by mistake", done.Entry.Comment);
        var note = Assert.Single(done.Entry.Notes);
        Assert.Equal("activity-voided-cost", note.Code);
        Assert.Equal("voided TrainingVisit 2015-07-01..2015-07-05; planned cost 2,000,000 JPY returned, not yet planned 3,000,000 JPY", note.English);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["kind"] = "TrainingVisit",
                ["start"] = "2015-07-01",
                ["end"] = "2015-07-05",
                ["cost"] = "2000000",
                ["remaining"] = "3000000",
                ["currency"] = "JPY",
            },
            note.Arguments);
    }

    [Fact]
    public void Void_ReturnedMoney_CanBeChargedAgain()
    {
        var run = Run.InFundExecution(approved: 3_000_000m);
        var wrong = run.RecordVisit(cost: 2_000_000m);
        run.RecordVisit(cost: 1_000_000m);
        var over = run.Do(Actors.PlatformJp, "record-activity", new { activity = VisitInput(500_000m) });
        Assert.Equal("cost-over-remaining", Assert.IsType<GuardFailed>(over).Reason.Code);

        run.Ok(Actors.PlatformCn, "void-activity", new { activityId = wrong.Id.ToString(), comment = "Wrong head-count" });
        run.RecordVisit(cost: 1_500_000m);

        Assert.Equal(2_500_000m, run.Proposal.PlannedActivityCosts);
        Assert.Equal(new Money(500_000m, Currency.JPY), run.Proposal.UnplannedAmount);
    }

    [Fact]
    public void Void_Twice_IsRefusedWithACodedReasonAndChangesNothing()
    {
        var run = Run.InFundExecution(approved: 3_000_000m);
        var visit = run.RecordVisit(cost: 2_000_000m);
        var first = run.Ok(Actors.PlatformJp, "void-activity", new { activityId = visit.Id.ToString(), comment = "Recorded twice" });
        var journal = run.Instance.Journal.Count;
        var revision = run.Proposal.Revision;

        var again = run.Do(Actors.PlatformCn, "void-activity", new { activityId = visit.Id.ToString(), comment = "Also wrong" });

        var refused = Assert.IsType<GuardFailed>(again);
        Assert.Equal("activity-not-voided", refused.Guard);
        Assert.Equal("activity-already-voided", refused.Reason.Code);
        Assert.Equal("JP reviewer", refused.Reason.Argument("person"));
        Assert.Equal(first.Entry.At.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC", refused.Reason.Argument("at"));
        Assert.Equal(0m, run.Proposal.PlannedActivityCosts);
        Assert.Equal(revision, run.Proposal.Revision);
        Assert.Equal(journal, run.Instance.Journal.Count);
        Assert.Equal("Recorded twice", visit.VoidReason);
        Assert.Equal("u-pjp", visit.VoidedBy);
    }

    [Theory]
    [InlineData("0b7a4c0e-58c5-4f7e-9d52-3b2b1f0e6a11")]
    [InlineData("not-a-guid")]
    public void Void_UnknownActivityId_IsRefusedAsInvalidInputAndChangesNothing(string id)
    {
        var run = Run.InFundExecution(approved: 3_000_000m);
        var visit = run.RecordVisit(cost: 2_000_000m);
        var journal = run.Instance.Journal.Count;

        var result = run.Do(Actors.PlatformJp, "void-activity", new { activityId = id, comment = "Wrong" });

        var invalid = Assert.IsType<InvalidInput>(result);
        Assert.Equal("activityId", invalid.Field);
        Assert.Equal("activity-unknown", invalid.Reason.Code);
        Assert.Equal(id, invalid.Reason.Argument("id"));
        Assert.Equal($"No activity '{id}' is recorded under this proposal.", invalid.Reason.English);
        Assert.Equal(2_000_000m, run.Proposal.PlannedActivityCosts);
        Assert.False(visit.IsVoided);
        Assert.Equal(journal, run.Instance.Journal.Count);
    }

    [Fact]
    public void Void_AnotherProposalsActivity_IsRefusedAsUnknownAndChangesNothing()
    {
        var other = Run.InFundExecution(approved: 3_000_000m);
        var foreign = other.RecordVisit(cost: 1_000_000m);
        var run = Run.InFundExecution(approved: 3_000_000m);
        run.RecordVisit(cost: 2_000_000m);

        // Even if a caller handed the step another proposal's row, the subject does not find it.
        run.Stored.Add(foreign);
        var result = run.Do(Actors.PlatformJp, "void-activity", new { activityId = foreign.Id.ToString(), comment = "Wrong" });

        Assert.Equal("activity-unknown", Assert.IsType<InvalidInput>(result).Reason.Code);
        Assert.False(foreign.IsVoided);
        Assert.Equal(1_000_000m, other.Proposal.PlannedActivityCosts);
        Assert.Equal(2_000_000m, run.Proposal.PlannedActivityCosts);

        // And the aggregate refuses it on its own, whoever calls it.
        var e = Assert.Throws<DomainRuleException>(() => run.Proposal.VoidActivity(foreign, "u-pjp", "JP reviewer", T0, "Wrong"));
        Assert.Equal("activityId", e.Field);
        Assert.Equal("activity-unknown", e.Text.Code);
        Assert.False(foreign.IsVoided);
    }

    [Fact]
    public void Void_WithoutReason_IsRefusedAsMissingComment()
    {
        var run = Run.InFundExecution(approved: 3_000_000m);
        var visit = run.RecordVisit(cost: 2_000_000m);

        var result = run.Do(Actors.PlatformJp, "void-activity", new { activityId = visit.Id.ToString(), comment = "  " });

        Assert.Equal("comment", Assert.IsType<MissingInput>(result).Field);
        Assert.False(visit.IsVoided);
        Assert.Equal(2_000_000m, run.Proposal.PlannedActivityCosts);
        Assert.Throws<DomainRuleException>(() => run.Proposal.VoidActivity(visit, "u-pjp", "JP reviewer", T0, " "));
        Assert.False(visit.IsVoided);
    }

    [Fact]
    public void Void_ByTheCity_IsForbidden()
    {
        var run = Run.InFundExecution(approved: 3_000_000m);
        var visit = run.RecordVisit(cost: 2_000_000m);

        var result = run.Do(Actors.ShanghaiCity, "void-activity", new { activityId = visit.Id.ToString(), comment = "Wrong" });

        Assert.Equal("needs-role", Assert.IsType<ActionForbidden>(result).Reason.Code);
        Assert.False(visit.IsVoided);
    }

    [Fact]
    public void Void_ConsultationInPlatformMatching_MarksItVoidedWithoutCost()
    {
        var run = Run.InMatching();
        run.Ok(Actors.PlatformJp, "record-consultation", new
        {
            consultation = new { startDate = "2015-06-10", endDate = "2015-06-11", japaneseCities = new[] { "kitakyushu" }, chineseCity = "shanghai", level = "bureau-chief" },
        });
        var consultation = Assert.IsType<OnSiteConsultation>(Assert.Single(run.Stored));

        var done = run.Ok(Actors.PlatformCn, "void-activity", new { activityId = consultation.Id.ToString(), comment = "Wrong city" });

        Assert.True(consultation.IsVoided);
        Assert.Equal("u-pcn", consultation.VoidedBy);
        Assert.Equal("platform-matching", done.Entry.ToState);
        var note = Assert.Single(done.Entry.Notes);
        Assert.Equal("activity-voided", note.Code);
        Assert.Equal("voided OnSiteConsultation 2015-06-10..2015-06-11", note.English);
        Assert.Equal(0m, run.Proposal.PlannedActivityCosts);
    }

    [Fact]
    public void VoidActivity_IsOfferedOnlyOnTheTasksThatRecordActivities()
    {
        var definition = Run.Definition;

        var offering = definition.States
            .SelectMany(s => s.Tasks.Where(t => t.Actions.Any(a => a.Name == "void-activity")).Select(t => $"{s.Name}/{t.Name}"))
            .ToList();

        Assert.Equal(["platform-matching/match-proposal", "fund-execution/execute-funds"], offering);
        var action = definition.GetState("fund-execution").Actions.Single(a => a.Action.Name == "void-activity").Action;
        Assert.Equal(["activityId", "comment"], action.Inputs.Select(i => i.Name));
        Assert.All(action.Inputs, i => Assert.True(i.Required));
        Assert.Null(action.Target);
        Assert.Equal("記録の取消し", action.DisplayName("ja"));
        Assert.Equal("取消记录", action.DisplayName("zh"));
        Assert.Equal("void", action.DisplayName("en"));
    }

    [Theory]
    [InlineData("wuhan", "kitakyushu", "sendingCity", "activity-city-not-in-proposal")]
    [InlineData("kitakyushu", "kitakyushu", "sendingCity", "activity-city-wrong-country")]
    [InlineData("shanghai", "wuhan", "receivingCities", "activity-city-wrong-country")]
    [InlineData("shanghai", "nagano", "receivingCities", "activity-city-not-in-proposal")]
    public void RecordVisit_WithCitiesThatDoNotFitTheProposal_IsRefusedNamingTheFieldAndRecordsNothing(string sending, string receiving, string field, string code)
    {
        var run = Run.InFundExecution(2_000_000m);

        var refused = Assert.IsType<InvalidInput>(run.Do(Actors.PlatformJp, "record-activity", new
        {
            activity = new { kind = "training-visit", startDate = "2015-07-01", endDate = "2015-07-05", sendingCity = sending, receivingCities = new[] { receiving }, traineeCategory = "TechnicalStaff", trainees = 5 },
        }));

        Assert.Equal(field, refused.Field);
        Assert.Equal(code, refused.Reason.Code);
        Assert.Empty(run.Stored);
    }

    [Fact]
    public void RecordVisit_WithAFurtherJapaneseHostBesideThePartner_IsRecorded()
    {
        var run = Run.InFundExecution(2_000_000m);

        run.Ok(Actors.PlatformJp, "record-activity", new
        {
            activity = new { kind = "training-visit", startDate = "2015-07-01", endDate = "2015-07-05", sendingCity = "shanghai", receivingCities = new[] { "kitakyushu", "nagano" }, traineeCategory = "TechnicalStaff", trainees = 5 },
        });

        Assert.Equal(["kitakyushu", "nagano"], Assert.IsType<TrainingVisit>(Assert.Single(run.Stored)).ReceivingCityCodes);
    }

    private static object VisitInput(decimal cost) => new
    {
        kind = "training-visit",
        startDate = "2015-07-01",
        endDate = "2015-07-05",
        sendingCity = "shanghai",
        receivingCities = new[] { "kitakyushu" },
        traineeCategory = "TechnicalStaff",
        trainees = 5,
        cost,
    };

    /// <summary>One proposal on the real definition with the real hooks; stores activities as the caller of a step does.</summary>
    private sealed class Run
    {
        private static readonly City Shanghai = new("shanghai", Country.CN, CityLevel.Municipality, "上海市", "上海市", "Shanghai", null, "Asia/Shanghai");
        private static readonly City Kitakyushu = new("kitakyushu", Country.JP, CityLevel.City, "北九州市", "北九州市", "Kitakyushu", "Fukuoka Prefecture", "Asia/Tokyo");
        private static readonly Dictionary<string, City> Cities = new(StringComparer.Ordinal)
        {
            ["shanghai"] = Shanghai,
            ["kitakyushu"] = Kitakyushu,
            ["wuhan"] = new("wuhan", Country.CN, CityLevel.City, "武汉市", "武漢市", "Wuhan", "Hubei Province", "Asia/Shanghai"),
            ["nagano"] = new("nagano", Country.JP, CityLevel.City, "长野市", "長野市", "Nagano", "Nagano Prefecture", "Asia/Tokyo"),
        };
        private static readonly WorkflowEngine Engine = new(ProposalWorkflowHooks.Create(), CalendarDaysCalendar.Instance);

        private Run()
        {
            var draft = new ProposalDraft(
                "PM2.5 monitoring",
                string.Empty,
                [],
                CooperationStrand.GovernmentStaff,
                GovernmentLevel.Local,
                CooperationKind.New,
                ["PM2.5 monitoring"],
                [],
                [ActivityKind.TrainingVisit],
                2015,
                new Money(3_000_000m, Currency.JPY));
            Proposal = new CooperationProposal(Shanghai, draft, "u-sh", T0);
            Instance = Engine.Start(Definition, Subject(), Actors.ShanghaiCity, Now).Instance;
        }

        public static WorkflowDefinition Definition { get; } =
            WorkflowDefinitionLoader.FromSchemaFile(RepoFiles.SchemaPath, ProposalWorkflowHooks.Create()).Load(RepoFiles.ProposalPath, 1);

        public CooperationProposal Proposal { get; }

        public WorkflowInstance Instance { get; }

        public List<Activity> Stored { get; } = [];

        public DateTimeOffset Now { get; private set; } = T0;

        public static Run InMatching()
        {
            var run = new Run();
            run.Ok(Actors.ShanghaiCity, "submit");
            return run;
        }

        public static Run InFundExecution(decimal approved)
        {
            var run = InMatching();
            run.Ok(Actors.PlatformJp, "set-partner", new { cityCodes = new[] { "kitakyushu" } });
            run.Ok(Actors.PlatformCn, "record-matches", new { items = new[] { new { wished = "PM2.5 monitoring", offered = "Monitoring network design" } } });
            run.Ok(Actors.PlatformJp, "match");
            run.Ok(Actors.PlatformCn, "match");
            run.Ok(Actors.MinistryJp, "approve", new { amount = approved });
            return run;
        }

        public TrainingVisit RecordVisit(decimal cost)
        {
            Ok(Actors.PlatformJp, "record-activity", new { activity = VisitInput(cost) });
            return Assert.IsType<TrainingVisit>(Stored[^1]);
        }

        public WorkflowResult Do(WorkflowActor actor, string action, object? inputs = null)
        {
            Now = Now.AddHours(1);
            var subject = Subject();
            var values = inputs is null
                ? new Dictionary<string, JsonElement>()
                : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(inputs))!;
            var result = Engine.Execute(Instance, Definition, actor, action, values, subject, Now);
            if (result is WorkflowSuccess)
            {
                Stored.AddRange(subject.RecordedActivities);
            }

            return result;
        }

        public WorkflowSuccess Ok(WorkflowActor actor, string action, object? inputs = null)
        {
            var result = Do(actor, action, inputs);
            return result as WorkflowSuccess ?? throw new Xunit.Sdk.XunitException($"{action} by {actor.DisplayName} failed: {result}");
        }

        private ProposalWorkflowSubject Subject() => new(Proposal, Cities, [], Stored);
    }
}
