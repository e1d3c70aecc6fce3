using CityCoop.Domain;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Proposals;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Mvc;

namespace CityCoop.Server.Pages.Proposals;

/// <summary>
/// The draft form: all fields of step 1 of programme.md "The path of a proposal", item lists, attachments. Creates at /proposals/new, edits at
/// /proposals/edit/{id}. A post is at most <see cref="AttachmentStore.MaxRequestBytes"/>: the form limit holds it, and
/// <see cref="UploadLimitAttribute"/> answers one over it with this page, which is why the server's own size limit is lifted.
/// </summary>
[DisableRequestSizeLimit]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentStore.MaxRequestBytes)]
[UploadLimit]
public sealed class EditModel(ProposalWorkflow workflow, AttachmentStore attachments, TimeProvider time, ProposalAccess access) : CityCoopPage
{
    /// <summary>The proposal edited, or null when creating.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    /// <summary>The fields.</summary>
    [BindProperty]
    public DraftForm Form { get; set; } = new();

    /// <summary>Files to attach.</summary>
    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    /// <summary>The ETag of the edited draft when the form was opened.</summary>
    [BindProperty]
    public string? ETag { get; set; }

    /// <summary>Refused files, each with its message.</summary>
    public List<string> FileErrors { get; } = [];

    /// <summary>Set by <see cref="UploadLimitAttribute"/> when the last post was over the absolute limit: the files over 20 MB, one a line.</summary>
    [TempData(Key = UploadLimitAttribute.TempDataKey)]
    public string? UploadRefused { get; set; }

    /// <summary>A message for the whole form (stale, conflict).</summary>
    public string? FormError { get; private set; }

    /// <summary>Country of the proposing city (decides which item list comes first and which partners are offered).</summary>
    public Country OwnCountry { get; private set; }

    /// <summary>Cities of the other country, for the optional partner.</summary>
    public IReadOnlyList<City> PartnerChoices { get; private set; } = [];

    /// <summary>Existing attachments.</summary>
    public IReadOnlyList<AttachmentInfo> Existing { get; private set; } = [];

    /// <summary>Shows the empty form or the draft.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await PrepareAsync(ct) is { } refusal)
        {
            return refusal;
        }

        if (Id is { } id)
        {
            var record = (await workflow.LoadAsync(id, ct))!;
            Form = DraftForm.From(record.Proposal);
            ETag = record.ETag;
        }
        else
        {
            Form = new DraftForm { FiscalYear = Year(Domain.FiscalYears.FiscalYear.Of(time.GetUtcNow()).Year), Currency = Currency.JPY };
        }

        if (UploadRefused is { } refused)
        {
            // Nothing of that post could be read; the form is as it was before it.
            var names = refused.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            FileErrors.AddRange(names.Length == 0 ? [T["proposal.uploadTooLarge", AttachmentStore.MaxRequestBytes / (1024 * 1024)]] : names.Select(n => T["proposal.fileTooLarge", n]));
        }

