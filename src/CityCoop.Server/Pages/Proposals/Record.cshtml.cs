using System.Text.Json;
using CityCoop.Domain.Expenses;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Expenses;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Proposals;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Pages.Proposals;

/// <summary>
/// The printable decision record of a proposal (<c>/proposals/{id}/record</c>): the proposal, its city pairs, who
/// approved and decided what (from the journal), the amounts and the expenses. Readable by whoever may see the proposal;
/// the print stylesheet leaves out navigation, buttons and forms so it prints on one or two A4 pages.
/// </summary>
public sealed class RecordModel(ProposalWorkflow workflow, TimeProvider time, CityCoopDbContext db, AttachmentStore attachments, ProposalAccess access) : CityCoopPage
{
    /// <summary>
    /// The journal actions the record lists: the platforms' matching approvals, the ministry's decision, and the platform's
    /// other decisions on the path (return, decline, close; programme.md "The path of a proposal").
    /// </summary>
    public static readonly IReadOnlySet<string> DecisionActions = new HashSet<string>(StringComparer.Ordinal) { "match", "approve", "amend-approval", "reject", "return", "decline", "close", "expire", "withdraw" };

    /// <summary>The proposal id.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The proposal with its instance.</summary>
    public ProposalRecord Record { get; private set; } = null!;

    /// <summary>Approvals and decisions, oldest first.</summary>
    public IReadOnlyList<DecisionEntry> Decisions { get; private set; } = [];

    /// <summary>The expenses with the money summary (yen, today's Tokyo date).</summary>
    public ProposalExpenses Expenses { get; private set; } = null!;

    /// <summary>When the record was produced (the clock's now).</summary>
    public DateTimeOffset AsOf { get; private set; }

    /// <summary>
    /// The settlement written when fund execution closed (approved, spent and released as they were then), or null while
    /// the proposal is open or was never approved.
    /// </summary>
    public Domain.Budgets.Settlement? Settlement { get; private set; }

    /// <summary>What went back to the budget at the close (the settlement's released amount), or null before it.</summary>
    public decimal? Released => Settlement?.Released;

    /// <summary>The localized name of an action: the page's wording, else the definition's display name, else the name.</summary>
    public string ActionName(string action) =>
        Resources.UiText.Has("action." + action) ? T["action." + action] : new Resources.EngineText(Viewer.Language, Record.Definition, Viewer.City).Action(action);

    /// <summary>Shows the record; 404 for a proposal the reader may not see.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var record = await workflow.LoadAsync(Id, ct);
        if (record is null || !await access.CanSeeAsync(Viewer.Actor!, record.Proposal))
        {
            return NotFound();
        }

        Record = record;
        AsOf = time.GetUtcNow();
        Settlement = await db.Settlements.AsNoTracking().SingleOrDefaultAsync(s => s.ProposalId == Id, ct);
        var today = ExpenseBook.Today(AsOf);
        var items = await ExpenseBook.ListAsync(db, Id, ct);
        Expenses = new ProposalExpenses(items, ExpenseBook.Summarize(record.Proposal, items, today), attachments.List(Id).ToDictionary(f => f.Id, f => f.FileName), today, false, []);
        Decisions = [.. record.Instance.Journal
            // An amendment keeps the state: it is journaled as recorded, not as a transition.
            .Where(j => !j.ForAdmins && DecisionActions.Contains(j.Action) && j.Kind is JournalEntryKind.Transition or JournalEntryKind.ApprovalRecorded or JournalEntryKind.Recorded)
            .OrderBy(j => j.Sequence)
            .Select(j => new DecisionEntry(j.Action, j.ActorDisplayName, null, j.At, j.Action is "approve" or "amend-approval" ? AmountOf(j.InputsJson) : null, string.IsNullOrWhiteSpace(j.Comment) ? null : j.Comment))];
        return Page();
    }

    /// <summary>Whether an expense counts as spent on the record's day.</summary>
    public bool IsPaid(Expense expense) => expense?.IsSpentOn(Expenses.Today) == true;

    private static decimal? AmountOf(string inputsJson)
    {
        using var json = JsonDocument.Parse(inputsJson);
        // Journals written before amounts were kept as numbers may hold the string that was sent ("２，５００，０００").
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("amount", out var a) ? CityCoopInputTypes.AmountOf(a) : null;
    }
}
