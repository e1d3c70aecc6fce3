namespace CityCoop.Infrastructure.Pipeline;

/// <summary>Which open proposals the pipeline shows and in what order; null means "any".</summary>
/// <param name="State">Only this workflow state.</param>
/// <param name="FiscalYear">Only this fiscal year.</param>
/// <param name="OverdueOnly">Only rows whose open task is past its due date.</param>
/// <param name="Sort">The order.</param>
public sealed record PipelineFilter(string? State = null, int? FiscalYear = null, bool OverdueOnly = false, PipelineSort Sort = PipelineSort.Overdue);
