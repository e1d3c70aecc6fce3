using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> builder)
    {
        builder.ToTable("workflow_instances");
        builder.HasKey(i => i.Id);

        // Ids are assigned in the domain, so EF must treat an unknown one in a collection as new, not as an update.
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.DefinitionId).HasMaxLength(100);
        builder.Property(i => i.CurrentState).HasMaxLength(100);

        // Every successful action increments Revision, so a concurrent second writer fails its UPDATE … WHERE Revision = n.
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.Property<string>(CityCoopDbContext.InstanceSubjectType).HasMaxLength(50).IsRequired();
        builder.Property<Guid>(CityCoopDbContext.InstanceSubjectId);
        builder.HasIndex(CityCoopDbContext.InstanceSubjectType, CityCoopDbContext.InstanceSubjectId).IsUnique();
        builder.HasIndex(i => new { i.DefinitionId, i.Version, i.CurrentState });

        // Lists filtered by state (the proposal list's state=…) find their subjects here without reading the instances
        // (README "Scaling": the list with 100,000 proposals).
        builder.HasIndex(CityCoopDbContext.InstanceSubjectType, nameof(WorkflowInstance.CurrentState), CityCoopDbContext.InstanceSubjectId);

        builder.HasMany(i => i.Tasks).WithOne().HasForeignKey("InstanceId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Tasks).HasField("_tasks").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(i => i.Approvals).WithOne().HasForeignKey("InstanceId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Approvals).HasField("_approvals").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(i => i.Journal).WithOne().HasForeignKey("InstanceId").OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(i => i.Journal).HasField("_journal").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(i => i.OpenTasks);
    }
}
