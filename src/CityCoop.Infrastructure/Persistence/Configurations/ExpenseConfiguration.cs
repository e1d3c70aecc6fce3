using CityCoop.Domain.Expenses;
using CityCoop.Domain.Proposals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class ExpenseConfiguration : IEntityTypeConfiguration<Expense>
{
    public void Configure(EntityTypeBuilder<Expense> builder)
    {
        builder.ToTable("expenses");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<CooperationProposal>().WithMany().HasForeignKey(e => e.ProposalId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.BudgetLine).HasMaxLength(Expense.TextMaxLength);
        builder.Property(e => e.Payee).HasMaxLength(Expense.TextMaxLength);
        builder.Property(e => e.Amount).HasPrecision(18, 2);
        builder.Property(e => e.Currency).HasConversion<string>().HasMaxLength(3);
        builder.Property(e => e.RateToJpy).HasPrecision(18, 6);
        builder.Property(e => e.AmountJpy).HasPrecision(18, 2);
        builder.Property(e => e.RecordedBy).HasMaxLength(450);
        builder.Property(e => e.RecordedByName).HasMaxLength(200);
        builder.HasIndex(e => e.ProposalId);
    }
}
