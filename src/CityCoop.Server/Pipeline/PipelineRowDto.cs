using CityCoop.Infrastructure.Pipeline;

namespace CityCoop.Server.Pipeline;

/// <summary>
/// One row of <c>GET /api/pipeline</c>: the proposal, its step (<c>state</c> and its display name in the request's
/// language), when the step began (UTC) and the calendar days since (Tokyo dates), the open task due first with its due
/// instant (UTC) and whether it is overdue, and the requested and approved amounts (JSON numbers, in <c>currency</c>).
/// </summary>
public sealed record PipelineRowDto(
    Guid Id,
    string Title,
    int FiscalYear,
    string ProposingCity,
    IReadOnlyList<string> PartnerCities,
    string State,
    string StateName,
    DateTimeOffset StepSince,
    int DaysInStep,
    string? OpenTask,
    DateTimeOffset? DueAt,
    bool Overdue,
    string Currency,
    decimal Requested,
    decimal? Approved)
{
    /// <summary>The API shape of a row, the state named by <paramref name="stateName"/>.</summary>
    public static PipelineRowDto From(PipelineRow row, string stateName)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new PipelineRowDto(
            row.ProposalId, row.Title, row.FiscalYear, row.ProposingCityCode, row.PartnerCityCodes, row.State, stateName,
            row.StepSince, row.DaysInStep, row.OpenTask, row.DueAt, row.Overdue, row.Requested.Currency.ToString(), row.Requested.Amount, row.Approved);
    }
}
