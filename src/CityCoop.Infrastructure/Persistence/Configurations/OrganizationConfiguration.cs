using CityCoop.Domain.Cities;
using CityCoop.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.HasKey(o => o.Code);
        builder.Property(o => o.Code).HasMaxLength(80);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.Country).HasConversion<string>().HasMaxLength(2);
        builder.Property(o => o.NameZh).HasMaxLength(200);
        builder.Property(o => o.NameJa).HasMaxLength(200);
        builder.Property(o => o.NameEn).HasMaxLength(200);
        builder.HasOne<City>().WithMany().HasForeignKey(o => o.CityCode).OnDelete(DeleteBehavior.Restrict);
    }
}
