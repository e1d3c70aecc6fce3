using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Memorandums;
using CityCoop.Domain.Tests.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Memorandums;

/// <summary><c>data/fy2015-memorandum.json</c>: what it records, and that it walks the workflow to in force at its two dates.</summary>
public sealed class Fy2015MemorandumSampleTests
{
    private static readonly RecordedMemorandum Sample = RecordedMemorandum.Parse(File.ReadAllText(MemorandumFixtures.SamplePath), "fy2015-memorandum.json");

    [Fact]
    public void Sample_RecordsTheSignatureTheMinistersAgreementAndTheSixCitiesVisitedFromJuly()
    {
        Assert.Equal(2015, Sample.FiscalYear);
        Assert.Equal(new DateOnly(2015, 3, 6), Sample.SignedOn);
        Assert.Equal([OrganizationCodes.PlatformJp, OrganizationCodes.PlatformCn], Sample.SignedBy);
        Assert.Equal(new DateOnly(2015, 4, 29), Sample.ConfirmedOn);
        Assert.Equal("Shanghai", Sample.ConfirmedPlace);
        Assert.Contains("gives no numbers", Sample.Comment, StringComparison.Ordinal);

        var plan = MemorandumPlan.FromJson(Sample.Plan, "plan");
        Assert.Equal(["wuhan", "shanghai", "tianjin", "tangshan", "guangdong", "jiangsu"], plan.Visits.Select(v => v.ChineseCityCode));
        Assert.All(plan.Visits, v => Assert.Equal("2015-07", v.MonthText));
        Assert.Equal([ActivityKind.LocalSeminar, ActivityKind.TrainingVisit, ActivityKind.JointResearch, ActivityKind.ModelProject], plan.Activities.Select(a => a.Kind));
        Assert.All(plan.Activities, a => Assert.Equal(1, a.Count));
        Assert.Equal(7, plan.Pairs.Count);
    }

    [Fact]
    public void Sample_WalksTheWorkflowAtItsDates_ToInForceCoveringKitakyushuShanghai()
    {
        var engine = new WorkflowEngine(MemorandumWorkflowHooks.Create(), CalendarDaysCalendar.Instance);
        var definition = MemorandumFixtures.Definition();
        var memorandum = MemorandumFixtures.Memorandum(Sample.FiscalYear);
        var subject = new MemorandumWorkflowSubject(memorandum, MemorandumFixtures.Cities);
        var signedAt = new DateTimeOffset(Sample.SignedOn.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(9));
        var instance = engine.Start(definition, subject, Actors.PlatformJp, signedAt).Instance;
        WorkflowSuccess Ok(WorkflowActor actor, string action, object inputs, DateTimeOffset at) =>
            Assert.IsType<WorkflowSuccess>(engine.Execute(instance, definition, actor, action, Inputs.Of(inputs), subject, at));

        Ok(Actors.PlatformJp, "record-plan", new { plan = Sample.Plan }, signedAt);
        Ok(Actors.PlatformJp, "submit", new { }, signedAt);
        Ok(Actors.PlatformCn, "agree", new { }, signedAt);
        Ok(Actors.PlatformJp, "sign", new { }, signedAt);
        Ok(Actors.PlatformCn, "sign", new { }, signedAt);
        var confirmedAt = new DateTimeOffset(Sample.ConfirmedOn.ToDateTime(new TimeOnly(15, 0)), TimeSpan.FromHours(8));
        Ok(Actors.MinistryJp, "confirm", new { place = Sample.ConfirmedPlace }, confirmedAt);

        Assert.Equal("in-force", instance.CurrentState);
        Assert.Equal(new DateOnly(2015, 3, 6), memorandum.SignedOn);
        Assert.Equal(new DateOnly(2015, 4, 29), memorandum.ConfirmedOn);
        Assert.True(memorandum.Covers("kitakyushu", "shanghai"));
        Assert.False(memorandum.Covers("kawasaki", "shenyang"));
    }
}
