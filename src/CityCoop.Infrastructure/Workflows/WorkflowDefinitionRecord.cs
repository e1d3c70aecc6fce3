namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// One stored version of a workflow definition file. A new version is stored whenever the file's content hash
/// changes; versions are never edited or deleted because instances stay pinned to them.
/// </summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>Stable definition id, e.g. <c>cooperation-proposal</c>.</summary>
    public required string DefinitionId { get; init; }

    /// <summary>Version number, 1 for the first file seen, then +1 for each changed content.</summary>
    public required int Version { get; init; }

    /// <summary>SHA-256 of the file's content (hex).</summary>
    public required string ContentHash { get; init; }

    /// <summary>The definition JSON as loaded.</summary>
    public required string Json { get; init; }

    /// <summary>File the version was loaded from.</summary>
    public required string FileName { get; init; }

    /// <summary>When the version was stored (UTC).</summary>
    public required DateTimeOffset LoadedAt { get; init; }
}
