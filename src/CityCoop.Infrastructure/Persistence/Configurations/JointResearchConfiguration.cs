using CityCoop.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class JointResearchConfiguration : IEntityTypeConfiguration<JointResearch>
{
    public void Configure(EntityTypeBuilder<JointResearch> builder)
    {
        builder.Property(r => r.Topic).HasColumnName("Topic").HasMaxLength(500);
        builder.Property(r => r.Institutions).HasMaxLength(1000);
    }
}
