using CityCoop.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class SecurityAuditEntryConfiguration : IEntityTypeConfiguration<SecurityAuditEntry>
{
    public void Configure(EntityTypeBuilder<SecurityAuditEntry> builder)
    {
        builder.ToTable("security_audit");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Event).HasMaxLength(64);
        builder.Property(e => e.Channel).HasMaxLength(16);
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.Email).HasMaxLength(256);
        builder.Property(e => e.RemoteAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(512);
        builder.Property(e => e.Target).HasMaxLength(512);
        builder.Property(e => e.Details).HasMaxLength(1000);

        // The admin reads newest first, often by kind.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.Event, e.At });
    }
}
