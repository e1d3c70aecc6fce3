namespace CityCoop.Workflows;

/// <summary>One thing wrong with a definition file.</summary>
/// <param name="Path">JSON path of the offending value, e.g. <c>$.states[2].tasks[0].actions[1].guards[0]</c>.</param>
/// <param name="Reason">What is wrong.</param>
public sealed record WorkflowDefinitionProblem(string Path, string Reason)
{
    /// <summary>The problem as <c>path: reason</c>.</summary>
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>A definition file was refused; the message names the file and every problem with its JSON path and reason.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    /// <summary>Creates the exception for a file and its problems.</summary>
    public WorkflowDefinitionException(string file, IReadOnlyList<WorkflowDefinitionProblem> problems)
        : base(Format(file, problems))
    {
        File = file;
        Problems = problems;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public WorkflowDefinitionException(string message)
        : this(message, (Exception?)null)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WorkflowDefinitionException(string message, Exception? innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Problems = [];
    }

    /// <summary>Creates the exception without details.</summary>
    public WorkflowDefinitionException()
        : this("The workflow definition was refused.")
    {
    }

    /// <summary>The refused file.</summary>
    public string File { get; }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<WorkflowDefinitionProblem> Problems { get; }

    private static string Format(string file, IReadOnlyList<WorkflowDefinitionProblem> problems) =>
        $"Workflow definition {file} refused ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):"
        + string.Concat(problems.Select(p => $"{Environment.NewLine}  {file} {p.Path}: {p.Reason}"));
}
