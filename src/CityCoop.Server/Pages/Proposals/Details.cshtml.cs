using System.Globalization;
using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Memorandums;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Expenses;
using CityCoop.Infrastructure.Memorandums;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Proposals;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Pages.Proposals;

/// <summary>
/// The proposal page: summary, diagram, timeline, approvals, activities, and one form per action the reader may
/// take now. Each form carries the ETag it was rendered with and acts with If-Match semantics, so a stale page
/// is told so and nothing happens twice.
/// </summary>
public sealed class DetailsModel(ProposalWorkflow workflow, TimeProvider time, CityCoopDbContext db, AttachmentStore attachments, ProposalAccess access, MemorandumWorkflow memorandums) : CityCoopPage
{
    /// <summary>Name of the input by which an action names one recorded activity.</summary>
    public const string ActivityIdInput = "activityId";

    /// <summary>The proposal id.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The loaded proposal with its instance.</summary>
    public ProposalRecord Record { get; private set; } = null!;

    /// <summary>The actions the reader may take now, with their task.</summary>
    public IReadOnlyList<(TaskDefinition Task, ActionDefinition Action)> Actions { get; private set; } = [];

    /// <summary>
    /// The actions the reader may take now on one recorded activity (those with an <c>activityId</c> input, e.g.
    /// <c>void-activity</c>); the page offers them on each activity's row instead of among <see cref="Actions"/>.
    /// </summary>
    public IReadOnlyList<ActionDefinition> ActivityActions { get; private set; } = [];

    /// <summary>Recorded activities, voided ones included (shown struck through with who, when and why).</summary>
    public IReadOnlyList<Activity> Activities { get; private set; } = [];

    /// <summary>Friendship relations touching the proposal's Chinese or Japanese side.</summary>
    public IReadOnlyList<FriendshipRelation> Friendships { get; private set; } = [];

    /// <summary>Attachments.</summary>
    public IReadOnlyList<AttachmentInfo> Files { get; private set; } = [];

    /// <summary>
    /// The approvals of a parallel-approval action that count now (<see cref="WorkflowEngine.CountedApprovals"/>): one
    /// given for content that has changed since is not shown as collected.
    /// </summary>
    public IReadOnlyList<WorkflowApproval> CountedApprovals(string action) => WorkflowEngine.CountedApprovals(Record.Instance, action, subject!);

    /// <summary>Display names of users named in the journal and approvals.</summary>
    public Dictionary<string, string> People { get; private set; } = [];

    /// <summary>
    /// The money position of the proposal's fiscal year (envelope, committed, spent, remaining) for platform, ministry and
    /// admin readers, shown beside the actions so the ministry approves with the budget in view; null for city staff.
    /// </summary>
    public Domain.Budgets.BudgetPosition? Budget { get; private set; }

    /// <summary>
    /// The expenses panel for readers who may see money (platform, ministry, admin) or take part (the cities, read-only),
    /// shown once the proposal has an approval; null before.
    /// </summary>
    public ProposalExpenses? Expenses { get; private set; }

    /// <summary>A refusal of the expense form or of a "mark paid" button, in the reader's language; null otherwise.</summary>
    public string? ExpenseError { get; private set; }

    /// <summary>The expense whose "mark paid" was refused (its row shows <see cref="ExpenseError"/>), or null for the form.</summary>
    public Guid? ExpenseErrorFor { get; private set; }

    /// <summary>A field of the expense form: as typed when it was just refused, else <paramref name="fallback"/>.</summary>
    public string? ExpenseTyped(string name, string? fallback = null) =>
        ExpenseErrorFor is null && ExpenseError is not null && Posted is not null ? Posted[name].ToString() : fallback;

    /// <summary>A success message.</summary>
    public string? Notice { get; private set; }

    /// <summary>An error message (refusal).</summary>
    public string? Error { get; private set; }

    /// <summary>Details of the refusal, in the reader's language.</summary>
    public string? ErrorDetail { get; private set; }

    /// <summary>True when the action was not taken because the proposal had changed.</summary>
    public bool Stale { get; private set; }

    /// <summary>The engine's coded sentences (refusals, journal notes) in the reader's language.</summary>
    public Resources.EngineText Engine => new(Viewer.Language, Record.Definition, Viewer.City);

    // The expense form's fields by the form's own labels: its amount is the amount paid, not the approved amount.
    private Resources.EngineText ExpenseText => new(Viewer.Language, Record.Definition, Viewer.City)
    {
        FieldLabels = new Dictionary<string, string>(StringComparer.Ordinal) { ["amount"] = T["expense.amount"] },
    };

