using CityCoop.Domain;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Expenses;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Hosting;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Proposals;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Pages.Proposals;

/// <summary>The proposals the reader may see, filtered by state, fiscal year, city and text, 20 a page.</summary>
public sealed class IndexModel(ProposalSearch search, WorkflowDefinitionCatalog catalog, CityCoopDbContext db, TimeProvider time) : CityCoopPage
{
    private const int PageSize = 20;

    /// <summary>State filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    /// <summary>Fiscal-year filter as typed: <c>2026</c>, <c>FY2026</c>, <c>令和8年度</c>, <c>R8</c> (<see cref="JapaneseFiscalYear"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Fy { get; set; }

    /// <summary>Why the filters could not be applied (a fiscal year that is none, a control character in the text), in the reader's language; no rows are shown then.</summary>
    public string? FilterError { get; private set; }

    /// <summary>City filter (proposing or partner).</summary>
    [BindProperty(SupportsGet = true)]
    public string? City { get; set; }

    /// <summary>Text searched in title and description.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>1-based page number.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Rows of the page.</summary>
    public IReadOnlyList<(CooperationProposal Proposal, string State)> Rows { get; private set; } = [];

    /// <summary>Rows matching the filters.</summary>
    public int Total { get; private set; }

    /// <summary>Number of pages.</summary>
    public int Pages => PageRequest.PagesOf(Total, PageSize);

    /// <summary>The current definition, for state names and the state filter.</summary>
    public WorkflowDefinition Definition => catalog.Latest(ProposalWorkflow.DefinitionId);

    /// <summary>Runs the query.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        if (ReadFilter() is not { } filter)
        {
            return;
        }

        try
        {
            var (total, page, rows) = await search.FindAsync(Viewer.Actor!, filter, PageNumber, PageSize, ct);
            Total = total;
            PageNumber = page;
            Rows = rows;
        }
        catch (DomainRuleException e)
        {
            FilterError = new Resources.EngineText(Viewer.Language, null, Viewer.City).Render(e.Text);
        }
    }

    /// <summary>Every proposal matching the filters as CSV (UTF-8 with BOM), in the reader's language; times in the reader's zone.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await ExportAsync(e => File(e.ToCsv(), "text/csv; charset=utf-8", $"proposals-{Viewer.Language}.csv"), ct);

    /// <summary>Every proposal matching the filters as an Excel workbook, headers in the reader's language.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await ExportAsync(e => File(e.ToXlsx(T["proposal.list"]), Infrastructure.Exports.XlsxWorkbook.ContentType, $"proposals-{Viewer.Language}.xlsx"), ct);

    /// <summary>The query string of a download (<c>Csv</c> or <c>Xlsx</c>) with the same filters.</summary>
    public string DownloadLink(string handler) =>
        $"/proposals?handler={handler}&state={Uri.EscapeDataString(State ?? "")}&fy={Uri.EscapeDataString(Fy ?? "")}&city={Uri.EscapeDataString(City ?? "")}&q={Uri.EscapeDataString(Q ?? "")}";

    private async Task<IActionResult> ExportAsync(Func<ProposalListExport, IActionResult> file, CancellationToken ct)
    {
        if (ReadFilter() is not { } filter)
        {
            return BadRequest();
        }

        try
        {
            var (_, _, rows) = await search.FindAsync(Viewer.Actor!, filter, 1, ProposalListExport.MaxRows, ct);
            var spent = await ExpenseBook.SpentByProposalAsync(db, [.. rows.Select(r => r.Proposal.Id)], ExpenseBook.Today(time.GetUtcNow()), ct);
            return file(ProposalListExport.Build(rows, Viewer.Language, await Viewer.CitiesAsync(), Definition, at => Viewer.When(at), spent));
        }
        catch (DomainRuleException)
        {
            return BadRequest();
        }
    }

    // The filters as typed, or null with FilterError set when the fiscal year reads as none.
    private ProposalFilter? ReadFilter()
    {
        int? year = null;
        if (!string.IsNullOrWhiteSpace(Fy))
        {
            if (!JapaneseFiscalYear.TryParse(Fy, out var parsed))
            {
                FilterError = T["err.fyText", Fy];
                return null;
            }

            year = parsed;
        }

        return new ProposalFilter(State, year, City, Q);
    }

    /// <summary>The query string of another page with the same filters.</summary>
    public string PageLink(int page) =>
        $"/proposals?state={Uri.EscapeDataString(State ?? "")}&fy={Uri.EscapeDataString(Fy ?? "")}&city={Uri.EscapeDataString(City ?? "")}&q={Uri.EscapeDataString(Q ?? "")}&p={page}";
}
