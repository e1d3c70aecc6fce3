using CityCoop.Infrastructure.Import;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Reports;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Reports;

/// <summary>The sample data imported by <see cref="SampleDataImporter"/> gives the source document's FY2014 tables, on both providers.</summary>
public class Fy2014ImportAndReportTests
{
    [Fact]
    public async Task ImportSampleData_OnPostgres_ThenFy2014ReportEqualsSourceTablesAndTotals()
    {
        await using var factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("fy2014_pg")) { SeedSampleData = false, SeedDemoAccounts = false };

        await ImportAndAssertAsync(factory);
    }

    [Fact]
    public async Task ImportSampleData_OnSqlite_ThenFy2014ReportEqualsSourceTablesAndTotals()
    {
        await using var factory = new CityCoopFactory { SeedSampleData = false, SeedDemoAccounts = false };

        await ImportAndAssertAsync(factory);
    }

    [Fact]
    public async Task Report_ForAFiscalYearWithoutActivities_IsEmptyWithZeroTotals()
    {
        await using var factory = new CityCoopFactory { SeedDemoAccounts = false };
        await using var scope = factory.CreateScope();

        var report = await scope.ServiceProvider.GetRequiredService<FiscalYearReportBuilder>().BuildAsync(2015);

        Assert.Empty(report.Consultations);
        Assert.Empty(report.TrainingVisits);
        Assert.Equal(0, report.Totals.Trainees);
        Assert.Equal(0, report.Totals.TraineeDays);
    }

    private static async Task ImportAndAssertAsync(CityCoopFactory factory)
    {
        await using (var scope = factory.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CityCoopDbContext>();
            Assert.Equal(0, await db.Cities.CountAsync());

            var result = await scope.ServiceProvider.GetRequiredService<SampleDataImporter>().ImportAsync(CityCoopFactory.SampleDataFolder);

            Assert.Empty(result.Problems);
            Assert.Equal(18 + 3 + 13 + 8, result.Added); // cities, friendship relations, consultations, training visits
            Assert.Equal(18, await db.Cities.CountAsync());
            Assert.Equal(3, await db.FriendshipRelations.CountAsync());
        }

        await using (var scope = factory.CreateScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<FiscalYearReportBuilder>().BuildAsync(2014, "zh");
            Fy2014Expected.AssertReport(report);
        }
    }
}