    /// <summary>The diagram and timeline (shared partials).</summary>
    public WorkflowHistoryView History => new(Record.Definition, Record.Instance, Engine, ActionName);

    /// <summary>The memorandum of the proposal's fiscal year with its state, or null when the year has none.</summary>
    public MemorandumRow? Memorandum { get; private set; }

    /// <summary>The proposal's pairs as a memorandum plan names them: the proposing city with each partner, the Japanese city first; empty while it has no partner.</summary>
    public IReadOnlyList<MemorandumCityPair> Pairs => [.. Record.Proposal.PartnerCityCodes.Select(partner =>
        Record.Proposal.ProposingCountry == Country.JP ? new MemorandumCityPair(Record.Proposal.ProposingCityCode, partner) : new MemorandumCityPair(partner, Record.Proposal.ProposingCityCode))];

    /// <summary>Shows the page; <paramref name="done"/> and <paramref name="missing"/> report the action just taken.</summary>
    public async Task<IActionResult> OnGetAsync(string? done, int? missing, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (done == "saved")
        {
            Notice = T["proposal.saved"];
        }
        else if (done == "stale")
        {
            // An edit form posted after the draft moved on: say so instead of dropping the changes silently.
            Stale = true;
        }
        else if (done is "expense-recorded" or "expense-paid")
        {
            Notice = T[done == "expense-recorded" ? "expense.recorded" : "expense.markedPaid"];
        }
        else if (done is not null)
        {
            Notice = missing is > 0 ? T["proposal.waiting", missing] : T["proposal.done", ActionName(done)];
        }

        return Page();
    }

    /// <summary>
    /// Takes an action with the inputs of its form, conditional on the ETag the form was rendered with. Success redirects
    /// (Post/Redirect/Get); a refusal renders the page again with that action's form open, filled in as typed, and the
    /// reason next to it in the reader's language.
    /// </summary>
    public async Task<IActionResult> OnPostActAsync(string actionName, string? etag, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var definition = Record.Definition.GetState(Record.Instance.CurrentState).Actions.Select(a => a.Action).FirstOrDefault(a => a.Name == actionName)
            ?? Record.Definition.States.SelectMany(s => s.Actions).Select(a => a.Action).FirstOrDefault(a => a.Name == actionName);
        if (definition is null)
        {
            return NotFound();
        }

        Posted = Request.Form;
        PostedAction = actionName;
        Dictionary<string, JsonElement> inputs;
        try
        {
            inputs = InputsFromForm(definition);
        }
        catch (DomainRuleException e)
        {
            return Refused(e.Text);
        }

        // No ETag means a hand-made post: treat it as stale rather than act blindly.
        var outcome = await workflow.ExecuteAsync(Id, Viewer.Actor!, actionName, inputs, string.IsNullOrEmpty(etag) ? "\"none\"" : etag, ct: ct);
        switch (outcome)
        {
            case StepOutcome.Done d:
                return Redirect($"/proposals/{Id}?done={Uri.EscapeDataString(actionName)}&missing={d.Result.ApprovalsMissing}");
            case StepOutcome.Stale or StepOutcome.Conflict:
                Stale = true;
                db.ChangeTracker.Clear();
                await LoadAsync(ct);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case StepOutcome.Refused r:
                db.ChangeTracker.Clear();
                await LoadAsync(ct);
                return Refused(r.Failure.Text);
            default:
                return NotFound();
        }
    }

    /// <summary>
    /// Records an expense from the form (platform reviewers in fund execution; <see cref="ExpenseBook.RecordAsync"/> checks
    /// state and approval under the proposal's row). The evidence file is checked before anything is saved and stored as
    /// a proposal attachment only after the expense is recorded. A refusal shows the page again with the form as typed
    /// and the reason in the reader's language; nothing is written.
    /// </summary>
    public async Task<IActionResult> OnPostExpenseAsync(IFormFile? evidence, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Expenses is not { CanRecord: true })
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Posted = Request.Form;
        var text = ExpenseText;
        if (evidence is not null && await AttachmentStore.CheckAsync([evidence]) is [var refusal, ..])
        {
            return await ExpenseRefusedAsync(T["expense.fileRefused", refusal.FileName], null);
        }

        var now = time.GetUtcNow();
        ExpenseOutcome outcome;
        try
        {
            var form = Request.Form;
            var amount = NumberText.Parse(form["amount"].ToString(), "amount");
            var rate = NumberText.Parse(form["rate"].ToString(), "rate");
            var currency = CurrencyOf(form["currency"].ToString());
            var request = new Expenses.ExpenseRequest(form["budgetLine"].ToString(), amount, currency, rate, form["paidOn"].ToString(), form["payee"].ToString());
            outcome = await ExpenseBook.RecordAsync(db, Id, p => request.ToExpense(p, Viewer.Actor!, now), now, ct);
        }
        catch (DomainRuleException e)
        {
            return await ExpenseRefusedAsync(text.Render(e.Text), null);
        }

