using CityCoop.Domain.Proposals;
using CityCoop.Domain.Workflows;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Proposals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Pages.Proposals;

/// <summary>The proposals the reader may see, filtered by state, fiscal year, city and text, 20 a page.</summary>
public sealed class IndexModel(CityCoopDbContext db, WorkflowDefinitionCatalog catalog) : CityCoopPage
{
    private const int PageSize = 20;

    /// <summary>State filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    /// <summary>Fiscal-year filter.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Fy { get; set; }

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
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The current definition, for state names and the state filter.</summary>
    public WorkflowDefinition Definition => catalog.Latest(ProposalWorkflow.DefinitionId);

    /// <summary>Runs the query.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Viewer.Actor!;
        var query =
            from p in db.Proposals.AsNoTracking()
            join i in db.WorkflowInstances.AsNoTracking() on p.Id equals EF.Property<Guid>(i, CityCoopDbContext.InstanceProposalId)
            select new { p, i.CurrentState };
        if (!ProposalVisibility.SeesAll(actor))
        {
            var own = ProposalVisibility.CityCodeOf(actor) ?? "-";
            query = query.Where(x => x.p.ProposingCityCode == own || x.p.PartnerCityCodes.Contains(own));
        }

        if (!string.IsNullOrEmpty(State))
        {
            query = query.Where(x => x.CurrentState == State);
        }

        if (Fy is not null)
        {
            query = query.Where(x => x.p.FiscalYear == Fy);
        }

        if (!string.IsNullOrEmpty(City))
        {
            query = query.Where(x => x.p.ProposingCityCode == City || x.p.PartnerCityCodes.Contains(City));
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            // ToLower on both sides translates to SQL lower() on PostgreSQL and SQLite alike; culture overloads do not translate.
#pragma warning disable CA1304, CA1311, CA1862
            var text = Q.Trim().ToLower();
            query = query.Where(x => x.p.Title.ToLower().Contains(text) || x.p.Description.ToLower().Contains(text));
#pragma warning restore CA1304, CA1311, CA1862
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var rows = await query.OrderByDescending(x => x.p.CreatedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Rows = [.. rows.Select(r => (r.p, r.CurrentState))];
    }

    /// <summary>The query string of another page with the same filters.</summary>
    public string PageLink(int page) =>
        $"/proposals?state={Uri.EscapeDataString(State ?? "")}&fy={Fy}&city={Uri.EscapeDataString(City ?? "")}&q={Uri.EscapeDataString(Q ?? "")}&p={page}";
}
