namespace CityCoop.Infrastructure.Workflows;

/// <summary>Where the workflow definition files and their JSON Schema are read from at start-up.</summary>
public sealed class WorkflowOptions
{
    /// <summary>Absolute folder path.</summary>
    public string Folder { get; set; } = string.Empty;
}
