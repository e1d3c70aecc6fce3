using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Replay;
using CityCoop.Infrastructure.Reports;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Reports;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Replay;

/// <summary>One replay of the FY2014 sample data into a fresh PostgreSQL database, shared by the tests of a class.</summary>
public sealed class ReplayFixture : IAsyncLifetime
{
    public CityCoopFactory Factory { get; private set; } = null!;

    public ReplayResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("replay")) { SeedSampleData = false, SeedDemoAccounts = false };
        await using var scope = Factory.CreateScope();
        Result = await scope.ServiceProvider.GetRequiredService<ActivityReplay>().RunAsync(CityCoopFactory.SampleDataFolder);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Issue 3 "Real input: replay FY2014": the sample data run through the workflow itself on PostgreSQL.</summary>
public sealed class ReplayTests(ReplayFixture fixture) : IClassFixture<ReplayFixture>
{
    private readonly CityCoopFactory factory = fixture.Factory;
    private readonly ReplayResult result = fixture.Result;

    [Fact]
    public void Replay_Fy2014_CreatesOneProposalPerChineseCity()
    {
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(
            ["guangdong", "handan", "hebei", "jiangsu", "shanghai", "shanxi", "shenyang", "tianjin", "wuhan"],
            result.Proposals.Select(p => p.ChineseCityCode).Order(StringComparer.Ordinal));
        var tianjin = result.Proposals.Single(p => p.ChineseCityCode == "tianjin");
        Assert.Equal(["yokkaichi", "kitakyushu", "kobe"], tianjin.JapaneseCityCodes);
        Assert.Equal(2, tianjin.Consultations);
        Assert.Equal(2, tianjin.TrainingVisits);
    }

    [Fact]
    public void Replay_PairsWhoseConsultationsDidNotDecide_AreStillInMatching()
    {
        var states = result.Proposals.ToDictionary(p => p.ChineseCityCode, p => p.FinalState);
        Assert.Equal("platform-matching", states["handan"]);
        Assert.Equal("platform-matching", states["hebei"]);
        Assert.All(states.Where(s => s.Key is not "handan" and not "hebei"), s => Assert.Equal("fund-execution", s.Value));
    }

    [Fact]
    public async Task Replay_ThenReport_EqualsTheSourceTables()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
        Assert.Equal(21, await db.Activities.CountAsync(a => a.ProposalId != null));
        Assert.Equal(0, await db.Activities.CountAsync(a => a.ProposalId == null));
        var report = await scope.ServiceProvider.GetRequiredService<FiscalYearReportBuilder>().BuildAsync(2014, "zh");
        Fy2014Expected.AssertReport(report);
    }

    [Fact]
    public async Task Replay_Journal_MarksRecordedAndAssumedDates()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
        var shanghai = result.Proposals.Single(p => p.ChineseCityCode == "shanghai").ProposalId;
        var journal = await db.WorkflowInstances.AsNoTracking()
            .Where(i => EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == shanghai)
            .SelectMany(i => i.Journal)
            .ToListAsync();
        var matches = journal.Where(e => e.Action == "match").OrderBy(e => e.Sequence).ToList();
        Assert.Equal(2, matches.Count);

        // Consultation no. 1 (2014-08-05..06) decided cooperation: match on its last day, a date from the data.
        Assert.All(matches, m => Assert.Equal(JournalDateSource.Recorded, m.DateSource));
        Assert.Equal(new DateOnly(2014, 8, 6), DateOnly.FromDateTime(m0(matches).At.ToOffset(TimeSpan.FromHours(9)).DateTime));
        var approve = journal.Single(e => e.Action == "approve");
        Assert.Equal(JournalDateSource.Assumed, approve.DateSource);
        Assert.Equal(new DateOnly(2014, 8, 7), DateOnly.FromDateTime(approve.At.ToOffset(TimeSpan.FromHours(9)).DateTime));
        Assert.Equal("fund-execution", approve.ToState);
        var consultations = journal.Where(e => e.Action == "record-consultation").OrderBy(e => e.Sequence).ToList();
        Assert.Equal(["platform-matching", "fund-execution"], consultations.Select(e => e.FromState));
        Assert.All(consultations, c => Assert.Equal(JournalDateSource.Recorded, c.DateSource));

        static JournalEntry m0(List<JournalEntry> entries) => entries[0];
    }

    [Fact]
    public async Task Replay_Tianjin_StartsTheYearAlreadyApproved()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
        var tianjin = result.Proposals.Single(p => p.ChineseCityCode == "tianjin").ProposalId;
        var journal = await db.WorkflowInstances.AsNoTracking()
            .Where(i => EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == tianjin)
            .SelectMany(i => i.Journal)
            .ToListAsync();
        var approve = journal.Single(e => e.Action == "approve");
        Assert.Equal(new DateOnly(2014, 4, 2), DateOnly.FromDateTime(approve.At.ToOffset(TimeSpan.FromHours(9)).DateTime));
        Assert.Equal(JournalDateSource.Assumed, approve.DateSource);
        var firstConsultation = journal.Where(e => e.Action == "record-consultation").MinBy(e => e.Sequence)!;
        Assert.Equal("fund-execution", firstConsultation.FromState);
    }

    [Fact]
    public async Task Replay_IntoADatabaseWithThatYearsData_IsRefusedAndWritesNothing()
    {
        await using var scope = factory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
        var before = await db.Proposals.CountAsync();
        var again = await scope.ServiceProvider.GetRequiredService<ActivityReplay>().RunAsync(CityCoopFactory.SampleDataFolder);
        Assert.False(again.Succeeded);
        Assert.Contains("FY2014", again.Problems.Single(), StringComparison.Ordinal);
        Assert.Equal(before, await db.Proposals.CountAsync());
    }
}
