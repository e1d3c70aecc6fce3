using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Persistence.Sqlite;

/// <summary>The SQLite (embedded default) flavour of <see cref="CityCoopDbContext"/>; owns the migrations in this folder.</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : CityCoopDbContext(options)
{
    /// <inheritdoc/>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite has no DateTimeOffset type that sorts; store UTC ticks so ordering by due date works in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
