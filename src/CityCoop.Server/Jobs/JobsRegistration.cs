using CityCoop.Infrastructure.Jobs;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace CityCoop.Server.Jobs;

/// <summary>Registers mail, the timer sweep, the outbox dispatcher, the digest and Hangfire, which runs them.</summary>
public static class JobsRegistration
{
    /// <summary>Path of the Hangfire dashboard (admins only).</summary>
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// Binds <c>Mail</c> (validated at start: a wrong TLS/port combination stops start-up) and <c>Notifications</c>;
    /// Hangfire stores jobs in PostgreSQL (schema <c>hangfire</c>) when the database is PostgreSQL, else in memory (the
    /// embedded default is one process, and timer and outbox rows in our database are the truth, so nothing is lost).
    /// <c>Jobs:Enabled=false</c> registers no Hangfire server (tests call the services directly).
    /// </summary>
    public static void AddCityCoopJobs(this WebApplicationBuilder builder, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);
        var services = builder.Services;
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName).ValidateOnStart();

        // Links in emails point at this server unless Mail:PublicBaseUrl says otherwise (e.g. behind a proxy).
        if (builder.Configuration["Mail:PublicBaseUrl"] is null && builder.Configuration["urls"]?.Split(';')[0] is { Length: > 0 } listen)
        {
            var local = listen.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
            if (Uri.TryCreate(local.TrimEnd('/') + "/", UriKind.Absolute, out var url))
            {
                services.PostConfigure<MailOptions>(o => o.PublicBaseUrl = url);
            }
        }
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName)
            .Validate(o => o.MaxAttempts >= 1, "Notifications:MaxAttempts must be at least 1.")
            .Validate(o => o.BatchSize >= 1, "Notifications:BatchSize must be at least 1.")
            .Validate(o => o.LeaseSeconds >= 1, "Notifications:LeaseSeconds must be at least 1.")
            .ValidateOnStart();

        var bundled = builder.Configuration["Calendars:Folder"] ?? Path.Combine(AppContext.BaseDirectory, "sample-data", "calendars");
        services.AddSingleton(new CalendarStore(bundled, CalendarsFolder(database)));
        services.AddSingleton(sp => EmlFileSender.ForDataDirectory(database.DataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IMailSender>(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailOptions>>();
            return mail.Value.IsSmtpConfigured ? new MailKitSender(mail) : sp.GetRequiredService<EmlFileSender>();
        });
        services.AddScoped<OutboxWriter>();
        services.AddScoped<TimerSweep>();
        services.AddScoped<CalendarPublication>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<DigestWriter>();
        services.AddScoped<CityCoopJobs>();

        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (database.UsesPostgres)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.PostgresConnectionString), new PostgreSqlStorageOptions { SchemaName = "hangfire" });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });

        if (builder.Configuration.GetValue("Jobs:Enabled", true))
        {
            // Three recurring jobs run here, so a few workers do; Hangfire's default (5 per CPU, up to 20) kept idle
            // workers polling the job queue on the database CPU that steps need.
            var workers = builder.Configuration.GetValue("Jobs:WorkerCount", 3);
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"citycoop:{Environment.MachineName}:{Environment.ProcessId}";
                o.WorkerCount = Math.Max(1, workers);
            });
            services.AddHostedService<RecurringJobsSetup>();
        }
    }

    /// <summary>Where admins load calendar years: <c>&lt;data dir&gt;/calendars</c>.</summary>
    public static string CalendarsFolder(DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Path.Combine(database.DataDirectory, "calendars");
    }

    /// <summary>Maps the Hangfire dashboard (admins only) and the admin endpoints for the outbox and the .eml files.</summary>
    public static void MapCityCoopJobs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorization()],
            DisplayStorageConnectionString = false,
        });
        app.MapAdminMailEndpoints();
    }
}

/// <summary>
/// Declares the recurring jobs once the database is ready. <c>AddOrUpdate</c> only (re)writes the job definitions; it never
/// rebuilds timers, which stay rows in our database.
/// </summary>
internal sealed class RecurringJobsSetup(IRecurringJobManager jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<CityCoopJobs>(CityCoopJobs.TimerSweepId, j => j.SweepTimersAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<CityCoopJobs>(CityCoopJobs.OutboxDispatchId, j => j.DispatchOutboxAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<CityCoopJobs>(CityCoopJobs.DigestId, j => j.WriteDigestsAsync(CancellationToken.None), "*/15 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
