using CityCoop.Domain;
using CityCoop.Domain.Budgets;
using CityCoop.Domain.FiscalYears;
using CityCoop.Infrastructure.Budgets;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Budgets;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Resources;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Mvc;

namespace CityCoop.Server.Pages.Budgets;

/// <summary>
/// A fiscal year's programme budget for ministry officers and platform reviewers: envelope, committed, spent, released,
/// remaining, lines and the change journal; the Japanese ministry sets or changes the envelope here (programme.md "Funds").
/// </summary>
public sealed class IndexModel(CityCoopDbContext db, TimeProvider time) : CityCoopPage
{
    /// <summary>Blank line rows the form offers beyond the current lines.</summary>
    public const int BlankLineRows = 3;

    /// <summary>The fiscal year asked for, as typed (<c>2015</c>, <c>FY2015</c>, <c>平成27年度</c>); default the current one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>The year shown.</summary>
    public int FiscalYear { get; private set; }

    /// <summary>The budget shown.</summary>
    public BudgetStatement Statement { get; private set; } = null!;

    /// <summary>The year's settlements (proposals whose fund execution closed), oldest close first, with totals in yen.</summary>
    public SettlementStatement Settlements { get; private set; } = null!;

    /// <summary>Why the asked-for year is not shown, or null.</summary>
    public string? YearProblem { get; private set; }

    /// <summary>Whether the reader may set the envelope (Japanese ministry).</summary>
    public bool CanSet => BudgetAccess.CanSet(Viewer.Actor);

    /// <summary>Refusals by field (<c>envelope</c>, <c>reason</c>, <c>lines</c>, <c>form</c>) in the reader's language.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Whether the page follows a successful save.</summary>
    public bool Saved { get; private set; }

    /// <summary>The form's values as typed (kept after a refusal).</summary>
    public string EnvelopeText { get; private set; } = string.Empty;

    /// <summary>The reason as typed.</summary>
    public string ReasonText { get; private set; } = string.Empty;

    /// <summary>The line rows as typed (name, amount).</summary>
    public List<(string Name, string Amount)> LineRows { get; } = [];

    /// <summary>The ETag the form was rendered with.</summary>
    public string ETag => BudgetLedger.ETagOf(Statement.Position);

    /// <summary>Shows the year's budget; 404 for readers who do not read budgets.</summary>
    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!BudgetAccess.CanRead(Viewer.Actor))
        {
            return NotFound();
        }

        ChooseYear();
        await LoadAsync(ct);
        Saved = saved;
        EnvelopeText = Statement.Position.IsSet ? Plain(Statement.Position.Envelope) : string.Empty;
        LineRows.AddRange(Statement.Lines.Select(l => (l.Name, Plain(l.Amount))));
        PadRows();
        return Page();
    }

    /// <summary>Sets or changes the envelope and lines (Japanese ministry only); a refusal shows the form again with the reason, nothing saved.</summary>
    public async Task<IActionResult> OnPostAsync(string? envelope, string? reason, string? etag, string[]? lineName, string[]? lineAmount, CancellationToken ct)
    {
        if (!BudgetAccess.CanRead(Viewer.Actor))
        {
            return NotFound();
        }

        if (!CanSet)
        {
            return Forbid();
        }

        ChooseYear();
        EnvelopeText = envelope ?? string.Empty;
        ReasonText = reason ?? string.Empty;
        var names = lineName ?? [];
        var amounts = lineAmount ?? [];
        for (var i = 0; i < Math.Max(names.Length, amounts.Length); i++)
        {
            LineRows.Add((i < names.Length ? names[i] ?? string.Empty : string.Empty, i < amounts.Length ? amounts[i] ?? string.Empty : string.Empty));
        }

        var text = new EngineText(Viewer.Language, null, Viewer.City);
        if (YearProblem is null)
        {
            try
            {
                var outcome = await BudgetLedger.ChangeAsync(db, FiscalYear, ReadEnvelope(), ReadLines(), reason, etag, Viewer.Actor!, time.GetUtcNow(), ct);
                if (outcome is BudgetChangeOutcome.Saved)
                {
                    return RedirectToPage(new { year = FiscalYear, saved = true });
                }

                Errors["form"] = T["budget.stale"];
            }
            catch (DomainRuleException e)
            {
                Errors[FieldOf(e.Field)] = text.Render(e.Text);
            }
        }

        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        if (Errors.ContainsKey("form") && !Errors.ContainsKey("envelope"))
        {
            // Stale: show what is saved now, so saving again loses nothing unseen.
            EnvelopeText = Statement.Position.IsSet ? Plain(Statement.Position.Envelope) : string.Empty;
            LineRows.Clear();
            LineRows.AddRange(Statement.Lines.Select(l => (l.Name, Plain(l.Amount))));
        }

        PadRows();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private decimal ReadEnvelope() =>
        NumberText.Parse(EnvelopeText, "envelope")
        ?? throw new DomainRuleException("envelope", DomainText.Of("input-required", "envelope is required: yen, e.g. 50000000.", ("field", "envelope")));

    // A row with neither name nor amount is no line; a row with one of them is read and refused by the domain's rules.
    private List<BudgetLine> ReadLines() =>
        [.. LineRows.Where(r => !string.IsNullOrWhiteSpace(r.Name) || !string.IsNullOrWhiteSpace(r.Amount))
            .Select(r => new BudgetLine(r.Name, NumberText.Parse(r.Amount, "lines")
                ?? throw new DomainRuleException("lines", DomainText.Of("input-required", "Each budget line needs an amount in yen.", ("field", "lines")))))];

    private static string FieldOf(string? field) => field switch
    {
        "envelope" or "reason" => field,
        { } f when f.StartsWith("lines", StringComparison.Ordinal) => "lines",
        _ => "form",
    };

    private void ChooseYear()
    {
        var current = Domain.FiscalYears.FiscalYear.Of(time.GetUtcNow()).Year;
        if (!Request.Query.ContainsKey("year"))
        {
            FiscalYear = current;
        }
        else if (JapaneseFiscalYear.TryParse(Year, out var y) && ProgrammeYears.Contains(y))
        {
            FiscalYear = y;
        }
        else
        {
            FiscalYear = current;
            YearProblem = T["budget.badYear", Request.Query["year"].ToString(), Viewer.FiscalYear(current)];
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Statement = await BudgetLedger.StatementAsync(db, FiscalYear, Infrastructure.Expenses.ExpenseBook.Today(time.GetUtcNow()), ct);
        Settlements = await BudgetLedger.SettlementsAsync(db, FiscalYear, ct);
        await Viewer.CitiesAsync();
    }

    private void PadRows()
    {
        for (var i = 0; i < BlankLineRows; i++)
        {
            LineRows.Add((string.Empty, string.Empty));
        }
    }

    private static string Plain(decimal amount) => amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
