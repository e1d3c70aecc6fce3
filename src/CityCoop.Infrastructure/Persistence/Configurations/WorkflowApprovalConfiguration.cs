using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowApprovalConfiguration : IEntityTypeConfiguration<WorkflowApproval>
{
    public void Configure(EntityTypeBuilder<WorkflowApproval> builder)
    {
        builder.ToTable("workflow_approvals");
        builder.HasKey(a => a.Id);

        // Ids are assigned in the domain, so EF must treat an unknown one in a collection as new, not as an update.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.OrganizationCode).HasMaxLength(80);
        builder.Property(a => a.ApproverName).HasMaxLength(200);

        // Lower-case hex SHA-256; null on approvals recorded before fingerprints were kept.
        builder.Property(a => a.Fingerprint).HasMaxLength(64);

        // One person counts once per action in a state visit, even if two requests race.
        builder.Property<Guid>("InstanceId");
        builder.HasIndex("InstanceId", nameof(WorkflowApproval.Action), nameof(WorkflowApproval.UserId)).IsUnique();
    }
}
