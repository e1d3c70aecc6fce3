using CityCoop.Infrastructure.Import;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Import;

/// <summary>Importing the same files twice changes nothing, on both providers.</summary>
public class ImportTwiceTests
{
    [Fact]
    public async Task Import_SameFilesTwiceOnPostgres_SecondAddsAndUpdatesNothing()
    {
        await using var factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("import_twice")) { SeedSampleData = false, SeedDemoAccounts = false };

        await ImportTwiceAsync(factory);
    }

    [Fact]
    public async Task Import_SameFilesTwiceOnSqlite_SecondAddsAndUpdatesNothing()
    {
        await using var factory = new CityCoopFactory { SeedSampleData = false, SeedDemoAccounts = false };

        await ImportTwiceAsync(factory);
    }

    [Fact]
    public async Task Import_OfACorrectedRow_UpdatesOnlyThatRow()
    {
        await using var factory = new CityCoopFactory { SeedDemoAccounts = false };
        using var folder = ImportFolder.Empty();
        File.Copy(Path.Combine(CityCoopFactory.SampleDataFolder, ImportFolder.Visits), Path.Combine(folder.Path, ImportFolder.Visits));
        var text = File.ReadAllText(Path.Combine(folder.Path, ImportFolder.Visits));
        folder.Write(ImportFolder.Visits, text.Replace("技术人员,technical staff,4", "技术人员,technical staff,5", StringComparison.Ordinal));

        await using var scope = factory.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SampleDataImporter>().ImportAsync(folder.Path);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal((0, 1, 7), (result.Added, result.Updated, result.Unchanged));
    }

    private static async Task ImportTwiceAsync(CityCoopFactory factory)
    {
        ImportResult first;
        await using (var scope = factory.CreateScope())
        {
            first = await scope.ServiceProvider.GetRequiredService<SampleDataImporter>().ImportAsync(CityCoopFactory.SampleDataFolder);
        }

        var afterFirst = await SnapshotAsync(factory);

        ImportResult second;
        await using (var scope = factory.CreateScope())
        {
            second = await scope.ServiceProvider.GetRequiredService<SampleDataImporter>().ImportAsync(CityCoopFactory.SampleDataFolder);
        }

        Assert.True(first.Succeeded, string.Join('\n', first.Problems));
        Assert.Equal((18 + 3 + 13 + 8, 0, 0), (first.Added, first.Updated, first.Unchanged));
        Assert.True(second.Succeeded, string.Join('\n', second.Problems));
        Assert.Equal((0, 0, 18 + 3 + 13 + 8), (second.Added, second.Updated, second.Unchanged));
        Assert.Equal(afterFirst, await SnapshotAsync(factory));
        Assert.Equal((18, 3, 21), (afterFirst.Cities, afterFirst.FriendshipRelations, afterFirst.Activities));
    }

    private static async Task<DatabaseSnapshot> SnapshotAsync(CityCoopFactory factory)
    {
        await using var scope = factory.CreateScope();
        return await DatabaseSnapshot.TakeAsync(scope.ServiceProvider.GetRequiredService<CityCoopDbContext>());
    }
}
