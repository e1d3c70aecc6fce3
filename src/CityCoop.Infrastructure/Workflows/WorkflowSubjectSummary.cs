using CityCoop.Domain.WorkflowVocabulary;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>A subject as inboxes and digests list it.</summary>
/// <param name="SubjectType">The module's subject type, e.g. <c>proposal</c>.</param>
/// <param name="Id">The subject's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Path">The application-relative link of its page.</param>
/// <param name="FiscalYear">The fiscal year it belongs to, or null.</param>
/// <param name="Scope">The subject as the scope rule sees it (its own and its partners' organisations).</param>
public sealed record WorkflowSubjectSummary(string SubjectType, Guid Id, string Title, string Path, int? FiscalYear, IOrganizationSubject Scope);
