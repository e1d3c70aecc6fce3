using CityCoop.Infrastructure.Jobs;
using Hangfire;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace CityCoop.Server.Tests.Scaling;

/// <summary>
/// Starts the servers' recurring outbox job (<see cref="CityCoopJobs.OutboxDispatchId"/>) now instead of at the next minute:
/// it enqueues one run in the shared Hangfire storage (schema <c>hangfire</c>), and whichever server's worker takes it runs
/// the real dispatcher. Several triggers at once run dispatchers side by side, in one or both processes.
/// </summary>
internal sealed class DispatchTrigger
{
    private readonly RecurringJobManager jobs;

    public DispatchTrigger(string connectionString)
    {
        // Hangfire's log provider is process-wide: an in-process host of an earlier test left it pointing at its disposed
        // LoggerFactory. This client needs no logs (the test's collection runs alone, so nobody else is using it).
        LogProvider.SetCurrentLogProvider(new Silent());

        // The servers made the schema; this client only writes a job.
        jobs = new(new PostgreSqlStorage(
            new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions { SchemaName = "hangfire" }),
            new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false }));
    }

    /// <summary>Enqueues <paramref name="runs"/> runs of the outbox dispatch job.</summary>
    public void Trigger(int runs = 1)
    {
        for (var i = 0; i < runs; i++)
        {
            jobs.TriggerJob(CityCoopJobs.OutboxDispatchId);
        }
    }

    private sealed class Silent : ILogProvider, ILog
    {
        public ILog GetLogger(string name) => this;

        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
