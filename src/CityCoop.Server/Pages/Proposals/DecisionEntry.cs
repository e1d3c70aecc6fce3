namespace CityCoop.Server.Pages.Proposals;

/// <summary>One line of the decision record: an approval or decision taken from the proposal's journal.</summary>
/// <param name="Action">The action (<c>match</c>, <c>approve</c>, <c>reject</c>, …).</param>
/// <param name="By">Who took it (display name then).</param>
/// <param name="Organization">Their organisation code when known (approvals carry it), else null.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Amount">The amount it approved, for <c>approve</c>; else null.</param>
/// <param name="Comment">The comment given, or null.</param>
public sealed record DecisionEntry(string Action, string By, string? Organization, DateTimeOffset At, decimal? Amount, string? Comment);
