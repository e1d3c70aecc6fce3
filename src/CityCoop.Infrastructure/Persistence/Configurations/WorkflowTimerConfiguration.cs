using CityCoop.Infrastructure.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowTimerConfiguration : IEntityTypeConfiguration<WorkflowTimer>
{
    public void Configure(EntityTypeBuilder<WorkflowTimer> builder)
    {
        builder.ToTable("workflow_timers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.TaskName).HasMaxLength(100);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);

        // Every change through a tracked timer is UPDATE … WHERE "Status" = <the status read>: a sweep cannot fire a timer a
        // step cancelled meanwhile (its transaction fails and writes no reminder), and steps cancel with a conditional
        // UPDATE … WHERE "Status" = 'Pending' of their own, which leaves a fired timer fired.
        builder.Property(t => t.Status).IsConcurrencyToken();
        builder.Property(t => t.Country).HasConversion<string>().HasMaxLength(2);
        builder.Property(t => t.LastError).HasMaxLength(2000);

        // A sweep reads only due pending rows, so its cost follows due work, not the number of open instances.
        builder.HasIndex(t => new { t.Status, t.FireAt });
        builder.HasIndex(t => t.TaskId);
    }
}
