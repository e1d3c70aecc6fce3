using CityCoop.Infrastructure.Mail;

namespace CityCoop.Infrastructure.Notifications.Payloads;

/// <summary>An approval no longer counts because what it approved changed.</summary>
/// <param name="SubjectTitle">The subject's title.</param>
/// <param name="TaskName">The task of the approved action.</param>
/// <param name="Action">The approved action, e.g. <c>match</c>.</param>
/// <param name="ChangedBy">Who changed it.</param>
/// <param name="Changes">What changed, named in the recipient's language.</param>
public sealed record ApprovalWithdrawnPayload(string SubjectTitle, string TaskName, string Action, string ChangedBy, IReadOnlyList<MailChange> Changes)
    : NotificationPayload(SubjectTitle);
