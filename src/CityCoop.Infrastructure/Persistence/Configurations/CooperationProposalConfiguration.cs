using CityCoop.Domain.Cities;
using CityCoop.Domain.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class CooperationProposalConfiguration : IEntityTypeConfiguration<CooperationProposal>
{
    public void Configure(EntityTypeBuilder<CooperationProposal> builder)
    {
        builder.ToTable("proposals");
        builder.HasKey(p => p.Id);

        // Ids are assigned in the domain, so EF must treat an unknown one in a collection as new, not as an update.
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(8000);
        builder.Property(p => p.ProposingCityCode).HasMaxLength(64);
        builder.HasOne<City>().WithMany().HasForeignKey(p => p.ProposingCityCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.ProposingCountry).HasConversion<string>().HasMaxLength(2);
        builder.Property(p => p.Strand).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Level).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.CooperationKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.PartnerCityCodes);
        builder.Property(p => p.WishedItems);
        builder.Property(p => p.OfferedItems);
        builder.Property(p => p.PlannedActivities);
        builder.Property(p => p.CreatedBy).HasMaxLength(450);
        builder.HasIndex(p => p.ProposingCityCode);

        // The proposal list shows newest first (ProposalSearch): with these its first pages, of all proposals or of one fiscal
        // year, are read from the index end, not sorted out of every row; the Id in the year's index lets a year's count and
        // its page of ids, joined to the instances' state index, be read from the indexes alone (README "Scaling": the list
        // with 100,000 proposals).
        builder.HasIndex(p => p.CreatedAt);
        builder.HasIndex(p => new { p.FiscalYear, p.CreatedAt, p.Id });

        builder.OwnsMany(p => p.MatchedItems, m =>
        {
            m.ToJson("MatchedItems");
        });

        builder.ComplexProperty(p => p.RequestedAmount, m =>
        {
            m.Property(x => x.Amount).HasColumnName("RequestedAmount").HasPrecision(18, 2);
            m.Property(x => x.Currency).HasColumnName("Currency").HasConversion<string>().HasMaxLength(3);
        });
        builder.Property<decimal?>("approvedAmount").HasColumnName("ApprovedAmount").HasPrecision(18, 2);
        // The column keeps its first name: it always held the activities' costs, which are now read as their plan.
        builder.Property(p => p.PlannedActivityCosts).HasColumnName("SpentAmount").HasPrecision(18, 2);
        builder.Property(p => p.Revision).IsConcurrencyToken();
    }
}
