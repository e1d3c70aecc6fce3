using System.Net;
using CityCoop.Server.Tests.Infrastructure;

namespace CityCoop.Server.Tests.Startup;

/// <summary><c>GET /health</c> follows the database: 200 while reachable, 503 once it is gone.</summary>
public class HealthTests
{
    private static readonly Uri HealthUri = new("/health", UriKind.Relative);

    [Fact]
    public async Task Health_OnPostgres_Returns200ThenReturns503OnceTheDatabaseIsDropped()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("health");
        await using var factory = new CityCoopFactory(connectionString) { SeedSampleData = false, SeedDemoAccounts = false };
        using var client = factory.CreateClient();

        using (var healthy = await client.GetAsync(HealthUri))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());
        }

        await PostgresServer.DropDatabaseAsync(connectionString);
        using var unhealthy = await client.GetAsync(HealthUri);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_OnTheEmbeddedSqliteDefault_Returns200()
    {
        await using var factory = new CityCoopFactory { SeedDemoAccounts = false };
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(HealthUri);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
