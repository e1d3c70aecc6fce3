using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Pipeline;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Pipeline;
using CityCoop.Server.Resources;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Mvc;

namespace CityCoop.Server.Pages.Pipeline;

/// <summary>
/// The pipeline (<c>/pipeline</c>) for platform and ministry staff: every open proposal with its step, days in it, the
/// open task's due date and an overdue mark, sortable and filterable by query string (the same parameters as
/// <c>GET /api/pipeline</c>, so a link keeps its view). Others get 403.
/// </summary>
public sealed class IndexModel(CityCoopDbContext db, WorkflowDefinitionCatalog catalog, TimeProvider time) : CityCoopPage
{
    /// <summary><c>state</c> as given.</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    /// <summary><c>fiscalYear</c> as given.</summary>
    [BindProperty(SupportsGet = true, Name = "fiscalYear")]
    public string? FiscalYear { get; set; }

    /// <summary><c>overdue</c> as given.</summary>
    [BindProperty(SupportsGet = true, Name = "overdue")]
    public string? Overdue { get; set; }

    /// <summary><c>sort</c> as given.</summary>
    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    /// <summary>The filter applied (the default one when the query could not be read).</summary>
    public PipelineFilter Filter { get; private set; } = new();

    /// <summary>Why the query was not applied, in the reader's language, or null.</summary>
    public string? FilterProblem { get; private set; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<PipelineRow> Rows { get; private set; } = [];

    /// <summary>The proposal workflow (state and task names).</summary>
    public WorkflowDefinition Definition => catalog.Latest(ProposalWorkflow.DefinitionId);

    /// <summary>The open states offered in the filter.</summary>
    public IReadOnlyList<string> OpenStates => PipelineParameters.OpenStates(Definition);

    /// <summary>Shows the pipeline; 403 for readers other than platform, ministry and admin.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Viewer.ReadsReports)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        try
        {
            Filter = PipelineParameters.Parse(Definition, State, FiscalYear, Overdue, Sort);
        }
        catch (DomainRuleException e)
        {
            FilterProblem = T["pipeline.badFilter", new EngineText(Viewer.Language, null, Viewer.City).Render(e.Text)];
        }

        Rows = await PipelineQuery.FindAsync(db, PipelineParameters.FinalStates(Definition), Filter, time.GetUtcNow(), ct);
        return Page();
    }

    /// <summary>The address of this view ordered by <paramref name="sort"/>, the filters kept.</summary>
    public string SortLink(PipelineSort sort)
    {
        var query = new Dictionary<string, string?>
        {
            ["state"] = Filter.State,
            ["fiscalYear"] = Filter.FiscalYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["overdue"] = Filter.OverdueOnly ? "true" : null,
            ["sort"] = PipelineParameters.Name(sort),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/pipeline", query.Where(q => q.Value is not null));
    }

    /// <summary>A task's display name in the reader's language.</summary>
    public string TaskName(string state, string task) =>
        Definition.FindState(state)?.Tasks.FirstOrDefault(t => t.Name == task)?.DisplayName(Viewer.Language) ?? task;
}
