using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Import;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence.Postgres;
using CityCoop.Infrastructure.Persistence.Sqlite;
using CityCoop.Infrastructure.Reports;
using CityCoop.Infrastructure.Security;
using CityCoop.Infrastructure.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CityCoop.Infrastructure.Persistence;

/// <summary>Registers the database (PostgreSQL or SQLite), ASP.NET Core Identity stores, import and reports.</summary>
public static class PersistenceRegistration
{
    /// <summary>
    /// The connection string with <c>No Reset On Close</c> on unless it says otherwise. Every step, job and Hangfire
    /// storage call opens and closes pooled connections; resetting each (<c>DISCARD ALL</c>) was the most frequent
    /// statement of the benchmark (about 9 per action, most of them Hangfire's), and neither CityCoop nor Hangfire keeps
    /// session state on a connection. Everyone (EF Core, Hangfire, start-up) uses this one string.
    /// </summary>
    public static string WithoutResets(string connection)
    {
        // Asked of the plain builder: Npgsql's own ContainsKey answers true for every keyword it knows, set or not, which
        // is how the setting was silently never applied before.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            npgsql.NoResetOnClose = true;
        }

        return npgsql.ConnectionString;
    }

    /// <summary>
    /// Reads <c>ConnectionStrings:CityCoop</c> (or <c>CITYCOOP_DATABASE</c>) and <c>DataDir</c>; registers the
    /// provider's context as <see cref="CityCoopDbContext"/>.
    /// </summary>
    public static DatabaseOptions AddCityCoopPersistence(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        var connection = config.GetConnectionString("CityCoop") ?? config["CITYCOOP_DATABASE"];
        var options = new DatabaseOptions { PostgresConnectionString = string.IsNullOrWhiteSpace(connection) ? null : WithoutResets(connection) };
        if (config["DataDir"] is { Length: > 0 } dataDir)
        {
            options.DataDirectory = Path.GetFullPath(dataDir);
        }

        options.SeedSampleData = config.GetValue("CityCoop:SeedSampleData", !options.UsesPostgres);
        options.SeedDemoAccounts = config.GetValue("CityCoop:SeedDemoAccounts", !options.UsesPostgres);
        Directory.CreateDirectory(options.DataDirectory);
        builder.Services.AddSingleton(options);

        // Pooled: a request takes a context whose services and options are built once, instead of building them per request.
        if (options.UsesPostgres)
        {
            builder.Services.AddDbContextPool<PostgresDbContext>(o => o.UseNpgsql(options.PostgresConnectionString).AddInterceptors(OutboxInsertInterceptor.Instance));
            builder.Services.AddScoped<CityCoopDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
        }
        else
        {
            builder.Services.AddDbContextPool<SqliteDbContext>(o => o.UseSqlite(options.SqliteConnectionString).AddInterceptors(OutboxInsertInterceptor.Instance));
            builder.Services.AddScoped<CityCoopDbContext>(sp => sp.GetRequiredService<SqliteDbContext>());
        }

        builder.Services
            .AddIdentityCore<CityCoopUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddEntityFrameworkStores<CityCoopDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        builder.Services.AddScoped<SampleDataImporter>();
        builder.Services.AddScoped<FiscalYearReportBuilder>();
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<SecurityAuditLog>();
        builder.Services.AddScoped<SecurityAuditSearch>();

        // The server replaces this with the HTTP request's origin; commands keep it.
        builder.Services.TryAddSingleton<IAuditOriginSource, CommandLineOrigin>();
        builder.Services.AddScoped<DatabaseInitializer>();
        return options;
    }
}