        return Page();
    }

    private static readonly HashSet<string> ChoiceFields = ["Form.Strand", "Form.Level", "Form.Kind", "Form.Currency", "Form.Planned"];

    /// <summary>Validates fields and files; saves nothing unless all pass.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await PrepareAsync(ct) is { } refusal)
        {
            return refusal;
        }

        // The binder's English messages give way to the page's own (Validate), except a refused choice, already worded in
        // the reader's language by EnumNameModelBinder: without it a choice by number or unknown name would pass unnoticed.
        var refusedChoices = ModelState
            .Where(kv => ChoiceFields.Contains(kv.Key) && kv.Value is { Errors.Count: > 0 })
            .Select(kv => (kv.Key, kv.Value!.Errors[0].ErrorMessage))
            .ToList();
        ModelState.Clear();
        foreach (var (field, message) in refusedChoices)
        {
            ModelState.AddModelError(field, message);
        }

        foreach (var r in await AttachmentStore.CheckAsync(Files))
        {
            FileErrors.Add(T[r.Problem switch
            {
                AttachmentProblem.TooLarge => "proposal.fileTooLarge",
                AttachmentProblem.BadName => "proposal.fileName",
                _ => "proposal.fileType",
            }, r.FileName]);
        }

        Validate();
        if (FileErrors.Count > 0 || !ModelState.IsValid)
        {
            return Page();
        }

        var draft = Form.ToDraft(FiscalYearOf(Form)!.Value);
        var actor = Viewer.Actor!;
        try
        {
            Guid proposalId;
            if (Id is { } id)
            {
                // The form carries the ETag it was rendered with; a post without one (an old page, a hand-made request) would
                // replace whatever was saved since unseen, so it is refused like a stale one, as the API answers 428.
                var record = (await workflow.LoadAsync(id, ct))!;
                if (ETag != record.ETag)
                {
                    FormError = ETag is null ? T["proposal.versionMissing"] : T["proposal.stale"];
                    ShowSaved(record, keepInput: ETag is null);
                    return Page();
                }

                var outcome = await workflow.SaveEditAsync(record, draft, ct);
                if (outcome is not StepOutcome.Edited)
                {
                    // Another save won meanwhile: the form shows that version, as after a stale ETag.
                    FormError = T["proposal.stale"];
                    ShowSaved((await workflow.LoadAsync(id, ct))!, keepInput: false);
                    return Page();
                }

                proposalId = id;
            }
            else
            {
                proposalId = (await workflow.CreateAsync(draft, actor, ct: ct)).Proposal.Id;
            }

            await attachments.SaveAsync(proposalId, Files, actor.UserId, time.GetUtcNow(), ct);
            return Redirect($"/proposals/{proposalId}?done=saved");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(FieldOf(e.Field), MessageOf(e));
            return Page();
        }
    }

    private async Task<IActionResult?> PrepareAsync(CancellationToken ct)
    {
        var actor = Viewer.Actor!;
        var cityCode = ProposalVisibility.CityCodeOf(actor);
        var cities = await Viewer.CitiesAsync();
        if (cityCode is null || !cities.TryGetValue(cityCode, out var own))
        {
            return NotFound();
        }

        OwnCountry = own.Country;
        PartnerChoices = [.. cities.Values.Where(c => c.Country != own.Country).OrderBy(c => c.NameEn)];
        if (Id is { } id)
        {
            var record = await workflow.LoadAsync(id, ct);
            if (record is null || !await access.CanSeeAsync(actor, record.Proposal))
            {
                return NotFound();
            }

            if (record.Proposal.OrganizationCode != actor.OrganizationCode || record.Instance.CurrentState != record.Definition.InitialState)
            {
                return Redirect(HttpMethods.IsPost(Request.Method) ? $"/proposals/{id}?done=stale" : $"/proposals/{id}");
            }

            Existing = attachments.List(id);
        }

        return null;
    }

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(Form.Title))
        {
            ModelState.AddModelError("Form.Title", T["err.title"]);
        }

        if (Form.Wished.All(string.IsNullOrWhiteSpace) && Form.Offered.All(string.IsNullOrWhiteSpace))
        {
            ModelState.AddModelError(OwnCountry == Country.CN ? "Form.Wished" : "Form.Offered", T["err.items"]);
        }

        if (Form.Amount is null or < 0)
        {
            ModelState.AddModelError("Form.Amount", T["err.amount"]);
        }

        // Funding is requested for a fiscal year still to come (programme.md "The path of a proposal", step 1); a past year would be overdue and past
        // its fiscal-year end the moment it reached fund execution. (The API and the replay may still record past years.)
        var currentYear = Domain.FiscalYears.FiscalYear.Of(time.GetUtcNow()).Year;
        if (!string.IsNullOrWhiteSpace(Form.FiscalYear) && !JapaneseFiscalYear.TryParse(Form.FiscalYear, out _))
        {
            ModelState.AddModelError("Form.FiscalYear", T["err.fyText", Form.FiscalYear]);
        }
        else if (FiscalYearOf(Form) is not { } fy || fy < currentYear || fy > currentYear + 5)
        {
            ModelState.AddModelError("Form.FiscalYear", T["err.fy", Viewer.FiscalYear(currentYear), Viewer.FiscalYear(currentYear + 5)]);
        }

        foreach (var (name, value) in new (string, object?)[] { ("Form.Strand", Form.Strand), ("Form.Kind", Form.Kind), ("Form.Currency", Form.Currency) })
        {
            if (value is null)
            {
                ModelState.AddModelError(name, T["err.required"]);
            }
        }
    }

    // After someone else saved, the form shows what they saved with its version: saving it again then loses nothing,
    // and "below is its current state" is true. A post without a version (an old page) keeps its input, as its message says.
    private void ShowSaved(ProposalRecord record, bool keepInput)
    {
        ETag = record.ETag;
        if (!keepInput)
        {
            Form = DraftForm.From(record.Proposal);
        }
    }

    // 2026, FY2026, 令和8年度, R8 (JapaneseFiscalYear); null when empty or none of those.
    private static int? FiscalYearOf(DraftForm form) => JapaneseFiscalYear.TryParse(form.FiscalYear, out var year) ? year : null;

    private static string Year(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string FieldOf(string? field) => field switch
    {
        "title" => "Form.Title",
        "description" => "Form.Description",
        "wishedItems" => "Form.Wished",
        "offeredItems" => "Form.Offered",
        "requestedAmount" => "Form.Amount",
        "fiscalYear" => "Form.FiscalYear",
        "partnerCityCodes" => "Form.Partner",
        _ => string.Empty,
    };

    // The domain's coded sentence, not a per-field label: a title can be refused for being empty or too long.
    private string MessageOf(DomainRuleException e) => new Resources.EngineText(Viewer.Language, null, Viewer.City).Render(e.Text);
}

