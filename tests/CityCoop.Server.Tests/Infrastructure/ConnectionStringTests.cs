using CityCoop.Infrastructure.Persistence;
using Npgsql;

namespace CityCoop.Server.Tests.Infrastructure;

/// <summary>
/// The one PostgreSQL connection string everybody uses leaves pooled connections unreset (no <c>DISCARD ALL</c> before a
/// reused connection's next statement) unless the operator said otherwise.
/// </summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_No_Reset_On_Close()
    {
        var built = new NpgsqlConnectionStringBuilder(PersistenceRegistration.WithoutResets("Host=127.0.0.1;Port=5432;Username=postgres;Database=citycoop"));

        Assert.True(built.NoResetOnClose);
        Assert.Equal("citycoop", built.Database);
        Assert.Equal(5432, built.Port);
    }

    [Theory]
    [InlineData("Host=h;Database=d;No Reset On Close=false")]
    [InlineData("Host=h;Database=d;NoResetOnClose=false")]
    public void An_operator_who_set_it_keeps_their_choice(string connection)
    {
        Assert.False(new NpgsqlConnectionStringBuilder(PersistenceRegistration.WithoutResets(connection)).NoResetOnClose);
    }
}
