using CityCoop.Infrastructure.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace CityCoop.Server.Tests.Scaling;

/// <summary>
/// Starts the servers' recurring outbox job (<see cref="CityCoopJobs.OutboxDispatchId"/>) now instead of at the next minute:
/// it enqueues one run in the shared Hangfire storage (schema <c>hangfire</c>), and whichever server's worker takes it runs
/// the real dispatcher. Several triggers at once run dispatchers side by side, in one or both processes.
/// </summary>
internal sealed class DispatchTrigger(string connectionString)
{
    // The servers made the schema; this client only writes a job.
    private readonly RecurringJobManager jobs = new(new PostgreSqlStorage(
        new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions { SchemaName = "hangfire" }),
        new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false }));

    /// <summary>Enqueues <paramref name="runs"/> runs of the outbox dispatch job.</summary>
    public void Trigger(int runs = 1)
    {
        for (var i = 0; i < runs; i++)
        {
            jobs.TriggerJob(CityCoopJobs.OutboxDispatchId);
        }
    }
}
