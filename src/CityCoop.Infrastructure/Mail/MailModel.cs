namespace CityCoop.Infrastructure.Mail;

/// <summary>The notification kinds, each with its own template; the strings are stored in the outbox's <c>Kind</c> column.</summary>
public static class MailKinds
{
    /// <summary>A new task for the recipient: proposal, step, due date.</summary>
    public const string TaskOpened = "task-opened";

    /// <summary>A task is due soon, or overdue (<see cref="MailModel.IsOverdue"/>).</summary>
    public const string Reminder = "reminder";

    /// <summary>To a supervisor: a task is overdue by <see cref="MailModel.OverdueBusinessDays"/> business days.</summary>
    public const string Escalation = "escalation";

    /// <summary>A notice before the fiscal-year end (<see cref="MailModel.DueAt"/>) to a proposal still in fund execution.</summary>
    public const string FiscalYearEnd = "fiscal-year-end";

    /// <summary>The daily list of open tasks (<see cref="MailModel.DigestItems"/>).</summary>
    public const string Digest = "digest";

    /// <summary>A decision was taken on a step the recipient follows (e.g. the ministry approved or returned).</summary>
    public const string DecisionMade = "decision-made";

    /// <summary>
    /// To an approver: their approval (<see cref="MailModel.ApprovalActionName"/>) was withdrawn because what they approved
    /// changed (<see cref="MailModel.Changes"/>, by <see cref="MailModel.ChangedBy"/>); the task needs it again.
    /// </summary>
    public const string ApprovalWithdrawn = "approval-withdrawn";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [TaskOpened, Reminder, Escalation, FiscalYearEnd, Digest, DecisionMade, ApprovalWithdrawn];
}

/// <summary>
/// What a template shows. Values that came from users (names, titles, step names) are escaped in HTML.
/// Not every field is used by every kind: see <see cref="MailKinds"/>.
/// </summary>
public sealed record MailModel
{
    /// <summary>The recipient's display name.</summary>
    public required string RecipientName { get; init; }

    /// <summary>The recipient's IANA time zone (e.g. <c>Asia/Tokyo</c>); every instant is shown in it, with the zone named.</summary>
    public required string TimeZoneId { get; init; }

    /// <summary>
    /// The subject type of the workflow subject the notice is about (e.g. <c>proposal</c>, <c>memorandum</c>), which names it
    /// in the text ("the proposal “…”"); null for the digest, and a type without wording of its own is named by its title alone.
    /// </summary>
    public string? SubjectType { get; init; }

    /// <summary>The subject's title (all kinds but the digest).</summary>
    public string? SubjectTitle { get; init; }

    /// <summary>The link to the subject's page (all kinds but the digest).</summary>
    public Uri? SubjectUrl { get; init; }

    /// <summary>The state or step name of the task.</summary>
    public string? StepName { get; init; }

    /// <summary>The due instant (UTC) of the task, or the fiscal-year end for <see cref="MailKinds.FiscalYearEnd"/>.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// When <see cref="DueAt"/> rests on a holiday calendar computed from the law: the country (<c>JP</c>, <c>CN</c>) whose
    /// official schedule for <see cref="DueProvisionalYear"/> is not published yet; null otherwise.
    /// </summary>
    public string? DueProvisionalCountry { get; init; }

    /// <summary>The year of <see cref="DueProvisionalCountry"/>'s unpublished holiday schedule, or null.</summary>
    public int? DueProvisionalYear { get; init; }

    /// <summary>For a reminder: whether the task is already overdue.</summary>
    public bool IsOverdue { get; init; }

    /// <summary>For an escalation: how many business days the task is overdue.</summary>
    public int OverdueBusinessDays { get; init; }

    /// <summary>For an escalation: who holds the overdue task.</summary>
    public string? AssigneeName { get; init; }

    /// <summary>The action that closed the step, e.g. <c>approve</c> (decision-made).</summary>
    public string? ActionName { get; init; }

    /// <summary>For a decision to approve: the approved amount (programme.md "The path of a proposal", step 3: the ministry may approve less than requested).</summary>
    public decimal? ApprovedAmount { get; init; }

    /// <summary>For a decision: the requested amount, shown next to the approved one.</summary>
    public decimal? RequestedAmount { get; init; }

    /// <summary>Currency code of the amounts, e.g. <c>JPY</c>.</summary>
    public string? Currency { get; init; }

    /// <summary>For a decision: the decider's comment (the reason for a return or rejection), verbatim from the user.</summary>
    public string? Comment { get; init; }

    /// <summary>For a digest: the recipient's open tasks.</summary>
    public IReadOnlyList<DigestItem> DigestItems { get; init; } = [];

    /// <summary>For a withdrawn approval: the approved action's display name in the recipient's language, e.g. マッチング承認.</summary>
    public string? ApprovalActionName { get; init; }

    /// <summary>For a withdrawn approval: who made the change that withdrew it.</summary>
    public string? ChangedBy { get; init; }

    /// <summary>For a withdrawn approval: what changed; empty when only the fact of a change is known.</summary>
    public IReadOnlyList<MailChange> Changes { get; init; } = [];
}

/// <summary>One change that withdrew an approval.</summary>
/// <param name="Kind"><see cref="Partner"/>, <see cref="Matches"/> or <see cref="CooperationKind"/>.</param>
/// <param name="From">
/// Before: partner cities named in the recipient's language, the matched items no longer matched, or the cooperation
/// kind (<c>New</c>, <c>Strengthened</c>, <c>Continuing</c>, worded by the template).
/// </param>
/// <param name="To">After, in the same form: the new partner cities, the newly matched items, the new kind.</param>
public sealed record MailChange(string Kind, string? From, string? To)
{
    /// <summary>The partner cities changed.</summary>
    public const string Partner = "partner";

    /// <summary>The matched items changed.</summary>
    public const string Matches = "matches";

    /// <summary>The cooperation kind was corrected.</summary>
    public const string CooperationKind = "cooperation-kind";
}

/// <summary>One open task in a digest.</summary>
/// <param name="Title">The subject's title.</param>
/// <param name="Url">The link to the subject's page.</param>
/// <param name="StepName">The state or step name.</param>
/// <param name="DueAt">The due instant, UTC.</param>
/// <param name="IsOverdue">Whether the task is overdue.</param>
/// <param name="ProvisionalCountry">The country whose unpublished holiday schedule makes the due date provisional, or null.</param>
/// <param name="ProvisionalYear">That schedule's year, or null.</param>
public sealed record DigestItem(string Title, Uri Url, string StepName, DateTimeOffset DueAt, bool IsOverdue, string? ProvisionalCountry = null, int? ProvisionalYear = null);

/// <summary>A rendered template.</summary>
/// <param name="Language">The language used (zh-CN, ja-JP or en).</param>
/// <param name="Subject">The subject line.</param>
/// <param name="HtmlBody">The HTML body; user values are escaped.</param>
/// <param name="TextBody">The plain-text alternative; user values verbatim.</param>
public sealed record RenderedMail(string Language, string Subject, string HtmlBody, string TextBody);
