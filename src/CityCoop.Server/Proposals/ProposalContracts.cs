using System.Text.Json;
using System.Text.Json.Serialization;
using CityCoop.Domain;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Json;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Expenses;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Timers;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Server.Proposals;

/// <summary>An amount with its currency, e.g. <c>{"amount": 3000000, "currency": "JPY"}</c>.</summary>
public sealed record MoneyDto(decimal Amount, Currency Currency);

/// <summary>
/// An amount with its currency as a request gives it, e.g. <c>{"amount": 3000000, "currency": "JPY"}</c>: both are required
/// (a missing currency is refused, never taken as JPY); the currency is <c>JPY</c> or <c>CNY</c> by name; the amount follows
/// the money rule of its currency (<see cref="Money.WhyNotValid"/>).
/// </summary>
public sealed record MoneyRequest(decimal? Amount, Currency? Currency)
{
    /// <summary>The money, or a <see cref="DomainRuleException"/> (<c>input-required</c>) naming <c>{field}.amount</c> or <c>{field}.currency</c>.</summary>
    public Money ToMoney(string field) => new(
        Amount ?? throw Required($"{field}.amount", "e.g. 3000000"),
        Currency ?? throw Required($"{field}.currency", "JPY or CNY"));

    private static DomainRuleException Required(string field, string hint) =>
        new(field, DomainText.Of("input-required", $"{field} is required: {hint}.", ("field", field)));
}

/// <summary>
/// How a recorded activity was voided (action <c>void-activity</c>): when (UTC), by whom (user id and display name as it
/// was then) and why. A voided activity no longer counts in the spent amount or the fiscal-year report.
/// </summary>
public sealed record VoidDto(DateTimeOffset At, string By, string ByName, string Reason);

/// <summary>
/// Body of <c>POST /api/proposals</c> and <c>PUT /api/proposals/{id}</c>: the fields of step 1 of programme.md "The path of a proposal".
/// Enum values are kebab-case names only (<c>government-staff</c>, <c>new</c>, <c>training-visit</c>; numbers are refused);
/// a key given twice is refused. Texts follow <see cref="TextLimits"/> and <see cref="TextRules"/>.
/// </summary>
public sealed record ProposalRequest(
    string? Title,
    string? Description,
    IReadOnlyList<string>? PartnerCityCodes,
    CooperationStrand? Strand,
    GovernmentLevel? Level,
    CooperationKind? CooperationKind,
    IReadOnlyList<string>? WishedItems,
    IReadOnlyList<string>? OfferedItems,
    IReadOnlyList<ActivityKind>? PlannedActivities,
    [property: JsonConverter(typeof(FiscalYearJsonConverter))] int? FiscalYear,
    MoneyRequest? RequestedAmount)
{
    /// <summary>The draft, or a <see cref="DomainRuleException"/> (<c>input-required</c>) naming the first missing field.</summary>
    public ProposalDraft ToDraft() => new(
        Title ?? string.Empty,
        Description ?? string.Empty,
        PartnerCityCodes ?? [],
        Strand ?? throw Required("strand", "government-staff or enterprise"),
        Level ?? GovernmentLevel.Local,
        CooperationKind ?? throw Required("cooperationKind", "new, strengthened or continuing"),
        WishedItems ?? [],
        OfferedItems ?? [],
        PlannedActivities ?? [],
        FiscalYear ?? throw Required("fiscalYear", "e.g. 2015"),
        RequestedAmount?.ToMoney("requestedAmount") ?? throw Required("requestedAmount", "e.g. {\"amount\": 3000000, \"currency\": \"JPY\"}"));

    private static DomainRuleException Required(string field, string hint) =>
        new(field, DomainText.Of("input-required", $"{field} is required: {hint}.", ("field", field)));
}

/// <summary>
/// An open task as shown to API clients; instants are UTC (ISO 8601 with offset). A task open to both countries (the
/// platform matching) is due at the end of a working day in each: <c>dueAt</c> is the one of the caller's country
/// (<c>dueCountry</c>), <c>otherDueDates</c> those of the others. <c>dueProvisional</c> is set when the due date rests on a
/// holiday calendar computed from the law because that year's official schedule is not published yet (code
/// <c>due-provisional</c>, arguments <c>country</c> and <c>year</c>).
/// </summary>
public sealed record TaskDto(
    Guid Id,
    string Name,
    string State,
    WorkflowRole Role,
    WorkflowScope Scope,
    string? OrganizationCode,
    DateTimeOffset OpenedAt,
    DateTimeOffset? DueAt,
    string? DueCountry,
    DomainText? DueProvisional,
    IReadOnlyList<DueDateDto> OtherDueDates);

/// <summary>A task's due date in one country (<c>JP</c>, <c>CN</c>), UTC, with its provisional note when it has one.</summary>
public sealed record DueDateDto(string Country, DateTimeOffset DueAt, DomainText? Provisional);

/// <summary>An approval collected toward a parallel-approval action.</summary>
public sealed record ApprovalDto(string Action, string UserId, string OrganizationCode, DateTimeOffset At);

