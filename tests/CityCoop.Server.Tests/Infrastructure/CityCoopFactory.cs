using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Setup;
using CityCoop.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CityCoop.Server.Tests.Infrastructure;

/// <summary>
/// Hosts the real CityCoop server in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>) against a real database.
/// </summary>
/// <remarks>
/// <para>
/// PostgreSQL: <c>new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("mytests"))</c> — one fresh database per
/// test class (or per test where state matters). SQLite (the embedded default): <c>new CityCoopFactory()</c> — a new
/// temporary data folder, deleted on dispose.
/// </para>
/// <para>
/// Sample data and demo accounts are seeded by default (<see cref="SeedSampleData"/>, <see cref="SeedDemoAccounts"/>;
/// set them in an object initializer before the first use). Migrations and seeding run when the server starts,
/// which is on the first use of <see cref="WebApplicationFactory{TEntryPoint}.Services"/> or a client.
/// </para>
/// <para>
/// Time: the server's clock starts at <see cref="TestClock.Start"/> and runs at real speed (the product's own
/// <c>CityCoop:Clock</c> setting), so no test depends on the day it runs. Pass a <see cref="FakeTimeProvider"/> as
/// <see cref="Time"/> to control it instead: it replaces the <see cref="TimeProvider"/> singleton (token issuing,
/// JwtBearer and cookie validation, lock-out, anything else that asks DI for the clock).
/// </para>
/// <para>
/// Tokens: <see cref="CreateClientForAsync"/> gives an <see cref="HttpClient"/> with a bearer token of a demo account
/// (e.g. <see cref="PlatformJp"/>), obtained through the real <c>POST /api/auth/token</c>.
/// </para>
/// </remarks>
public sealed class CityCoopFactory : WebApplicationFactory<Program>
{
    /// <summary>Demo account of the Japanese platform (role platform).</summary>
    public const string PlatformJp = "platform.jp@demo.citycoop.example";

    /// <summary>Demo account of the Chinese platform (role platform).</summary>
    public const string PlatformCn = "platform.cn@demo.citycoop.example";

    /// <summary>Demo account of the Japanese ministry (role ministry).</summary>
    public const string MinistryJp = "ministry.jp@demo.citycoop.example";

    /// <summary>Demo account of the Chinese ministry (role ministry).</summary>
    public const string MinistryCn = "ministry.cn@demo.citycoop.example";

    /// <summary>Demo account of Shanghai (role city).</summary>
    public const string ShanghaiCity = "shanghai@demo.citycoop.example";

    /// <summary>Demo account of Kitakyushu (role city).</summary>
    public const string KitakyushuCity = "kitakyushu@demo.citycoop.example";

    /// <summary>Demo account with role admin.</summary>
    public const string Admin = "admin@demo.citycoop.example";

    /// <summary>A fixed signing key (base64 of 32 bytes) so tokens do not depend on a key file.</summary>
    public const string SigningKey = "Q2l0eUNvb3AtdGVzdC1zaWduaW5nLWtleS0zMmJ5dGVzIQ==";

    /// <summary>Uses PostgreSQL at <paramref name="postgresConnectionString"/>, or SQLite in a new temp folder when null.</summary>
    public CityCoopFactory(string? postgresConnectionString = null)
    {
        PostgresConnectionString = postgresConnectionString;
        DataDirectory = Path.Combine(Path.GetTempPath(), "citycoop-test-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    /// <summary>The PostgreSQL connection string, or null for SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>The data folder (<c>DataDir</c>): SQLite file, signing key; a fresh temp folder deleted on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>Whether start-up imports the bundled sample data into an empty database (default true).</summary>
    public bool SeedSampleData { get; init; } = true;

    /// <summary>Whether start-up creates the demo accounts (default true; password <see cref="DemoAccounts.Password"/>).</summary>
    public bool SeedDemoAccounts { get; init; } = true;

    /// <summary>A clock to register as the <see cref="TimeProvider"/> singleton, or null for <see cref="TestClock.Start"/> running at real speed.</summary>
    public FakeTimeProvider? Time { get; init; }

    /// <summary>
    /// More settings (<c>Section:Key</c> → value), applied last. Sign-in rate limits are set so high here that tests
    /// signing in many times never meet them (<see cref="GenerousRateLimits"/>); a test of the limits sets its own.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>True to run with the product's own sign-in rate limits instead of <see cref="GenerousRateLimits"/> (default false).</summary>
    public bool ProductRateLimits { get; init; }

    /// <summary>Sign-in rate limits no test reaches by signing in as usual (the product's defaults are 10/min per address, 4 per 5 min per account).</summary>
    public static IReadOnlyDictionary<string, string> GenerousRateLimits { get; } = new Dictionary<string, string>
    {
        ["RateLimits:PerAddress:PermitLimit"] = "100000",
        ["RateLimits:PerAddress:Window"] = "00:01:00",
        ["RateLimits:PerAccount:PermitLimit"] = "100000",
        ["RateLimits:PerAccount:Window"] = "00:01:00",
    };

    /// <summary>The folder of the bundled sample data (copied next to the test assembly).</summary>
    public static string SampleDataFolder => Path.Combine(AppContext.BaseDirectory, "sample-data");

    /// <summary>A new scope; resolve the importer, report builder or <see cref="CityCoopDbContext"/> from it.</summary>
    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    /// <summary>Asks <c>POST /api/auth/token</c> for a token; throws if the answer is not 200.</summary>
    public async Task<string> GetTokenAsync(string email, string password = DemoAccounts.Password)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request for {email} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()
            ?? throw new InvalidOperationException("The token response has no access_token.");
    }

    /// <summary>A client that sends a bearer token of <paramref name="email"/> (a demo account by default password).</summary>
    public async Task<HttpClient> CreateClientForAsync(string email, string password = DemoAccounts.Password)
    {
        var token = await GetTokenAsync(email, password);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:CityCoop", PostgresConnectionString);
        }

        builder.UseSetting("DataDir", DataDirectory);
        builder.UseSetting("CityCoop:SeedSampleData", SeedSampleData ? "true" : "false");
        builder.UseSetting("CityCoop:SeedDemoAccounts", SeedDemoAccounts ? "true" : "false");
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting(ShiftedClock.Setting, TestClock.Setting);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        foreach (var (key, value) in (ProductRateLimits ? Enumerable.Empty<KeyValuePair<string, string>>() : GenerousRateLimits).Concat(Settings))
        {
            builder.UseSetting(key, value);
        }

        if (Time is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Time);
            });
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDataDirectory();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDataDirectory();
        }
    }

    private void DeleteDataDirectory()
    {
        if (!Directory.Exists(DataDirectory))
        {
            return;
        }

        // SQLite keeps pooled handles open; release them so the file can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

/// <summary>
/// A class fixture (<c>IClassFixture&lt;SeededPostgresFixture&gt;</c>): one fresh PostgreSQL database per test class,
/// with the sample data and demo accounts, served by one started <see cref="CityCoopFactory"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes class fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class SeededPostgresFixture : IAsyncLifetime
{
    private CityCoopFactory? factory;

    /// <summary>Connection string of the class's database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The started factory.</summary>
    public CityCoopFactory Factory => factory ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("seeded");
        factory = new CityCoopFactory(ConnectionString);
        _ = factory.Services; // starts the server: migrates and seeds
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}
