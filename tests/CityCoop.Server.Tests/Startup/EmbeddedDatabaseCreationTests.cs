using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Persistence.Sqlite;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Startup;

/// <summary>
/// An empty embedded database is created from the model with every migration recorded as applied (a second faster
/// first start); the schema must be the one the migrations build, and a database with some migrations applied is still
/// migrated one migration at a time.
/// </summary>
public class EmbeddedDatabaseCreationTests
{
    [Fact]
    public async Task EmptyDatabase_CreatedFromTheModel_HasTheSchemaAndHistoryOfEveryMigrationApplied()
    {
        var migrated = await MigratedDatabaseAsync();
        await using var factory = new CityCoopFactory { SeedSampleData = false, SeedDemoAccounts = false };
        _ = factory.Services;

        var created = Describe(ConnectionString(factory.DataDirectory));
        var expected = Describe(migrated);

        Assert.Equal(expected.History, created.History);
        SameSchema(expected.Lines, created.Lines);
        Assert.True(created.Lines.Count > 100, $"only {created.Lines.Count} schema lines were compared");

        // A migration that adds a NOT NULL column to a table with rows gives it a default to fill them; the model has no
        // default (the application writes every column), so a created database has none. These are the only such
        // columns: a new one fails here, to be checked (and listed) by whoever adds it.
        Assert.Equal(
            ["workflow_journal.ForAdmins = 0", "workflow_tasks.DueDates = '[]'", "workflow_tasks.IsStanding = 0"],
            expected.Defaults.Except(created.Defaults).ToList());
        Assert.Equal(
            ["workflow_journal.ForAdmins = null", "workflow_tasks.DueDates = null", "workflow_tasks.IsStanding = null"],
            created.Defaults.Except(expected.Defaults).ToList());
    }

    [Fact]
    public async Task DatabaseWithSomeMigrationsApplied_IsMigratedAsBefore_AndKeepsItsRows()
    {
        await using var factory = new CityCoopFactory { SeedSampleData = false, SeedDemoAccounts = false };
        var all = Migrations();
        var connection = ConnectionString(factory.DataDirectory);
        await using (var db = Context(connection))
        {
            await db.GetService<IMigrator>().MigrateAsync(all[^2]);
        }

        // A row written before the last migration must survive it (a table rebuild copies rows).
        await using (var sqlite = new SqliteConnection(connection))
        {
            await sqlite.OpenAsync();
            await using var insert = sqlite.CreateCommand();
            insert.CommandText = """INSERT INTO cities ("Code", "Country", "Level", "NameEn", "NameJa", "NameZh", "TimeZone") VALUES ('testcity', 'JP', 'City', 'Test', 'テスト', '测试', 'Asia/Tokyo')""";
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        _ = factory.Services;

        var upgraded = Describe(connection);
        var expected = Describe(await MigratedDatabaseAsync());
        Assert.Equal(expected.History, upgraded.History);
        SameSchema(expected.Lines, upgraded.Lines);
        Assert.Equal(expected.Defaults, upgraded.Defaults);
        await using var scope = factory.CreateScope();
        Assert.Equal("Test", (await scope.ServiceProvider.GetRequiredService<CityCoopDbContext>().Cities.SingleAsync(c => c.Code == "testcity")).NameEn);
    }

    // Names the lines that differ, not the first position where two long lists part.
    private static void SameSchema(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"migrated only:\n  {string.Join("\n  ", missing)}\ncreated only:\n  {string.Join("\n  ", extra)}");
        Assert.Equal(expected, actual);
    }

    private static string ConnectionString(string folder) => new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "citycoop.db"), Pooling = false }.ToString();

    private static SqliteDbContext Context(string connection) =>
        new(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(connection).Options);

    private static IReadOnlyList<string> Migrations()
    {
        using var db = Context("Data Source=:memory:");
        return [.. db.Database.GetMigrations()];
    }

    // A database in a new folder with the migrations applied one by one, as EF applies them.
    private static async Task<string> MigratedDatabaseAsync()
    {
        var folder = Directory.CreateTempSubdirectory("citycoop-migrated-").FullName;
        var connection = ConnectionString(folder);
        await using var db = Context(connection);
        await db.Database.MigrateAsync();
        return connection;
    }

    private sealed record Schema(IReadOnlyList<string> Lines, IReadOnlyList<string> Defaults, IReadOnlyList<string> History);

    // Every table's columns, indexes (with their columns, uniqueness and filter) and foreign keys, one line each, sorted.
    private static Schema Describe(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var schema = new List<string>();
        var defaults = new List<string>();
        foreach (var table in Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'").Select(r => r[0]))
        {
            foreach (var column in Rows(connection, $"SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info('{table}')"))
            {
                schema.Add($"{table} column {string.Join(" | ", column[..4])}");
                defaults.Add($"{table}.{column[0]} = {column[4]}");
            }

            foreach (var index in Rows(connection, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"))
            {
                var columns = string.Join(", ", Rows(connection, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno").Select(r => r[0]));
                var filter = Rows(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{index[0]}'").Select(r => r[0]).FirstOrDefault() ?? "";
                var where = filter.Contains(" WHERE ", StringComparison.Ordinal) ? filter[filter.IndexOf(" WHERE ", StringComparison.Ordinal)..] : "";
                schema.Add($"{table} index {string.Join(" | ", index)} ({columns}){where}");
            }

            schema.AddRange(Rows(connection, $"SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}')").Select(r => $"{table} foreign key {string.Join(" | ", r)}"));
        }

        schema.Sort(StringComparer.Ordinal);
        defaults.Sort(StringComparer.Ordinal);
        var history = Rows(connection, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"").Select(r => r[0]).ToList();
        return new Schema(schema, defaults, history);
    }

    private static List<string[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "")]);
        }

        return rows;
    }
}
