using CityCoop.Domain.Proposals;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Persistence.Postgres;

/// <summary>The PostgreSQL (production) flavour of <see cref="CityCoopDbContext"/>; owns the migrations in this folder.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : CityCoopDbContext(options)
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // A city's proposal list asks "is this city among the partners" (ProposalSearch, the && operator): a GIN index answers
        // it from the index instead of reading every proposal. SQLite keeps the partners as JSON text, which no index serves.
        builder.Entity<CooperationProposal>().HasIndex(p => p.PartnerCityCodes).HasMethod("gin");
    }
}
