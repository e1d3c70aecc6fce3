using CityCoop.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class OnSiteConsultationConfiguration : IEntityTypeConfiguration<OnSiteConsultation>
{
    public void Configure(EntityTypeBuilder<OnSiteConsultation> builder)
    {
        builder.Property(c => c.JapaneseCityCodes).HasColumnName("JapaneseCityCodes");
        builder.Property(c => c.ChineseCityCode).HasColumnName("ChineseCityCode").HasMaxLength(64);
        builder.Property(c => c.CounterpartsZh).HasMaxLength(500);
        builder.Property(c => c.CounterpartsEn).HasMaxLength(500);
        builder.Property(c => c.Level).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.PrintedCounterpartsZh).HasMaxLength(500);
    }
}