/// <summary>A proposal with its workflow state, as returned by <c>GET /api/proposals/{id}</c>.</summary>
public sealed record ProposalResponse(
    Guid Id,
    string Title,
    string Description,
    string ProposingCityCode,
    IReadOnlyList<string> PartnerCityCodes,
    CooperationStrand Strand,
    GovernmentLevel Level,
    CooperationKind CooperationKind,
    IReadOnlyList<string> WishedItems,
    IReadOnlyList<string> OfferedItems,
    IReadOnlyList<ItemMatch> MatchedItems,
    IReadOnlyList<ActivityKind> PlannedActivities,
    int FiscalYear,
    MoneyDto RequestedAmount,
    MoneyDto? ApprovedAmount,
    MoneyDto SpentAmount,
    MoneyDto? RemainingAmount,
    MoneyDto PlannedActivityCosts,
    string State,
    string WorkflowId,
    int WorkflowVersion,
    string ETag,
    IReadOnlyList<TaskDto> OpenTasks,
    IReadOnlyList<ApprovalDto> Approvals,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// Builds the response from a loaded record, with due dates as a reader of <paramref name="readerCountry"/> (JP, CN, or
    /// null) reads them. Money (programme.md "Funds"): <c>spentAmount</c> is the expenses paid by today and
    /// <c>remainingAmount</c> approved − every expense, both from <paramref name="money"/> (null: no expenses, as for a
    /// draft); <c>plannedActivityCosts</c> is the activities' planned costs, which are not spent.
    /// </summary>
    public static ProposalResponse From(ProposalRecord record, string? readerCountry, ExpenseSummary? money = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (p, i) = (record.Proposal, record.Instance);
        var currency = p.RequestedAmount.Currency;
        return new ProposalResponse(
            p.Id, p.Title, p.Description, p.ProposingCityCode, p.PartnerCityCodes, p.Strand, p.Level, p.CooperationKind,
            p.WishedItems, p.OfferedItems, p.MatchedItems, p.PlannedActivities, p.FiscalYear,
            new MoneyDto(p.RequestedAmount.Amount, currency),
            p.ApprovedAmount is { } a ? new MoneyDto(a.Amount, a.Currency) : null,
            new MoneyDto(money?.Spent ?? 0m, currency),
            p.ApprovedAmount is { } r ? new MoneyDto(money?.Remaining ?? r.Amount, r.Currency) : null,
            new MoneyDto(p.PlannedActivityCosts, currency),
            i.CurrentState, i.DefinitionId, i.Version, record.ETag,
            [.. i.OpenTasks.Select(t => TaskOf(t, readerCountry))],
            [.. i.Approvals.Select(x => new ApprovalDto(x.Action, x.UserId, x.OrganizationCode, x.At))],
            p.CreatedBy, p.CreatedAt);
    }

    /// <summary>The API shape of a task for a reader of a country (JP, CN, or null for the task's earliest due date).</summary>
    public static TaskDto TaskOf(WorkflowTask t, string? readerCountry)
    {
        ArgumentNullException.ThrowIfNull(t);
        var due = t.DueIn(readerCountry);
        var others = t.DueDates
            .Where(d => due is null || d.Place != due.Place)
            .Select(d => new DueDateDto(d.Place, d.At, BusinessDayCalendar.ProvisionalNote(d)))
            .ToList();
        return new TaskDto(t.Id, t.TaskName, t.State, t.Role, t.Scope, t.OrganizationCode, t.OpenedAt, due?.At, due?.Place is { Length: > 0 } place ? place : null, BusinessDayCalendar.ProvisionalNote(due), others);
    }
}

/// <summary>One row of the proposal list.</summary>
public sealed record ProposalSummary(Guid Id, string Title, string ProposingCityCode, IReadOnlyList<string> PartnerCityCodes, int FiscalYear, string State, MoneyDto RequestedAmount, DateTimeOffset CreatedAt);

/// <summary>A page of proposals: <c>total</c> rows match the filters, <c>items</c> holds page <c>page</c> (1-based).</summary>
public sealed record ProposalPage(int Total, int Page, int PageSize, IReadOnlyList<ProposalSummary> Items);

/// <summary>An action the caller may take now, with the inputs it needs.</summary>
public sealed record ActionDto(string Name, string Task, string? Target, IReadOnlyList<InputDefinition> Inputs, bool NeedsParallelApproval);

/// <summary>One journal entry; <c>inputs</c> is the JSON the action was given; <c>details</c> is English, <c>notes</c> the same as codes with arguments (empty on older entries).</summary>
public sealed record JournalEntryDto(int Sequence, DateTimeOffset At, string ActorUserId, string ActorName, JournalEntryKind Kind, string Action, string FromState, string ToState, string? Comment, JsonElement Inputs, string? Details, string? DateSource, IReadOnlyList<CityCoop.Workflows.DomainText> Notes);

/// <summary>Result of a committed action.</summary>
public sealed record ActionResultDto(WorkflowOutcome Outcome, string State, string ETag, int ApprovalsMissing, JournalEntryDto Entry);
