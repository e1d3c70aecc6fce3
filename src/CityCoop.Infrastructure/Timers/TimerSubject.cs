using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Workflows;

namespace CityCoop.Infrastructure.Timers;

/// <summary>
/// The subject a timer's notice is about, as the notice and the scope rule read it: its module (hooks, subject type), id,
/// title and organisations. A reminder needs no more, so it can come from the module's summaries, read for a whole sweep.
/// </summary>
/// <param name="Module">The subject's module.</param>
/// <param name="SubjectId">The subject's id.</param>
/// <param name="Title">The subject's title, shown in the notice.</param>
/// <param name="Subject">The subject as the scope rule sees it (owner and partner organisations).</param>
internal sealed record TimerSubject(IWorkflowModule Module, Guid SubjectId, string Title, IOrganizationSubject Subject)
{
    /// <summary>The subject of a record loaded for a step.</summary>
    public static TimerSubject Of(WorkflowRecord record) => new(record.Module, record.SubjectId, record.Subject.Title, record.Subject.Subject);
}
