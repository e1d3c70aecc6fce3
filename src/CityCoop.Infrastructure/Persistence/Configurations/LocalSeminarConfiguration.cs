using CityCoop.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class LocalSeminarConfiguration : IEntityTypeConfiguration<LocalSeminar>
{
    public void Configure(EntityTypeBuilder<LocalSeminar> builder)
    {
        // Shares the consultation's columns: both name one Chinese city and several Japanese ones.
        builder.Property(s => s.ChineseCityCode).HasColumnName("ChineseCityCode").HasMaxLength(64);
        builder.Property(s => s.JapaneseCityCodes).HasColumnName("JapaneseCityCodes");
        builder.Property(s => s.Topic).HasColumnName("Topic").HasMaxLength(500);
    }
}
