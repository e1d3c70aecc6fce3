using System.Text.Json;
using CityCoop.Infrastructure.Memorandums;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Resources;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CityCoop.Server.Pages.Memorandums;

/// <summary>
/// The memorandum page (<c>/memorandums/{id}</c>): the plan as tables, the dates, the state, the diagram and timeline, and
/// one form per action the reader may take now. Each form carries the ETag it was rendered with and acts with If-Match
/// semantics, so a stale page is told so and nothing happens twice; a refusal shows the form again as typed, with the
/// reason in the reader's language.
/// </summary>
public sealed class DetailsModel(MemorandumWorkflow memorandums, CityCoopDbContext db) : CityCoopPage
{
    /// <summary>The action whose form is the plan form.</summary>
    public const string RecordPlan = "record-plan";

    /// <summary>The memorandum id.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The loaded memorandum with its instance.</summary>
    public MemorandumRecord Record { get; private set; } = null!;

    /// <summary>The actions the reader may take now, with their task.</summary>
    public IReadOnlyList<(TaskDefinition Task, ActionDefinition Action)> Actions { get; private set; } = [];

    /// <summary>A success message.</summary>
    public string? Notice { get; private set; }

    /// <summary>An error message (refusal).</summary>
    public string? Error { get; private set; }

    /// <summary>Details of the refusal, in the reader's language.</summary>
    public string? ErrorDetail { get; private set; }

    /// <summary>True when the action was not taken because the memorandum had changed.</summary>
    public bool Stale { get; private set; }

    /// <summary>The action whose form was posted and refused (its form is shown open), or null.</summary>
    public string? PostedAction { get; private set; }

    /// <summary>The refused form's fields as typed.</summary>
    public IFormCollection? Posted { get; private set; }

    /// <summary>The engine's coded sentences (refusals, journal notes) in the reader's language.</summary>
    public EngineText Engine => new(Viewer.Language, Record.Definition, Viewer.City);

    /// <summary>The diagram and timeline (shared partials).</summary>
    public WorkflowHistoryView History => new(Record.Definition, Record.Instance, Engine, ActionName);

    /// <summary>The plan form: as typed when it was just refused, else the recorded plan.</summary>
    public MemorandumPlanForm PlanForm => PostedAction == RecordPlan && Posted is not null ? MemorandumPlanForm.Of(Posted) : MemorandumPlanForm.Of(Record.Memorandum);

    /// <summary>A field of <paramref name="action"/>'s form: as typed when that form was just refused, else <paramref name="fallback"/>.</summary>
    public string? Typed(string action, string name, string? fallback = null) =>
        PostedAction == action && Posted is not null ? Posted[name].ToString() : fallback;

    /// <summary>The localized name of an action: the page's wording, else the definition's display name.</summary>
    public string ActionName(string action) => UiText.Has("action." + action) ? T["action." + action] : Engine.Action(action);

    /// <summary>The signatures that count now (a signature given to a plan that changed since does not).</summary>
    public IReadOnlyList<WorkflowApproval> Signatures => WorkflowEngine.CountedApprovals(Record.Instance, "sign", Record.Subject);

    /// <summary>Shows the page; <paramref name="done"/> and <paramref name="missing"/> report the action just taken.</summary>
    public async Task<IActionResult> OnGetAsync(string? done, int? missing, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (done is not null)
        {
            Notice = missing is > 0 ? T["memorandum.waiting", missing] : T["proposal.done", ActionName(done)];
        }

        return Page();
    }

    /// <summary>
    /// Takes an action with the inputs of its form, conditional on the ETag the form was rendered with. Success redirects
    /// (Post/Redirect/Get); a refusal renders the page again with that action's form open, filled in as typed.
    /// </summary>
    public async Task<IActionResult> OnPostActAsync(string actionName, string? etag, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var definition = Record.Definition.States.SelectMany(s => s.Actions).Select(a => a.Action).FirstOrDefault(a => a.Name == actionName);
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
        var outcome = await memorandums.ExecuteAsync(Id, Viewer.Actor!, actionName, inputs, string.IsNullOrEmpty(etag) ? "\"none\"" : etag, ct: ct);
        switch (outcome)
        {
            case StepOutcome.Done d:
                return Redirect($"/memorandums/{Id}?done={Uri.EscapeDataString(actionName)}&missing={d.Result.ApprovalsMissing}");
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

    private PageResult Refused(DomainText reason)
    {
        Error = T["proposal.refused"];
        ErrorDetail = Engine.Render(reason);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await memorandums.LoadAsync(Id, ct) is not { } record)
        {
            return false;
        }

        Record = record;
        Actions = memorandums.Engine.AllowedSteps(record.Instance, record.Definition, Viewer.Actor!, record.Subject);
        return true;
    }

    // The plan input comes from the plan form (its one mapping); every other input of the memorandum is a text field of its name.
    private Dictionary<string, JsonElement> InputsFromForm(ActionDefinition action)
    {
        var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var input in action.Inputs)
        {
            if (input.Name == "plan")
            {
                inputs[input.Name] = MemorandumPlanForm.Of(Request.Form).ToPlanInput();
            }
            else if (Request.Form[input.Name].ToString() is { } text && !string.IsNullOrWhiteSpace(text))
            {
                inputs[input.Name] = JsonSerializer.SerializeToElement(text.Trim());
            }
        }

        return inputs;
    }
}
