using CityCoop.Domain.Activities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        builder.HasKey(a => a.Id);

        // Ids are assigned in the domain, so EF must treat an unknown one in a collection as new, not as an update.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasDiscriminator<string>("ActivityType")
            .HasValue<OnSiteConsultation>("on-site-consultation")
            .HasValue<TrainingVisit>("training-visit")
            .HasValue<LocalSeminar>("local-seminar")
            .HasValue<JointResearch>("joint-research")
            .HasValue<ModelProject>("model-project");
        builder.Property("ActivityType").HasMaxLength(32);
        builder.HasOne<CooperationProposal>().WithMany().HasForeignKey(a => a.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.Property<decimal?>("costAmount").HasColumnName("CostAmount").HasPrecision(18, 2);
        builder.Property<Currency?>("costCurrency").HasColumnName("CostCurrency").HasConversion<string>().HasMaxLength(3);
        builder.Property(a => a.VoidedBy).HasMaxLength(450);
        builder.Property(a => a.VoidedByName).HasMaxLength(200);
        builder.Property(a => a.VoidReason).HasMaxLength(CooperationProposal.VoidReasonMaxLength);
        builder.HasIndex(a => new { a.FiscalYear, a.StartDate });
        builder.HasIndex(a => a.ProposalId);

        // An imported row is identified by its table and number, so importing the same file twice changes nothing.
        builder.HasIndex("ActivityType", nameof(Activity.FiscalYear), nameof(Activity.Number)).IsUnique();
    }
}
