using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Persistence.Postgres;

/// <summary>The PostgreSQL (production) flavour of <see cref="CityCoopDbContext"/>; owns the migrations in this folder.</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : CityCoopDbContext(options);
