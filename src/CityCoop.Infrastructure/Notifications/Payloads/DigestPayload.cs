namespace CityCoop.Infrastructure.Notifications.Payloads;

/// <summary>A daily digest: the recipient's open tasks, each with its subject; the digest itself has no subject title.</summary>
/// <param name="Items">The open tasks, soonest due first.</param>
public sealed record DigestPayload(IReadOnlyList<DigestPayloadItem> Items) : NotificationPayload(SubjectTitle: null);

/// <summary>One open task of a digest.</summary>
/// <param name="ProposalId">The subject's id (rows written before <see cref="Path"/> link to the proposal of this id).</param>
/// <param name="ProposalTitle">The subject's title.</param>
/// <param name="TaskName">The task's name in the definition.</param>
/// <param name="DueAt">When it is due for the recipient, UTC.</param>
/// <param name="DueProvisionalYear">The provisional calendar year of the due date, or null.</param>
/// <param name="DueCountry">The country the due date is counted in.</param>
/// <param name="IsOverdue">True when it is overdue.</param>
public sealed record DigestPayloadItem(Guid ProposalId, string ProposalTitle, string TaskName, DateTimeOffset DueAt, int? DueProvisionalYear, string DueCountry, bool IsOverdue)
{
    /// <summary>The application-relative link of the subject's page (e.g. <c>/memorandums/{id}</c>).</summary>
    public string? Path { get; init; }
}
