using CityCoop.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.SubjectType).HasMaxLength(50);
        builder.Property(m => m.RecipientUserId).HasMaxLength(450);
        builder.Property(m => m.RecipientEmail).HasMaxLength(256);
        builder.Property(m => m.RecipientName).HasMaxLength(200);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.TimeZone).HasMaxLength(64);
        builder.Property(m => m.UniqueKey).HasMaxLength(700);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.SupersededReason).HasMaxLength(64);

        // A claim counts an attempt: updating a row on the count read keeps two claims from both taking it.
        builder.Property(m => m.Attempts).IsConcurrencyToken();
        builder.HasIndex(m => m.UniqueKey).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
