using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;
using System.Text.Json;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Memorandums;

namespace CityCoop.Domain.Tests.Memorandums;

/// <summary>The plan's rules, the fingerprint signatures are counted by, and <see cref="FiscalYearMemorandum.Covers(MemorandumCityPair)"/>.</summary>
public sealed class FiscalYearMemorandumTests
{
    private static DomainRuleException Refuse(MemorandumPlan plan, FiscalYearMemorandum? memorandum = null) =>
        Assert.Throws<DomainRuleException>(() => (memorandum ?? MemorandumFixtures.Memorandum()).RecordPlan(plan, MemorandumFixtures.Cities));

    [Fact]
    public void RecordPlan_AValidPlan_KeepsItAndCountsTheRevision()
    {
        var memorandum = MemorandumFixtures.Memorandum();

        memorandum.RecordPlan(MemorandumFixtures.Plan(summary: "  Seminars.  "), MemorandumFixtures.Cities);

        Assert.True(memorandum.HasPlan);
        Assert.Equal(1, memorandum.Revision);
        Assert.Equal([new MemorandumCityPair("kitakyushu", "shanghai"), new MemorandumCityPair("hyogo", "guangdong")], memorandum.Pairs);
        Assert.Equal(3, memorandum.Activities.Sum(a => a.Count));
        Assert.Equal("2016-01", memorandum.Visits[1].MonthText);
        Assert.Equal("Seminars.", memorandum.Summary);
    }

    public static TheoryData<string, string, MemorandumPlan> Refusals() => new()
    {
        { "memorandum-pair-required", "pairs", MemorandumFixtures.Plan(pairs: []) },
        { "memorandum-pair-twice", "pairs", MemorandumFixtures.Plan(pairs: [new("kobe", "tianjin"), new("kobe", "tianjin")]) },
        { "memorandum-pair-countries", "pairs", MemorandumFixtures.Plan(pairs: [new("tianjin", "kobe")]) },
        { "unknown-cities", "pairs", MemorandumFixtures.Plan(pairs: [new("osaka", "tianjin")]) },
        { "memorandum-activity-required", "activities", MemorandumFixtures.Plan(activities: []) },
        { "number-min", "activities.count", MemorandumFixtures.Plan(activities: [new(ActivityKind.JointResearch, 0)]) },
        { "memorandum-activity-count-max", "activities.count", MemorandumFixtures.Plan(activities: [new(ActivityKind.JointResearch, 1000)]) },
        { "memorandum-activity-twice", "activities", MemorandumFixtures.Plan(activities: [new(ActivityKind.ModelProject, 1), new(ActivityKind.ModelProject, 2)]) },
        { "memorandum-visit-outside-fiscal-year", "visits.month", MemorandumFixtures.Plan(visits: [new("wuhan", 2015, 3)]) },
        { "memorandum-visit-outside-fiscal-year", "visits.month", MemorandumFixtures.Plan(visits: [new("wuhan", 2016, 4)]) },
        { "memorandum-visit-outside-fiscal-year", "visits.month", MemorandumFixtures.Plan(visits: [new("wuhan", 2015, 13)]) },
        { "memorandum-visit-country", "visits", MemorandumFixtures.Plan(visits: [new("kobe", 2015, 7)]) },
        { "memorandum-visit-twice", "visits", MemorandumFixtures.Plan(visits: [new("wuhan", 2015, 7), new("wuhan", 2015, 7)]) },
        { "text-too-long", "summary", MemorandumFixtures.Plan(summary: new string('x', TextLimits.Description + 1)) },
        { "text-control-character", "summary", MemorandumFixtures.Plan(summary: "bell\u0007") },
        { "too-many-items", "visits", MemorandumFixtures.Plan(visits: [.. Enumerable.Range(0, 51).Select(i => new PlannedVisit("wuhan", 2015, 7))]) },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void RecordPlan_BreakingARule_IsRefusedWithItsCodeAndFieldAndChangesNothing(string code, string field, MemorandumPlan plan)
    {
        var memorandum = MemorandumFixtures.Memorandum();

        var refused = Refuse(plan, memorandum);

        Assert.Equal(code, refused.Text.Code);
        Assert.Equal(field, refused.Field);
        Assert.False(memorandum.HasPlan);
        Assert.Equal(0, memorandum.Revision);
    }

    [Fact]
    public void RecordPlan_VisitOutsideTheYear_SaysTheMonthAndTheYearInEnglish()
    {
        var refused = Refuse(MemorandumFixtures.Plan(visits: [new("wuhan", 2016, 4)]));

        Assert.Equal("The visit to wuhan in 2016-04 is outside FY2015 (2015-04-01 to 2016-03-31).", refused.Message);
        Assert.Equal("2016-04", refused.Text.Argument("month"));
    }

    [Fact]
    public void New_FiscalYearBefore2014_IsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => MemorandumFixtures.Memorandum(2013));

