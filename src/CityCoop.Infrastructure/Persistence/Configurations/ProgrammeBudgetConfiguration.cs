using CityCoop.Domain.Budgets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class ProgrammeBudgetConfiguration : IEntityTypeConfiguration<ProgrammeBudget>
{
    public void Configure(EntityTypeBuilder<ProgrammeBudget> builder)
    {
        builder.ToTable("budgets");
        builder.HasKey(b => b.FiscalYear);
        builder.Property(b => b.FiscalYear).ValueGeneratedNever();
        builder.Property(b => b.Envelope).HasPrecision(18, 2);
        builder.Property(b => b.UpdatedBy).HasMaxLength(450);
        builder.Property(b => b.Revision).IsConcurrencyToken();
        builder.OwnsMany(b => b.Lines, l =>
        {
            l.ToJson("Lines");
            l.Property(x => x.Name).HasMaxLength(ProgrammeBudget.LineNameMaxLength);
        });
    }
}
