using CityCoop.Domain.Cities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> builder)
    {
        builder.ToTable("cities");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(64);
        builder.Property(c => c.Country).HasConversion<string>().HasMaxLength(2);
        builder.Property(c => c.Level).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.NameZh).HasMaxLength(200);
        builder.Property(c => c.NameJa).HasMaxLength(200);
        builder.Property(c => c.NameEn).HasMaxLength(200);
        builder.Property(c => c.ParentEn).HasMaxLength(200);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
    }
}
