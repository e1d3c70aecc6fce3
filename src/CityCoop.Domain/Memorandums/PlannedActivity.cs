using CityCoop.Workflows;
using CityCoop.Domain.Activities;

namespace CityCoop.Domain.Memorandums;

/// <summary>How many activities of one kind the fiscal-year plan foresees (programme.md "Kinds of activity").</summary>
/// <param name="Kind">The activity kind.</param>
/// <param name="Count">How many; from 1 to <see cref="FiscalYearMemorandum.MaxActivityCount"/>.</param>
public sealed record PlannedActivity(ActivityKind Kind, int Count);