        switch (outcome)
        {
            case ExpenseOutcome.Recorded recorded:
                if (evidence is not null)
                {
                    var saved = await attachments.SaveAsync(Id, [evidence], Viewer.Actor!.UserId, now, ct);
                    await ExpenseBook.AttachEvidenceAsync(db, Id, recorded.Expense.Id, saved[0].Id, ct);
                }

                return Redirect($"/proposals/{Id}?done=expense-recorded#expenses");
            case ExpenseOutcome.Refused r:
                return await ExpenseRefusedAsync(text.Render(r.Reason), null);
            default:
                return NotFound();
        }
    }

    // The form's choice by its exact name; none chosen is the form's default, yen. Enum.TryParse would take "1" or "cny"
    // and gave anything else (USD) as yen.
    private static Currency CurrencyOf(string text) =>
        text.Length == 0 ? Currency.JPY
        : Enum.GetNames<Currency>().Contains(text, StringComparer.Ordinal) ? Enum.Parse<Currency>(text)
        : throw new DomainRuleException("currency", DomainText.UnknownChoice("currency", text, Enum.GetNames<Currency>()));

    /// <summary>
    /// Marks a planned expense paid on the day typed (<see cref="ExpenseBook.MarkPaidAsync"/>: within the fiscal year,
    /// and what is paid stays within the approval). A refusal shows the reason on that expense's row; nothing is written.
    /// </summary>
    public async Task<IActionResult> OnPostPaidAsync(Guid expenseId, string? paidOn, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Expenses is not { CanRecord: true })
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Posted = Request.Form;
        ExpenseOutcome outcome;
        try
        {
            outcome = await ExpenseBook.MarkPaidAsync(db, Id, expenseId, new Expenses.MarkPaidRequest(paidOn).Day(), time.GetUtcNow(), ct);
        }
        catch (DomainRuleException e)
        {
            return await ExpenseRefusedAsync(ExpenseText.Render(e.Text), expenseId);
        }

        return outcome switch
        {
            ExpenseOutcome.Recorded => Redirect($"/proposals/{Id}?done=expense-paid#expenses"),
            ExpenseOutcome.Refused r => await ExpenseRefusedAsync(ExpenseText.Render(r.Reason), expenseId),
            _ => NotFound(),
        };
    }

    /// <summary>The action whose form was posted and refused (its form is shown open), or null.</summary>
    public string? PostedAction { get; private set; }

    /// <summary>The refused form's fields as typed.</summary>
    public IFormCollection? Posted { get; private set; }

    /// <summary>A field of <paramref name="action"/>'s form: as typed when that form was just refused, else <paramref name="fallback"/>.</summary>
    public string? Typed(string action, string name, string? fallback = null) =>
        PostedAction == action && Posted is not null ? Posted[name].ToString() : fallback;

    /// <summary>The <paramref name="index"/>-th value of a repeated field as typed, else <paramref name="fallback"/>.</summary>
    public string? Typed(string action, string name, int index, string? fallback) =>
        PostedAction == action && Posted is not null ? (index < Posted[name].Count ? Posted[name][index] : string.Empty) : fallback;

    /// <summary>Whether a checkbox or option was chosen: as typed when the form was just refused, else <paramref name="fallback"/>.</summary>
    public bool Chosen(string action, string name, string value, bool fallback) =>
        PostedAction == action && Posted is not null ? Posted[name].Contains(value) : fallback;

    /// <summary>The localized name of an action: the page's wording, else the definition's display name, else the name.</summary>
    public string ActionName(string action) =>
        Resources.UiText.Has("action." + action) ? T["action." + action]
        : action.EndsWith("-refused", StringComparison.Ordinal) ? T["action.refused", ActionName(action[..^"-refused".Length])]
        : Engine.Action(action);

    /// <summary>How a Japanese and a Chinese city are paired: friendship since when (at its precision), or new.</summary>
    public string Pairing(string japanese, string chinese)
    {
        var tie = Friendships.FirstOrDefault(f => f.JapaneseCityCode == japanese && f.ChineseCityCode == chinese);
        return tie is null ? T["proposal.newPairing"] : T["proposal.friendSince", tie.Established.Precision == DatePrecision.Unknown ? "?" : tie.Established.ToString()];
    }

    /// <summary>One line describing an activity's kind-specific fields, in the reader's language.</summary>
    public string Describe(Activity activity)
    {
        var lang = Viewer.Language;
        return activity switch
        {
            TrainingVisit tv => $"{Viewer.City(tv.SendingCityCode)} → {Viewer.Cities(tv.ReceivingCityCodes)}; {Infrastructure.Reports.ReportText.TraineeCategory(tv.TraineeCategory, lang)} × {tv.Trainees}",
            OnSiteConsultation oc => $"{Viewer.Cities(oc.JapaneseCityCodes)} – {Viewer.City(oc.ChineseCityCode)}; {T["clevel." + oc.Level]}; {oc.CounterpartsIn(lang)}",
            LocalSeminar ls => $"{Viewer.City(ls.ChineseCityCode)}; {ls.Topic} ({ls.Participants})",
            JointResearch jr => $"{jr.Topic}; {jr.Institutions}",
            ModelProject mp => $"{mp.Title}; {mp.Site}; {mp.Enterprises}",
            _ => string.Empty,
        };
    }

    /// <summary>A file size as people read it: 512 B, 1.2 KB, 3.4 MB (binary multiples, one decimal below 10).</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => Scaled(bytes / 1024.0) + " KB",
        _ => Scaled(bytes / (1024.0 * 1024.0)) + " MB",
    };

    /// <summary>Name of a user id.</summary>
    public string Person(string userId) => People.TryGetValue(userId, out var name) ? name : userId;

    private static string Scaled(double value) => value.ToString(value < 10 ? "0.#" : "#,0", CultureInfo.InvariantCulture);

    private async Task<IActionResult> ExpenseRefusedAsync(string message, Guid? expenseId)
    {
        // Nothing was saved; forget what the refused step may have changed in memory and show the money as stored.
        db.ChangeTracker.Clear();
        await LoadAsync(HttpContext.RequestAborted);
        ExpenseError = message;
        ExpenseErrorFor = expenseId;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private PageResult Refused(DomainText reason)
    {
        Error = T["proposal.refused"];
        ErrorDetail = Engine.Render(reason);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var record = await workflow.LoadAsync(Id, ct);
        if (record is null || !await access.CanSeeAsync(Viewer.Actor!, record.Proposal))
        {
            return false;
        }

        Record = record;
        await Viewer.CitiesAsync();
        var actor = Viewer.Actor!;
        subject = await workflow.SubjectAsync(record.Proposal, ct);
        var actions = workflow.Engine.AllowedSteps(record.Instance, record.Definition, actor, subject);
        Actions = [.. actions.Where(x => !IsActivityAction(x.Action))];
        ActivityActions = [.. actions.Where(x => IsActivityAction(x.Action)).Select(x => x.Action)];
        Activities = await db.Activities.AsNoTracking().Where(a => a.ProposalId == Id).OrderBy(a => a.StartDate).ToListAsync(ct);
        Budget = CityCoop.Server.Budgets.BudgetAccess.CanRead(actor)
            ? await Infrastructure.Budgets.BudgetLedger.PositionAsync(db, record.Proposal.FiscalYear, Infrastructure.Expenses.ExpenseBook.Today(time.GetUtcNow()), ct)
            : null;
        Friendships = await db.FriendshipRelations.AsNoTracking().ToListAsync(ct);
        Files = attachments.List(Id);
        var ids = record.Instance.Journal.Select(j => j.ActorUserId).Concat(record.Instance.Approvals.Select(a => a.UserId)).Distinct().ToList();
        People = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Memorandum = await memorandums.ForYearAsync(record.Proposal.FiscalYear, ct);
        Expenses = record.Proposal.ApprovedAmount is null ? null : await ExpensesAsync(record, actor, ct);
        return true;
    }

    private async Task<ProposalExpenses> ExpensesAsync(ProposalRecord record, WorkflowActor actor, CancellationToken ct)
    {
        var today = ExpenseBook.Today(time.GetUtcNow());
        var items = await ExpenseBook.ListAsync(db, Id, ct);
        var canRecord = actor.Roles.Contains(CityCoopRoles.Platform) && record.Instance.CurrentState == ExpenseBook.FundExecution;
        var lines = canRecord
            ? [.. (await Infrastructure.Budgets.BudgetLedger.StatementAsync(db, record.Proposal.FiscalYear, today, ct)).Lines.Select(l => l.Name)]
            : Array.Empty<string>();
        return new ProposalExpenses(items, ExpenseBook.Summarize(record.Proposal, items, today), Files.ToDictionary(f => f.Id, f => f.FileName), today, canRecord, lines);
    }

    private IWorkflowSubject? subject;

    private static bool IsActivityAction(ActionDefinition action) => action.Inputs.Any(i => i.Name == ActivityIdInput);

    private Dictionary<string, JsonElement> InputsFromForm(ActionDefinition action)
    {
        var form = Request.Form;
        var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var input in action.Inputs)
        {
            object? value = input.Type switch
            {
                CityCoopInputTypes.Text => NullIfEmpty(form[input.Name].ToString()),
                CityCoopInputTypes.Amount => Number(form[input.Name].ToString(), input.Name),
                CityCoopInputTypes.CityCodes => CityCodes(form),
                CityCoopInputTypes.Items => Matches(form),
                CityCoopInputTypes.Activity => ActivityFromForm(form, input.Name == "consultation" ? "on-site-consultation" : null),
                _ => NullIfEmpty(form[input.Name].ToString()),
            };
            if (value is not null)
            {
                inputs[input.Name] = JsonSerializer.SerializeToElement(value);
            }
        }

        return inputs;
    }

    private static List<string>? CityCodes(IFormCollection form)
    {
        var lead = form["lead"].ToString();
        var codes = new List<string>();
        if (lead.Length > 0)
        {
            codes.Add(lead);
        }

        codes.AddRange(form["more"].Where(c => !string.IsNullOrEmpty(c) && c != lead).Select(c => c!));
        return codes.Count == 0 ? null : codes;
    }

    private static List<Dictionary<string, string>>? Matches(IFormCollection form)
    {
        var wished = form["wished"];
        var offered = form["offered"];
        var introduced = form["introduced"];
        var result = new List<Dictionary<string, string>>();
        for (var i = 0; i < wished.Count; i++)
        {
            var newItem = i < introduced.Count ? introduced[i]?.Trim() : null;
            var chosen = !string.IsNullOrEmpty(newItem) ? newItem : i < offered.Count ? offered[i] : null;
            if (!string.IsNullOrWhiteSpace(chosen) && !string.IsNullOrWhiteSpace(wished[i]))
            {
                result.Add(new() { ["wished"] = wished[i]!, ["offered"] = chosen });
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static Dictionary<string, object?> ActivityFromForm(IFormCollection form, string? fixedKind)
    {
        var kind = fixedKind ?? form["kind"].ToString();
        var a = new Dictionary<string, object?>
        {
            ["kind"] = kind,
            ["startDate"] = NullIfEmpty(form["startDate"].ToString()),
            ["endDate"] = NullIfEmpty(form["endDate"].ToString()),
        };
        if (Number(form["cost"].ToString(), "cost") is { } cost)
        {
            a["cost"] = cost;
        }

        var japanese = form["japaneseCities"].Where(c => !string.IsNullOrEmpty(c)).ToList();
        switch (kind)
        {
            case "training-visit":
                a["sendingCity"] = NullIfEmpty(form["sendingCity"].ToString());
                var main = form["mainHost"].ToString();
                a["receivingCities"] = new[] { main }.Concat(form["otherHosts"].Where(c => !string.IsNullOrEmpty(c) && c != main).Select(c => c!)).Where(c => c.Length > 0).ToList();
                a["traineeCategory"] = NullIfEmpty(form["traineeCategory"].ToString());
                a["trainees"] = Integer(form["trainees"].ToString(), "trainees");
                break;
            case "on-site-consultation":
                a["japaneseCities"] = japanese;
                a["chineseCity"] = NullIfEmpty(form["chineseCity"].ToString());
                a["level"] = NullIfEmpty(form["level"].ToString());
                a["counterpartsZh"] = form["counterpartsZh"].ToString();
                a["counterpartsEn"] = form["counterpartsEn"].ToString();
                a["decidedToCooperate"] = form["decided"].ToString() == "true";
                break;
            case "local-seminar":
                a["chineseCity"] = NullIfEmpty(form["chineseCity"].ToString());
                a["japaneseCities"] = japanese;
                a["topic"] = form["topic"].ToString();
                a["participants"] = Integer(form["participants"].ToString(), "participants");
                break;
            case "joint-research":
                a["topic"] = form["topic"].ToString();
                a["institutions"] = form["institutions"].ToString();
                break;
            default:
                a["title"] = form["projectTitle"].ToString();
                a["site"] = form["site"].ToString();
                a["enterprises"] = form["enterprises"].ToString();
                break;
        }

        return a;
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Chinese and Japanese input methods may give full-width digits (３０００); NumberText reads them as the API does.
    private static decimal? Number(string text, string field) => NumberText.Parse(text, field);

    private static int? Integer(string text, string field) => NumberText.ParseInteger(text, field);
}
