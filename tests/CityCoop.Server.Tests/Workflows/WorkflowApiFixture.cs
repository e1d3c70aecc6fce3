using CityCoop.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// A class fixture: one fresh PostgreSQL database with sample data and demo accounts, served by one started
/// <see cref="CityCoopFactory"/> whose clock is <see cref="WorkflowClock"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes class fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class WorkflowApiFixture : IAsyncLifetime
{
    private CityCoopFactory? factory;

    /// <summary>The started factory.</summary>
    public CityCoopFactory Factory => factory ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        factory = new CityCoopFactory(await PostgresServer.CreateDatabaseAsync("workflow_api")) { Time = WorkflowClock.New() };
        _ = factory.Services;
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

/// <summary>
/// The clock of the workflow API tests: FY2015 (Monday 2015-06-01 09:00 in Tokyo), inside the business-day
/// calendars the server ships, so due dates do not depend on the day the suite runs. Every reading advances it by
/// 100 ms, so each step has its own instant (journal order, notification keys) while an hour of tokens lasts.
/// </summary>
public static class WorkflowClock
{
    /// <summary>The first instant.</summary>
    public static readonly DateTimeOffset Start = new(2015, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A new clock at <see cref="Start"/>.</summary>
    public static FakeTimeProvider New() => new(Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(100) };
}
