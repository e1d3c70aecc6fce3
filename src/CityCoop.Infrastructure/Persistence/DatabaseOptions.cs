namespace CityCoop.Infrastructure.Persistence;

/// <summary>
/// Where the data lives. With no connection string CityCoop uses a SQLite file in <see cref="DataDirectory"/>
/// (the embedded default); <c>ConnectionStrings:CityCoop</c> or <c>CITYCOOP_DATABASE</c> naming a PostgreSQL
/// server selects PostgreSQL.
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary>PostgreSQL connection string (Npgsql form: <c>Host=…;Port=…;Database=…;Username=…</c>), or null for SQLite.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Folder for the SQLite file, the signing key and outgoing mail files; created if missing.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Directory.GetCurrentDirectory(), "citycoop-data");

    /// <summary>Whether PostgreSQL is used.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>Import the bundled FY2014 sample data when the database has no cities (default: on for SQLite).</summary>
    public bool SeedSampleData { get; set; }

    /// <summary>Create the demo accounts when missing (default: on for SQLite).</summary>
    public bool SeedDemoAccounts { get; set; }

    /// <summary>The SQLite connection string for <see cref="DataDirectory"/>.</summary>
    public string SqliteConnectionString => $"Data Source={Path.Combine(DataDirectory, "citycoop.db")}";
}
