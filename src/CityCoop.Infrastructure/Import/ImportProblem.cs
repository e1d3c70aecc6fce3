namespace CityCoop.Infrastructure.Import;

/// <summary>One thing wrong in an input file: file name, 1-based physical line, column name (or null for the whole row) and why.</summary>
public sealed record ImportProblem(string File, int Line, string? Column, string Message)
{
    /// <summary>"fy2014-training-visits.csv:4: column days: …".</summary>
    public override string ToString() =>
        Column is null ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: column {Column}: {Message}";
}
