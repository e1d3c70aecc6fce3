using CityCoop.Domain.FiscalYears;
using CityCoop.Infrastructure.Pipeline;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;

namespace CityCoop.Server.Pipeline;

/// <summary>
/// Reads the pipeline's query string, shared by <c>GET /api/pipeline</c> and the <c>/pipeline</c> page so their links
/// mean the same: <c>state</c> (an open state of the proposal workflow), <c>fiscalYear</c> (<c>2026</c>, <c>FY2026</c>,
/// <c>令和8年度</c>), <c>overdue</c> (<c>true</c>/<c>false</c>), <c>sort</c> (<c>overdue</c>, <c>days</c>, <c>due</c>, <c>amount</c>).
/// </summary>
public static class PipelineParameters
{
    /// <summary>The sort names the query string takes.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["overdue", "days", "due", "amount"];

    /// <summary>The filter for the given values; empty values mean "any" and the default order.</summary>
    /// <exception cref="DomainRuleException"><c>unknown-choice</c> on <c>state</c>, <c>overdue</c> or <c>sort</c>; <c>fiscal-year-format</c> on <c>fiscalYear</c>.</exception>
    public static PipelineFilter Parse(WorkflowDefinition definition, string? state, string? fiscalYear, string? overdue, string? sort)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var open = OpenStates(definition);
        string? chosenState = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            chosenState = state.Trim();
            if (!open.Contains(chosenState))
            {
                throw Unknown("state", chosenState, open);
            }
        }

        var year = FiscalYearParameter.Parse(fiscalYear, (ProgrammeYears.First, ProgrammeYears.Last));

        var overdueOnly = overdue?.Trim().ToLowerInvariant() switch
        {
            null or "" or "false" => false,
            "true" => true,
            _ => throw Unknown("overdue", overdue, ["true", "false"]),
        };
        var order = sort?.Trim().ToLowerInvariant() switch
        {
            null or "" or "overdue" => PipelineSort.Overdue,
            "days" => PipelineSort.Days,
            "due" => PipelineSort.Due,
            "amount" => PipelineSort.Amount,
            _ => throw Unknown("sort", sort!, Sorts),
        };
        return new PipelineFilter(chosenState, year, overdueOnly, order);
    }

    /// <summary>The states a proposal can be open in, in the definition's order.</summary>
    public static IReadOnlyList<string> OpenStates(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return [.. definition.States.Where(s => !s.IsFinal).Select(s => s.Name)];
    }

    /// <summary>The states in which a proposal is finished.</summary>
    public static IReadOnlyList<string> FinalStates(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return [.. definition.States.Where(s => s.IsFinal).Select(s => s.Name)];
    }

    /// <summary>The query-string name of an order.</summary>
    public static string Name(PipelineSort sort) => Sorts[(int)sort];

    private static DomainRuleException Unknown(string field, string value, IEnumerable<string> allowed) =>
        new(field, DomainText.UnknownChoice(field, value, allowed));
}
