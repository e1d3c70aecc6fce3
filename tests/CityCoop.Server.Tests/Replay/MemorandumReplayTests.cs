using CityCoop.Infrastructure.Memorandums;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Replay;
using CityCoop.Infrastructure.Timers;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Replay;

/// <summary>
/// Issue 11 §4: <c>replay</c> loads the FY2015 memorandum with the record's two dates: signed by both platforms on 2015-03-06,
/// confirmed by the ministers in Shanghai on 2015-04-29; then the system closes it at the fiscal-year end.
/// </summary>
public sealed class MemorandumReplayTests
{
    private static DateOnly TokyoDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(9)).DateTime);

    [Fact]
    public async Task Replay_Fy2015Memorandum_SignedAndConfirmedOnTheRecordedDays_ThenClosedByTheSystemAtTheYearEnd()
    {
        await using var factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("memoreplay")) { SeedDemoAccounts = false };
        await using (var scope = factory.CreateScope())
        {
            var replayed = Assert.Single(await scope.ServiceProvider.GetRequiredService<MemorandumReplay>().RunAsync(CityCoopFactory.SampleDataFolder));
            Assert.Equal((2015, "in-force"), (replayed.FiscalYear, replayed.FinalState));

            // A second replay leaves the year's memorandum alone.
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<MemorandumReplay>().RunAsync(CityCoopFactory.SampleDataFolder));
        }

        await using (var scope = factory.CreateScope())
        {
            var record = (await scope.ServiceProvider.GetRequiredService<MemorandumWorkflow>().LoadAsync(
                (await scope.ServiceProvider.GetRequiredService<CityCoopDbContext>().Memorandums.SingleAsync()).Id))!;
            var memorandum = record.Memorandum;
            Assert.Equal((new DateOnly(2015, 3, 6), new DateOnly(2015, 4, 29), "Shanghai"), (memorandum.SignedOn, memorandum.ConfirmedOn, memorandum.ConfirmedPlace));
            Assert.Equal(7, memorandum.Pairs.Count);
            Assert.True(memorandum.Covers("kobe", "tianjin"));
            Assert.False(memorandum.Covers("kobe", "shanghai"));
            Assert.Equal(["wuhan", "shanghai", "tianjin", "tangshan", "guangdong", "jiangsu"], memorandum.Visits.Select(v => v.ChineseCityCode));

            var journal = record.Instance.Journal.Where(e => e.Kind != JournalEntryKind.Started).ToList();
            var signatures = journal.Where(e => e.Action == "sign").ToList();
            Assert.Equal(["replay:platform:jp", "replay:platform:cn"], signatures.Select(e => e.ActorUserId));
            Assert.All(signatures, e => Assert.Equal((new DateOnly(2015, 3, 6), JournalDateSource.Recorded), (TokyoDay(e.At), e.DateSource)));
            var confirm = journal.Single(e => e.Action == "confirm");
            Assert.Equal((new DateOnly(2015, 4, 29), JournalDateSource.Recorded, "in-force"), (TokyoDay(confirm.At), confirm.DateSource, confirm.ToState));
            Assert.Equal(JournalDateSource.Assumed, journal.Single(e => e.Action == "record-plan").DateSource);
        }

        // The test clock is long past FY2015's end (midnight after 2016-03-31, Tokyo): the sweep takes the system's expire.
        await using (var scope = factory.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<TimerSweep>().RunAsync() >= 1);
        }

        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
            var instance = await db.WorkflowInstances.Include(i => i.Journal)
                .SingleAsync(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == MemorandumModule.Type);
            Assert.Equal("closed", instance.CurrentState);
            var expire = instance.Journal.Single(e => e.Action == "expire");
            Assert.Equal((WorkflowEngine.SystemActor.UserId, "in-force"), (expire.ActorUserId, expire.FromState));
        }
    }
}
