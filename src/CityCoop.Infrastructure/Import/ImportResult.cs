namespace CityCoop.Infrastructure.Import;

/// <summary>
/// The outcome of an import: either problems (and nothing written) or counts of rows added, updated and left
/// unchanged because the database already held them.
/// </summary>
public sealed record ImportResult(IReadOnlyList<ImportProblem> Problems, int Added, int Updated, int Unchanged)
{
    /// <summary>True when nothing was wrong and the import was committed.</summary>
    public bool Succeeded => Problems.Count == 0;

    /// <summary>A failed result carrying its problems.</summary>
    public static ImportResult Failed(IReadOnlyList<ImportProblem> problems) => new(problems, 0, 0, 0);
}
