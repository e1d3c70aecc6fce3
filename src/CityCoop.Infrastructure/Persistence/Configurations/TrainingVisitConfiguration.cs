using CityCoop.Domain.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class TrainingVisitConfiguration : IEntityTypeConfiguration<TrainingVisit>
{
    public void Configure(EntityTypeBuilder<TrainingVisit> builder)
    {
        builder.Property(v => v.SendingCityCode).HasMaxLength(64);
        builder.Property(v => v.ReceivingCityCodes);
        builder.Property(v => v.TraineeCategory).HasConversion<string>().HasMaxLength(64);
    }
}