/// <summary>The fields of the draft form.</summary>
public sealed class DraftForm
{
    /// <summary>Title.</summary>
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Optional partner city code.</summary>
    public string? Partner { get; set; }

    /// <summary>Strand.</summary>
    public CooperationStrand? Strand { get; set; }

    /// <summary>Level.</summary>
    public GovernmentLevel? Level { get; set; } = GovernmentLevel.Local;

    /// <summary>New, strengthened or continuing.</summary>
    public CooperationKind? Kind { get; set; }

    /// <summary>Wished items.</summary>
    public List<string?> Wished { get; set; } = [];

    /// <summary>Offered items.</summary>
    public List<string?> Offered { get; set; } = [];

    /// <summary>Planned activity kinds.</summary>
    public List<ActivityKind> Planned { get; set; } = [];

    /// <summary>Fiscal year as typed: <c>2026</c>, <c>FY2026</c>, <c>令和8年度</c>, <c>R8</c> (<see cref="JapaneseFiscalYear"/>).</summary>
    public string? FiscalYear { get; set; }

    /// <summary>Requested amount.</summary>
    public decimal? Amount { get; set; }

    /// <summary>Currency of the request.</summary>
    public Currency? Currency { get; set; }

    /// <summary>The form of an existing draft.</summary>
    public static DraftForm From(CooperationProposal p) => new()
    {
        Title = p.Title,
        Description = p.Description,
        Partner = p.PartnerCityCodes.FirstOrDefault(),
        Strand = p.Strand,
        Level = p.Level,
        Kind = p.CooperationKind,
        Wished = [.. p.WishedItems],
        Offered = [.. p.OfferedItems],
        Planned = [.. p.PlannedActivities],
        FiscalYear = p.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Amount = p.RequestedAmount.Amount,
        Currency = p.RequestedAmount.Currency,
    };

    /// <summary>The draft (fields validated before), for the fiscal year the form's text reads as.</summary>
    public ProposalDraft ToDraft(int fiscalYear) => new(
        Title ?? string.Empty,
        Description ?? string.Empty,
        string.IsNullOrWhiteSpace(Partner) ? [] : [Partner],
        Strand!.Value,
        Level ?? GovernmentLevel.Local,
        Kind!.Value,
        [.. Wished.OfType<string>()],
        [.. Offered.OfType<string>()],
        Planned,
        fiscalYear,
        new Money(Amount!.Value, Currency!.Value));
}
