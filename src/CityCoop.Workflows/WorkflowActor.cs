namespace CityCoop.Workflows;

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

/// <summary>
/// What the engine needs from the thing a workflow runs for (e.g. a proposal): its named dates, the places whose calendars
/// count due dates, and what an approval approves. Scopes read the rest of it through the module's resolvers
/// (<see cref="WorkflowHooks.AddScope"/>).
/// </summary>
public interface IWorkflowSubject
{
    /// <summary>Returns the named date (e.g. <c>fiscal-year-end</c>) as an instant, or null when the subject has none.</summary>
    DateTimeOffset? GetDate(string source);

    /// <summary>
    /// The places whose calendars count a task of this scope's due date (for proposals the countries of the organisations
    /// the scope resolves to: JP and CN for either platform), distinct; empty when the subject keeps no calendars, and
    /// then due dates are counted in plain calendar days.
    /// </summary>
    IReadOnlyList<string> PlacesOf(WorkflowScope scope) => [];

    /// <summary>
    /// A stable digest of the content an approval approves (for proposals: partner cities, matched items, amounts and the
    /// editable fields), equal for equal content whatever the order of unordered lists or the scale of stored amounts.
    /// The engine stores it with each approval and counts an approval only while it still equals the current one.
    /// </summary>
    string ApprovalFingerprint();
}
