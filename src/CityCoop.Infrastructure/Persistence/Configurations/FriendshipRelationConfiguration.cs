using CityCoop.Domain.Cities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class FriendshipRelationConfiguration : IEntityTypeConfiguration<FriendshipRelation>
{
    public void Configure(EntityTypeBuilder<FriendshipRelation> builder)
    {
        builder.ToTable("friendship_relations");
        builder.HasKey(f => new { f.JapaneseCityCode, f.ChineseCityCode });
        builder.HasOne<City>().WithMany().HasForeignKey(f => f.JapaneseCityCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<City>().WithMany().HasForeignKey(f => f.ChineseCityCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.Source).HasMaxLength(1000);

        // Year, month and day are separate nullable columns so the recorded precision survives.
        builder.ComplexProperty(f => f.Established, d =>
        {
            d.Property(x => x.Year).HasColumnName("EstablishedYear");
            d.Property(x => x.Month).HasColumnName("EstablishedMonth");
            d.Property(x => x.Day).HasColumnName("EstablishedDay");
        });
    }
}
