using CityCoop.Domain.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class BudgetChangeConfiguration : IEntityTypeConfiguration<BudgetChange>
{
    public void Configure(EntityTypeBuilder<BudgetChange> builder)
    {
        builder.ToTable("budget_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        builder.HasOne<ProgrammeBudget>().WithMany().HasForeignKey(c => c.FiscalYear).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.UserName).HasMaxLength(200);
        builder.Property(c => c.Reason).HasMaxLength(ProgrammeBudget.ReasonMaxLength);
        builder.Property(c => c.OldEnvelope).HasPrecision(18, 2);
        builder.Property(c => c.NewEnvelope).HasPrecision(18, 2);
        builder.OwnsMany(c => c.OldLines, l => l.ToJson("OldLines"));
        builder.OwnsMany(c => c.NewLines, l => l.ToJson("NewLines"));
        builder.HasIndex(c => new { c.FiscalYear, c.Id });
    }
}
