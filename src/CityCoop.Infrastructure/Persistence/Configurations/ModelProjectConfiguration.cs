using CityCoop.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class ModelProjectConfiguration : IEntityTypeConfiguration<ModelProject>
{
    public void Configure(EntityTypeBuilder<ModelProject> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(500);
        builder.Property(m => m.Site).HasMaxLength(500);
        builder.Property(m => m.Enterprises).HasMaxLength(1000);
    }
}
