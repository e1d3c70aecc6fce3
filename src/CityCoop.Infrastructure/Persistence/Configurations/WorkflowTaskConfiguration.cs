using CityCoop.Domain.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowTaskConfiguration : IEntityTypeConfiguration<WorkflowTask>
{
    public void Configure(EntityTypeBuilder<WorkflowTask> builder)
    {
        builder.ToTable("workflow_tasks");
        builder.HasKey(t => t.Id);

        // Ids are assigned in the domain, so EF must treat an unknown one in a collection as new, not as an update.
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TaskName).HasMaxLength(100);
        builder.Property(t => t.State).HasMaxLength(100);
        builder.Property(t => t.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Scope).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.OrganizationCode).HasMaxLength(80);
        builder.Property(t => t.ClosedByAction).HasMaxLength(100);

        // The inbox query: open tasks of a role, oldest due first.
        builder.HasIndex(t => new { t.ClosedAt, t.Role, t.DueAt });
    }
}
