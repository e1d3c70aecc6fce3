namespace CityCoop.Server.Hosting;

/// <summary>Migrates and seeds the database when the host starts, before the server accepts requests.</summary>
public sealed class DatabaseStartup(IServiceProvider services) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => CityCoopHost.InitializeDatabaseAsync(services);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
