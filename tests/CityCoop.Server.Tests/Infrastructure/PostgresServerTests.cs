using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace CityCoop.Server.Tests.Infrastructure;

[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names say the behaviour (STYLE.md).")]
public class PostgresServerTests
{
    [Fact]
    public async Task CreateDatabaseAsync_ReturnsAFreshEmptyDatabase_ThatAnswersSelect1()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(nameof(PostgresServerTests));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("select 1", connection);
        Assert.Equal(1, await select.ExecuteScalarAsync());

        await using var tables = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema = 'public'", connection);
        Assert.Equal(0L, await tables.ExecuteScalarAsync());
        Assert.StartsWith("postgresserver", connection.Database, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDatabaseAsync_CalledTwice_GivesTwoDifferentDatabases()
    {
        var first = new NpgsqlConnectionStringBuilder(await PostgresServer.CreateDatabaseAsync("twice")).Database;
        var second = new NpgsqlConnectionStringBuilder(await PostgresServer.CreateDatabaseAsync("twice")).Database;

        Assert.NotEqual(first, second);
    }
}
