using System.Text.Json;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowTaskConfiguration : IEntityTypeConfiguration<WorkflowTask>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<WorkflowTask> builder)
    {
        builder.ToTable("workflow_tasks");
        builder.HasKey(t => t.Id);

        // Ids are assigned in the domain, so EF must treat an unknown one in a collection as new, not as an update.
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TaskName).HasMaxLength(100);
        builder.Property(t => t.State).HasMaxLength(100);
        // Role and scope are the names the definition uses (migration WorkflowNamesAsDeclared rewrote the enum names of before).
        builder.Property(t => t.Role).HasConversion(r => r.Name, s => new WorkflowRole(s)).HasMaxLength(32);
        builder.Property(t => t.Scope).HasConversion(r => r.Name, s => new WorkflowScope(s)).HasMaxLength(32);
        builder.Property(t => t.OrganizationCode).HasMaxLength(80);
        builder.Property(t => t.ClosedByAction).HasMaxLength(100);

        // Per-place due dates are read and written with their task only, never queried into: one JSON text column.
        builder.Property(t => t.DueDates)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<TaskDueDate>>(v, Json) ?? new List<TaskDueDate>(),
                new ValueComparer<IReadOnlyList<TaskDueDate>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, d) => HashCode.Combine(h, d.GetHashCode())), v => v.ToList()))
            .HasColumnName("DueDates");

        // Open tasks only (the inbox's count and its page in due order, the digest's read of every open task); on
        // PostgreSQL the scope columns are carried in the index so the inbox's count is an index-only scan. It replaced an
        // index on (ClosedAt, Role, DueAt) that every step kept up to date for the same reads.
        builder.HasIndex(t => new { t.Role, t.DueAt, t.OpenedAt, t.Id }, "IX_workflow_tasks_Open_Inbox")
            .HasFilter("\"ClosedAt\" IS NULL")
            .IncludeProperties(t => new { t.OrganizationCode, t.Scope, t.IsStanding });
    }
}
