using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("workflow_journal");

        // (instance, sequence) is the key: a sequence number can be written once only, so a lost race cannot append twice.
        builder.Property<Guid>("InstanceId");
        builder.HasKey("InstanceId", nameof(JournalEntry.Sequence));
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.ActorDisplayName).HasMaxLength(200);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.FromState).HasMaxLength(100);
        builder.Property(e => e.ToState).HasMaxLength(100);
        builder.Property(e => e.Comment).HasMaxLength(4000);
        builder.Property(e => e.DateSource).HasMaxLength(16);
        builder.Ignore(e => e.Notes);
    }
}
