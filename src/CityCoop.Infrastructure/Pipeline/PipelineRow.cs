using CityCoop.Domain.Funding;

namespace CityCoop.Infrastructure.Pipeline;

/// <summary>
/// One open proposal in the pipeline: where it stands, since when, and what is due next.
/// </summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="Title">Its title.</param>
/// <param name="FiscalYear">Its fiscal year (April–March).</param>
/// <param name="ProposingCityCode">The proposing city.</param>
/// <param name="PartnerCityCodes">Its partners, lead first.</param>
/// <param name="State">The workflow state it is in (the step).</param>
/// <param name="StepSince">When it entered that state (UTC): the latest journal entry that moved it there, else the instance's start.</param>
/// <param name="DaysInStep">Calendar days from <paramref name="StepSince"/> to today, both as Tokyo dates (0 on the day it entered).</param>
/// <param name="OpenTask">The open task due first (its name in the definition), or null when no open task has a due date.</param>
/// <param name="DueAt">That task's due instant (UTC), or null.</param>
/// <param name="Overdue">True when <paramref name="DueAt"/> has passed.</param>
/// <param name="Requested">The requested amount with its currency.</param>
/// <param name="Approved">The approved amount (in the requested currency), or null before approval.</param>
public sealed record PipelineRow(
    Guid ProposalId,
    string Title,
    int FiscalYear,
    string ProposingCityCode,
    IReadOnlyList<string> PartnerCityCodes,
    string State,
    DateTimeOffset StepSince,
    int DaysInStep,
    string? OpenTask,
    DateTimeOffset? DueAt,
    bool Overdue,
    Money Requested,
    decimal? Approved);
