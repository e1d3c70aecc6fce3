using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Memorandums;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Resources;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityCoop.Server.Pages.Memorandums;

/// <summary>
/// The list of fiscal-year memorandums (every signed-in user reads it) with, for the Japanese platform, the form that
/// creates a year's memorandum; a refused year is said in the reader's language with the year kept as typed.
/// </summary>
public sealed class IndexModel(MemorandumWorkflow memorandums, TimeProvider time) : CityCoopPage
{
    /// <summary>Every memorandum, newest fiscal year first.</summary>
    public IReadOnlyList<MemorandumRow> Rows { get; private set; } = [];

    /// <summary>The fiscal year typed into the create form (2027, FY2027, 令和9年度, R9).</summary>
    [BindProperty]
    public string? FiscalYear { get; set; }

    /// <summary>Why the year was refused, in the reader's language.</summary>
    public string? Error { get; private set; }

    /// <summary>Whether the reader may create a memorandum (Japanese platform staff, as the service requires).</summary>
    public bool MayCreate => Viewer.Actor is { } a && a.OrganizationCode == OrganizationCodes.PlatformJp && a.Roles.Contains(CityCoopRoles.Platform);

    /// <summary>Lists the memorandums; the create form proposes the next fiscal year.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await memorandums.ListAsync(ct);
        FiscalYear = (Domain.FiscalYears.FiscalYear.Of(time.GetUtcNow()).Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates the memorandum of the typed year and opens it; a refusal shows the list again with the reason.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!JapaneseFiscalYear.TryParse(FiscalYear, out var year))
        {
            return await RefusedAsync(T["err.fyText", FiscalYear], ct);
        }

        try
        {
            var record = await memorandums.CreateAsync(year, Viewer.Actor!, ct: ct);
            return Redirect($"/memorandums/{record.Memorandum.Id}");
        }
        catch (DomainRuleException e)
        {
            return await RefusedAsync(new EngineText(Viewer.Language, null, Viewer.City).Render(e.Text), ct);
        }
    }

    private async Task<PageResult> RefusedAsync(string error, CancellationToken ct)
    {
        Error = error;
        Rows = await memorandums.ListAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
