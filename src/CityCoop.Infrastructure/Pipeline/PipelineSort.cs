namespace CityCoop.Infrastructure.Pipeline;

/// <summary>Orders of the pipeline; each has its one natural direction, ties broken by title.</summary>
public enum PipelineSort
{
    /// <summary>The default: overdue first, then most days in the step.</summary>
    Overdue,

    /// <summary>Most days in the step first.</summary>
    Days,

    /// <summary>Earliest due date first; rows without one last.</summary>
    Due,

    /// <summary>Largest requested amount first.</summary>
    Amount,
}
