namespace CityCoop.Domain.Workflows;

/// <summary>The person taking an action, with the roles and the one organisation they act for.</summary>
/// <param name="UserId">Stable user id, used by four-eyes and by approvals to tell people apart.</param>
/// <param name="DisplayName">Name written to the journal.</param>
/// <param name="Roles">Roles the user holds; admin grants no organisation scope.</param>
/// <param name="OrganizationCode">Fixed organisation code: <c>city:&lt;code&gt;</c>, <c>platform:jp</c>, <c>platform:cn</c>, <c>ministry:jp</c>, <c>ministry:cn</c>.</param>
/// <param name="OrganizationKind">Kind of the organisation.</param>
/// <param name="Country">JP, CN, or null when the organisation has no country.</param>
public sealed record WorkflowActor(
    string UserId,
    string DisplayName,
    IReadOnlySet<WorkflowRole> Roles,
    string OrganizationCode,
    OrganizationKind OrganizationKind,
    string? Country);

/// <summary>Kind of organisation an actor belongs to.</summary>
public enum OrganizationKind
{
    /// <summary>A Japanese or Chinese city, prefecture or province.</summary>
    City,

    /// <summary>A cooperation platform.</summary>
    Platform,

    /// <summary>A ministry.</summary>
    Ministry,

    /// <summary>The operator of the system.</summary>
    Admin,
}

/// <summary>What the engine needs from the thing a workflow runs for (a proposal): its organisations and named dates.</summary>
public interface IWorkflowSubject
{
    /// <summary>Organisation code of the owning city, e.g. <c>city:shanghai</c>.</summary>
    string OrganizationCode { get; }

    /// <summary>Organisation codes of the partner cities, lead first; empty when none is set yet.</summary>
    IReadOnlyList<string> PartnerOrganizationCodes { get; }

    /// <summary>Returns the named date (e.g. <c>fiscal-year-end</c>) as an instant, or null when the subject has none.</summary>
    DateTimeOffset? GetDate(string source);

    /// <summary>
    /// The places whose calendars count a task of this scope's due date (for proposals the countries of the organisations
    /// the scope resolves to: JP and CN for either platform), distinct; empty when the subject keeps no calendars.
    /// </summary>
    IReadOnlyList<string> PlacesOf(WorkflowScope scope) => [];

    /// <summary>
    /// A stable digest of the content an approval approves (for proposals: partner cities, matched items, amounts and the
    /// editable fields), equal for equal content whatever the order of unordered lists or the scale of stored amounts.
    /// The engine stores it with each approval and counts an approval only while it still equals the current one.
    /// </summary>
    string ApprovalFingerprint();
}

/// <summary>The fixed organisation codes and the rule that matches an actor to a scope.</summary>
public static class OrganizationCodes
{
    /// <summary>The Japanese platform.</summary>
    public const string PlatformJp = Organizations.Organization.JapanesePlatform;

    /// <summary>The Chinese platform.</summary>
    public const string PlatformCn = Organizations.Organization.ChinesePlatform;

    /// <summary>The Japanese Ministry of the Environment.</summary>
    public const string MinistryJp = Organizations.Organization.JapaneseMinistry;

    /// <summary>The Chinese Ministry of Environmental Protection.</summary>
    public const string MinistryCn = Organizations.Organization.ChineseMinistry;

    /// <summary>Builds the organisation code of a city, e.g. <c>city:shanghai</c>.</summary>
    public static string City(string cityCode) => Organizations.Organization.CodeForCity(cityCode);

    /// <summary>Organisations a scope resolves to for a subject; empty for <see cref="WorkflowScope.AnyOrganization"/>.</summary>
    public static IReadOnlyList<string> Resolve(WorkflowScope scope, IWorkflowSubject subject) => scope switch
    {
        WorkflowScope.ProposalCity => [subject.OrganizationCode],
        WorkflowScope.PartnerCity => subject.PartnerOrganizationCodes,
        WorkflowScope.PlatformAny => [PlatformJp, PlatformCn],
        WorkflowScope.PlatformJp => [PlatformJp],
        WorkflowScope.PlatformCn => [PlatformCn],
        WorkflowScope.MinistryJp => [MinistryJp],
        WorkflowScope.MinistryCn => [MinistryCn],
        WorkflowScope.AnyOrganization => [],
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown scope."),
    };

    /// <summary>The single organisation a task is assigned to, or null when several (or any) may act.</summary>
    public static string? ResolveSingle(WorkflowScope scope, IWorkflowSubject subject) =>
        scope is WorkflowScope.PartnerCity or WorkflowScope.AnyOrganization or WorkflowScope.PlatformAny
            ? null
            : Resolve(scope, subject)[0];

    /// <summary>True when the actor's organisation is in the scope; roles are checked separately and admin bypasses nothing.</summary>
    public static bool InScope(WorkflowActor actor, WorkflowScope scope, IWorkflowSubject subject) =>
        scope == WorkflowScope.AnyOrganization
        || Resolve(scope, subject).Contains(actor.OrganizationCode, StringComparer.Ordinal);

    /// <summary>True when the actor holds the role and belongs to the scope.</summary>
    public static bool Qualifies(WorkflowActor actor, WorkflowRole role, WorkflowScope scope, IWorkflowSubject subject) =>
        actor.Roles.Contains(role) && InScope(actor, scope, subject);
}
