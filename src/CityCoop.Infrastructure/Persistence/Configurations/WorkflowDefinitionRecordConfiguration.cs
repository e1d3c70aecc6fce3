using CityCoop.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityCoop.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowDefinitionRecordConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable("workflow_definitions");
        builder.HasKey(d => new { d.DefinitionId, d.Version });
        builder.Property(d => d.DefinitionId).HasMaxLength(100);
        builder.Property(d => d.ContentHash).HasMaxLength(64);
        builder.Property(d => d.FileName).HasMaxLength(260);
    }
}