        Assert.Equal("fiscal-year-range", refused.Text.Code);
    }

    [Fact]
    public void Fingerprint_IsTheSameForTheSamePlanInAnotherOrder_AndChangesWithACount()
    {
        var a = MemorandumFixtures.Memorandum();
        var b = MemorandumFixtures.Memorandum();
        a.RecordPlan(MemorandumFixtures.Plan(), MemorandumFixtures.Cities);
        b.RecordPlan(
            MemorandumFixtures.Plan(
                pairs: [new("hyogo", "guangdong"), new("kitakyushu", "shanghai")],
                activities: [new(ActivityKind.TrainingVisit, 1), new(ActivityKind.LocalSeminar, 2)],
                visits: [new("guangdong", 2016, 1), new("shanghai", 2015, 7)]),
            MemorandumFixtures.Cities);
        var signed = a.ApprovalFingerprint();

        Assert.Equal(signed, b.ApprovalFingerprint());
        a.RecordPlan(MemorandumFixtures.Plan(activities: [new(ActivityKind.LocalSeminar, 3), new(ActivityKind.TrainingVisit, 1)]), MemorandumFixtures.Cities);
        Assert.NotEqual(signed, a.ApprovalFingerprint());
        Assert.Matches("^[0-9a-f]{64}$", signed);
    }

    [Fact]
    public void Fingerprint_DoesNotChangeWithTheDates()
    {
        var memorandum = MemorandumFixtures.Memorandum();
        memorandum.RecordPlan(MemorandumFixtures.Plan(), MemorandumFixtures.Cities);
        var before = memorandum.ApprovalFingerprint();

        memorandum.RecordAgreement(new DateOnly(2015, 3, 2));
        memorandum.RecordSignature(new DateOnly(2015, 3, 6));

        Assert.Equal(before, memorandum.ApprovalFingerprint());
    }

    [Fact]
    public void Covers_APairOfThePlan_OnlyThatPairInThatOrder()
    {
        var memorandum = MemorandumFixtures.Memorandum();
        Assert.False(memorandum.Covers("kitakyushu", "shanghai"));

        memorandum.RecordPlan(MemorandumFixtures.Plan(), MemorandumFixtures.Cities);

        Assert.True(memorandum.Covers(new MemorandumCityPair("kitakyushu", "shanghai")));
        Assert.True(memorandum.Covers("hyogo", "guangdong"));
        Assert.False(memorandum.Covers("kitakyushu", "guangdong"));
        Assert.False(memorandum.Covers("shanghai", "kitakyushu"));
    }

    [Fact]
    public void Dates_ConfirmationBeforeSignature_AndSignatureBeforeAgreement_AreRefused()
    {
        var memorandum = MemorandumFixtures.Memorandum();
        memorandum.RecordPlan(MemorandumFixtures.Plan(), MemorandumFixtures.Cities);

        Assert.Equal("memorandum-not-agreed", Assert.Throws<DomainRuleException>(() => memorandum.RecordSignature(new DateOnly(2015, 3, 6))).Text.Code);
        Assert.Equal("memorandum-not-signed", Assert.Throws<DomainRuleException>(() => memorandum.RecordConfirmation(new DateOnly(2015, 4, 29), "Shanghai")).Text.Code);
        memorandum.RecordAgreement(new DateOnly(2015, 3, 2));
        memorandum.RecordSignature(new DateOnly(2015, 3, 6));
        Assert.Equal("memorandum-confirmed-before-signed", Assert.Throws<DomainRuleException>(() => memorandum.RecordConfirmation(new DateOnly(2015, 3, 5), null)).Text.Code);
        memorandum.RecordConfirmation(new DateOnly(2015, 4, 29), " Shanghai ");
        Assert.Equal("Shanghai", memorandum.ConfirmedPlace);
    }

    [Theory]
    [InlineData("""{"pairs":[{"japanese":"kobe"}],"activities":[]}""", "pairs.chinese", "input-required")]
    [InlineData("""{"pairs":[],"activities":[{"kind":"picnic","count":1}]}""", "activities.kind", "unknown-choice")]
    [InlineData("""{"pairs":[],"activities":[{"kind":"local-seminar","count":"many"}]}""", "activities.count", "not-a-number")]
    [InlineData("""{"pairs":[],"activities":[],"visits":[{"city":"wuhan","month":"July"}]}""", "visits.month", "memorandum-month-format")]
    [InlineData("""[1]""", "plan", "memorandum-plan-shape")]
    public void FromJson_AMalformedPlan_NamesTheMember(string json, string field, string code)
    {
        using var document = JsonDocument.Parse(json);

        var refused = Assert.Throws<DomainRuleException>(() => MemorandumPlan.FromJson(document.RootElement, "plan"));

        Assert.Equal(field, refused.Field);
        Assert.Equal(code, refused.Text.Code);
    }
}
