using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>What became of a step on a workflow subject; the API maps each case to an HTTP status.</summary>
public abstract record StepOutcome
{
    /// <summary>The step was committed: state, journal, tasks, timers and notifications together.</summary>
    public sealed record Done(WorkflowRecord Record, WorkflowSuccess Result) : StepOutcome;

    /// <summary>A draft edit was saved (the module's own edit, outside the engine).</summary>
    public sealed record Edited(WorkflowRecord Record) : StepOutcome;

    /// <summary>The engine refused the step; nothing was written.</summary>
    public sealed record Refused(WorkflowFailure Failure) : StepOutcome;

    /// <summary>The caller's <c>If-Match</c> names an older revision; nothing was written (HTTP 412).</summary>
    public sealed record Stale(string CurrentETag) : StepOutcome;

    /// <summary>Another step on the same subject committed first; nothing was written (HTTP 409).</summary>
    public sealed record Conflict(string Message) : StepOutcome;

    /// <summary>No such subject, or not visible to the caller (HTTP 404).</summary>
    public sealed record NotFound : StepOutcome;
}
