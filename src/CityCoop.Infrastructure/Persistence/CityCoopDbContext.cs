using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Organizations;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Persistence;

/// <summary>
/// The one database of CityCoop: identity, reference data, proposals, activities and workflow state.
/// Each provider has a subclass that owns its migrations (<see cref="Postgres.PostgresDbContext"/>,
/// <see cref="Sqlite.SqliteDbContext"/>); code depends on this base type.
/// </summary>
public abstract class CityCoopDbContext(DbContextOptions options) : IdentityDbContext<CityCoopUser>(options)
{
    /// <summary>Japanese and Chinese cities and provinces.</summary>
    public DbSet<City> Cities => Set<City>();

    /// <summary>Friendship ties between a Japanese and a Chinese city.</summary>
    public DbSet<FriendshipRelation> FriendshipRelations => Set<FriendshipRelation>();

    /// <summary>Cities, platforms and ministries.</summary>
    public DbSet<Organization> Organizations => Set<Organization>();

    /// <summary>Cooperation proposals.</summary>
    public DbSet<CooperationProposal> Proposals => Set<CooperationProposal>();

    /// <summary>Activities of every kind (table-per-hierarchy).</summary>
    public DbSet<Activity> Activities => Set<Activity>();

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CityCoopDbContext).Assembly);
    }
}
