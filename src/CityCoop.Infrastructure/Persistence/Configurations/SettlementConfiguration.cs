using CityCoop.Domain.Budgets;
using CityCoop.Domain.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class SettlementConfiguration : IEntityTypeConfiguration<Settlement>
{
    public void Configure(EntityTypeBuilder<Settlement> builder)
    {
        builder.ToTable("settlements");

        // One settlement per proposal: closing is final, so a second would be a bug the key refuses.
        builder.HasKey(s => s.ProposalId);
        builder.HasOne<CooperationProposal>().WithOne().HasForeignKey<Settlement>(s => s.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(s => s.Approved).HasPrecision(18, 2);
        builder.Property(s => s.Spent).HasPrecision(18, 2);
        builder.Property(s => s.Released).HasPrecision(18, 2);
        builder.Property(s => s.Action).HasMaxLength(100);
        builder.Property(s => s.ClosedBy).HasMaxLength(450);
        builder.Property(s => s.ClosedByName).HasMaxLength(200);
        builder.HasIndex(s => s.FiscalYear);
    }
}
