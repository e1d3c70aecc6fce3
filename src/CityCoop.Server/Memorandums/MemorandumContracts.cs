using System.Text.Json.Serialization;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Json;
using CityCoop.Domain.Memorandums;
using CityCoop.Infrastructure.Memorandums;
using CityCoop.Server.Proposals;
using CityCoop.Workflows;

namespace CityCoop.Server.Memorandums;

/// <summary>Body of <c>POST /api/memorandums</c>: the fiscal year, e.g. <c>{"fiscalYear": 2027}</c> (FY2014 to 2100).</summary>
public sealed record MemorandumRequest([property: JsonConverter(typeof(FiscalYearJsonConverter))] int? FiscalYear);

/// <summary>One row of <c>GET /api/memorandums</c>: dates are local calendar days (<c>yyyy-MM-dd</c>), null until recorded; the place is empty when not said.</summary>
public sealed record MemorandumSummary(Guid Id, int FiscalYear, string State, DateOnly? SignedOn, DateOnly? ConfirmedOn, string ConfirmedPlace)
{
    /// <summary>The row of a listed memorandum.</summary>
    public static MemorandumSummary From(MemorandumRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var m = row.Memorandum;
        return new MemorandumSummary(m.Id, m.FiscalYear, row.State, m.SignedOn, m.ConfirmedOn, m.ConfirmedPlace);
    }
}

/// <summary>A target pair of the plan by city codes: a Japanese city and a Chinese city.</summary>
public sealed record MemorandumPairDto(string Japanese, string Chinese);

/// <summary>How many activities of a kind (kebab-case, e.g. <c>local-seminar</c>) the plan foresees.</summary>
public sealed record MemorandumActivityDto(ActivityKind Kind, int Count);

/// <summary>A planned visit to a Chinese city (code) in a month written <c>yyyy-MM</c>.</summary>
public sealed record MemorandumVisitDto(string City, string Month);

/// <summary>
/// The plan in the shape the <c>record-plan</c> action takes as its <c>plan</c> input (empty lists until a plan is
/// recorded), so a client can send back what it read.
/// </summary>
public sealed record MemorandumPlanDto(IReadOnlyList<MemorandumPairDto> Pairs, IReadOnlyList<MemorandumActivityDto> Activities, IReadOnlyList<MemorandumVisitDto> Visits, string Summary)
{
    /// <summary>The plan of a memorandum.</summary>
    public static MemorandumPlanDto From(FiscalYearMemorandum memorandum)
    {
        ArgumentNullException.ThrowIfNull(memorandum);
        return new MemorandumPlanDto(
            [.. memorandum.Pairs.Select(p => new MemorandumPairDto(p.JapaneseCityCode, p.ChineseCityCode))],
            [.. memorandum.Activities.Select(a => new MemorandumActivityDto(a.Kind, a.Count))],
            [.. memorandum.Visits.Select(v => new MemorandumVisitDto(v.ChineseCityCode, v.MonthText))],
            memorandum.Summary);
    }
}

/// <summary>
/// A memorandum as <c>GET /api/memorandums/{id}</c> returns it: its plan, the dates of agreement, signature and
/// confirmation (local calendar days, null until recorded), its workflow state, open tasks (as in the proposal API, due
/// dates for the reader's country), the signatures collected in the current round, and the journal (entries for admins
/// only left out for others). <c>etag</c> is the value of the ETag header, for <c>If-Match</c>.
/// </summary>
public sealed record MemorandumResponse(
    Guid Id,
    int FiscalYear,
    string State,
    string WorkflowId,
    int WorkflowVersion,
    [property: JsonPropertyName("etag")] string ETag,
    MemorandumPlanDto Plan,
    DateOnly? AgreedOn,
    DateOnly? SignedOn,
    DateOnly? ConfirmedOn,
    string ConfirmedPlace,
    IReadOnlyList<TaskDto> Tasks,
    IReadOnlyList<ApprovalDto> Signatures,
    IReadOnlyList<JournalEntryDto> Journal,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    /// <summary>Builds the response for a reader of a country (JP, CN, or null); <paramref name="admin"/> also shows the entries for admins.</summary>
    public static MemorandumResponse From(MemorandumRecord record, string? readerCountry, bool admin)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (m, i) = (record.Memorandum, record.Instance);
        return new MemorandumResponse(
            m.Id, m.FiscalYear, i.CurrentState, i.DefinitionId, i.Version, record.ETag, MemorandumPlanDto.From(m),
            m.AgreedOn, m.SignedOn, m.ConfirmedOn, m.ConfirmedPlace,
            [.. i.OpenTasks.Select(t => ProposalResponse.TaskOf(t, readerCountry))],
            [.. WorkflowEngine.CountedApprovals(i, "sign", record.Subject).Select(a => new ApprovalDto(a.Action, a.UserId, a.OrganizationCode, a.At))],
            [.. i.Journal.Where(e => admin || !e.ForAdmins).OrderBy(e => e.Sequence).Select(StepResults.Journal)],
            m.CreatedBy, m.CreatedAt);
    }
}
