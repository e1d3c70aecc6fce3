using System.Text.Json;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Domain.Proposals;

/// <summary>
/// The C# side of the guards and effects named in <c>workflows/cooperation-proposal.json</c>; the subject of
/// every call is a <see cref="ProposalWorkflowSubject"/>.
/// </summary>
public static class ProposalWorkflowHooks
{
    /// <summary>
    /// Name of the guard refusing "strengthened" or "continuing" cooperation for a pairing with nothing to build on
    /// (<see cref="ProposalWorkflowSubject.WhyKindDoesNotFitPairing"/>); a step whose action names it needs the subject's
    /// <see cref="CooperationHistory"/>.
    /// </summary>
    public const string KindFitsPairingGuard = "kind-fits-pairing";

    /// <summary>
    /// Name of the guard of an amendment of the approval in fund execution (<see cref="CooperationProposal.WhyNotAmendable"/>:
    /// changed, within the request, not below what is spent or held); a step whose action names it needs the subject's expenses.
    /// </summary>
    public const string AmendmentCoversSpentGuard = "amendment-covers-spent";

    /// <summary>
    /// Declares CityCoop's roles, scopes and input types (<see cref="CityCoopVocabulary"/>), what a bare <c>four-eyes</c> of
    /// versions stored before the guard took parameters means (<c>submit</c> and <c>match</c>), and registers every
    /// proposal guard, effect and date source, and the money rule
    /// (<see cref="Money.WhyNotValid"/>) for amount inputs and activity costs in the proposal's currency, checked as input
    /// before any guard.
    /// </summary>
    public static WorkflowHooks Create() => CityCoopVocabulary.Declare()
        .FourEyesWhenBare("submit", "match")
        .AddGuard("has-partner-city", c => Subject(c).Proposal.PartnerCityCodes.Count > 0 ? null : DomainText.Of("partner-city-required", "Set a partner city first."))
        .AddGuard("has-matched-item", c => Subject(c).Proposal.MatchedItems.Count > 0 ? null : DomainText.Of("matched-item-required", "Record at least one matched item first."))
        .AddGuard(KindFitsPairingGuard, c => Subject(c).WhyKindDoesNotFitPairing())
        .AddEffect("set-cooperation-kind", SetCooperationKind)
        .AddGuard("amount-within-requested", c => Amount(c) is { } a ? Subject(c).Proposal.WhyNotWithinRequest(a) : null)
        .AddGuard("fundable-cooperation", c => Subject(c).Proposal.WhyNotFundable())
        .AddGuard("within-approved-amount", WithinApprovedAmount)
        .AddEffect("set-partner-cities", SetPartnerCities)
        .AddEffect("record-consultation", c => RecordActivity(c, "consultation", ActivityKind.OnSiteConsultation))
        .AddEffect("record-matched-items", RecordMatchedItems)
        .AddEffect("set-approved-amount", SetApprovedAmount)
        .AddGuard(AmendmentCoversSpentGuard, c => Amount(c) is { } a ? Subject(c).Proposal.WhyNotAmendable(a, Expenses(c).Paid, Expenses(c).Held) : null)
        .AddEffect("amend-approved-amount", AmendApprovedAmount)
        .AddEffect("record-activity", c => RecordActivity(c, "activity", null))
        .AddGuard("activity-not-voided", ActivityNotVoided)
        .AddEffect("void-activity", VoidActivity)
        .AddDateSource(ProposalWorkflowSubject.FiscalYearEnd)
        .AddInputCheck(CityCoopInputTypes.Amount, CheckAmount)
        .AddInputCheck(CityCoopInputTypes.Activity, CheckCost);

    private static ProposalWorkflowSubject Subject(WorkflowContext context) => (ProposalWorkflowSubject)context.Subject;

    private static Currency CurrencyOf(IWorkflowSubject subject)
    {
        var proposal = ((ProposalWorkflowSubject)subject).Proposal;
        return proposal.ApprovedAmount?.Currency ?? proposal.RequestedAmount.Currency;
    }

    private static WorkflowInputError? CheckAmount(IWorkflowSubject subject, InputDefinition input, JsonElement value) =>
        CityCoopInputTypes.AmountOf(value) is { } amount && new Money(amount, CurrencyOf(subject)).WhyNotValid(input.Name) is { } why
            ? new WorkflowInputError(input.Name, why)
            : null;

    // Reading the activity here also reports a malformed one as input (400) before the guards look at it.
    private static WorkflowInputError? CheckCost(IWorkflowSubject subject, InputDefinition input, JsonElement value)
    {
        try
        {
            var activity = ActivityInput.FromJson(value, input.Name);

            // A sign is the input's shape (400), not a rule of the proposal: the guard would answer 409.
            if (activity.Cost is < 0)
            {
                return new WorkflowInputError("cost", DomainText.Of("cost-negative", "A cost cannot be negative.", ("field", "cost")));
            }

            return activity.CostIn(CurrencyOf(subject))?.WhyNotValid("cost") is { } why
                ? new WorkflowInputError("cost", why)
                : null;
        }
        catch (DomainRuleException e)
        {
            return new WorkflowInputError(e.Field ?? input.Name, e.Text);
        }
    }

    private static Money? Amount(WorkflowContext context) =>
        context.GetAmount("amount") is { } amount ? new Money(amount, Subject(context).Proposal.RequestedAmount.Currency) : null;

    private static DomainText? WithinApprovedAmount(WorkflowContext context)
    {
        if (!context.Inputs.TryGetValue("activity", out var json))
        {
            return null;
        }

        try
        {
            var proposal = Subject(context).Proposal;
            var cost = ActivityInput.FromJson(json, "activity").CostIn(proposal.ApprovedAmount?.Currency ?? proposal.RequestedAmount.Currency);
            return cost is { } c ? proposal.WhyNotChargeable(c) : null;
        }
        catch (DomainRuleException)
        {
            // A malformed activity is reported by the effect as an input error, not as a guard refusal.
            return null;
        }
    }

    private static WorkflowInputError? SetPartnerCities(WorkflowContext context) => WorkflowInputError.Catching("cityCodes", () =>
    {
        var subject = Subject(context);
        var codes = context.GetStrings("cityCodes");
        var unknown = codes.Where(c => !subject.Cities.ContainsKey(c)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainRuleException("cityCodes", DomainText.Of("unknown-cities", $"Unknown city code(s): {string.Join(", ", unknown)}.", ("codes", string.Join(",", unknown))));
        }

        var before = subject.Proposal.PartnerCityCodes.ToList();
        subject.Proposal.SetPartners([.. codes.Select(c => subject.Cities[c])]);
        if (before.Count > 0 && !before.SequenceEqual(subject.Proposal.PartnerCityCodes))
        {
            // Says what an approval withdrawn by this change had approved.
            context.Note(DomainText.Of(
                "partner-changed",
                $"partner changed from {string.Join(", ", before)} to {string.Join(", ", subject.Proposal.PartnerCityCodes)}",
                ("fromCities", string.Join(",", before)),
                ("toCities", string.Join(",", subject.Proposal.PartnerCityCodes))));
        }

        var chinese = subject.Proposal.ChineseCityCode!;
        foreach (var japanese in subject.Proposal.JapaneseCityCodes)
        {
            context.Note(subject.DescribePairing(japanese, chinese));
        }
    });

    private static WorkflowInputError? RecordMatchedItems(WorkflowContext context) => WorkflowInputError.Catching("items", () =>
    {
        if (!context.Inputs.TryGetValue("items", out var json) || json.ValueKind != JsonValueKind.Array)
        {
            throw new DomainRuleException("items", DomainText.Of("items-shape", "items is a list of {\"wished\": …, \"offered\": …}."));
        }

        // The engine let through only objects of strings (CityCoopInputTypes.Items).
        var matches = json.EnumerateArray().Select(e => new ItemMatch(Member(e, "wished"), Member(e, "offered"))).ToList();
        var proposal = Subject(context).Proposal;
        var before = proposal.MatchedItems.ToList();
        proposal.RecordMatches(matches);
        var removed = before.Except(proposal.MatchedItems).ToList();
        var added = proposal.MatchedItems.Except(before).ToList();
        if (before.Count > 0 && (removed.Count > 0 || added.Count > 0))
        {
            context.Note(DomainText.Of(
                "matches-changed",
                $"matched items changed: removed {Matches(removed)}; added {Matches(added)}",
                ("removed", Matches(removed)),
                ("added", Matches(added))));
        }
    });

    private static string Matches(List<ItemMatch> matches) =>
        matches.Count == 0 ? "—" : string.Join("; ", matches.Select(m => $"“{m.WishedItem}” → “{m.OfferedItem}”"));

    private static WorkflowInputError? SetCooperationKind(WorkflowContext context) => WorkflowInputError.Catching("cooperationKind", () =>
    {
        // By its name only, as a new proposal's kind is read (JsonInput): "STRENGTHENED" or " continuing " were taken and
        // journaled as typed.
        var text = context.GetText("cooperationKind") ?? string.Empty;
        var known = Enum.GetValues<CooperationKind>().Where(k => string.Equals(CooperationProposal.KindName(k), text, StringComparison.Ordinal)).ToList();
        if (known is not [var kind])
        {
            throw new DomainRuleException("cooperationKind", DomainText.UnknownChoice("cooperationKind", text, Enum.GetValues<CooperationKind>().Select(CooperationProposal.KindName)));
        }

        var proposal = Subject(context).Proposal;
        var before = proposal.CooperationKind;
        proposal.SetCooperationKind(kind);
        context.Note(DomainText.Of(
            "cooperation-kind-changed",
            $"cooperation kind changed from {CooperationProposal.KindName(before)} to {CooperationProposal.KindName(kind)}",
            ("fromKind", before),
            ("toKind", kind)));
    });

    private static WorkflowInputError? SetApprovedAmount(WorkflowContext context) => WorkflowInputError.Catching("amount", () =>
    {
        var amount = Amount(context) ?? throw new DomainRuleException("amount", DomainText.Of("input-required", "amount is required.", ("field", "amount")));
        Subject(context).Proposal.Approve(amount);
    });

    // Expenses count in yen against an approval in yen; one in CNY has none.
    private static (decimal Paid, decimal Held) Expenses(WorkflowContext context) =>
        Subject(context).ExpensesOn(FiscalYears.ProgrammeTimeZones.DateIn(context.Now, FiscalYears.ProgrammeTimeZones.Tokyo));

    private static WorkflowInputError? AmendApprovedAmount(WorkflowContext context) => WorkflowInputError.Catching("amount", () =>
    {
        var amount = Amount(context) ?? throw new DomainRuleException("amount", DomainText.Of("input-required", "amount is required.", ("field", "amount")));
        var (paid, held) = Expenses(context);
        var before = Subject(context).Proposal.Amend(amount, paid, held);
        context.Note(DomainText.Of(
            "approval-amended",
            $"approved amount changed from {before} to {amount}",
            ("fromAmount", before.Amount),
            ("toAmount", amount.Amount),
            ("currency", amount.Currency)));
    });

    // kind: the only kind the action records (record-consultation: consultations; a training visit sent with it during
    // matching is refused, not recorded under that name), or null for any (record-activity).
    private static WorkflowInputError? RecordActivity(WorkflowContext context, string field, ActivityKind? kind) => WorkflowInputError.Catching(field, () =>
    {
        if (!context.Inputs.TryGetValue(field, out var json))
        {
            throw new DomainRuleException(field, DomainText.Of("input-required", $"{field} is required.", ("field", field)));
        }

        var subject = Subject(context);
        var input = ActivityInput.FromJson(json, field);
        var activity = input.ToActivity(kind);
        if (kind is not null && activity.Kind != kind)
        {
            throw new DomainRuleException("kind", DomainText.UnknownChoice("kind", input.Kind, ActivityInput.Kinds.Where(k => k.Value == kind).Select(k => k.Key)));
        }

        if (subject.WhyActivityCitiesDoNotFit(activity) is { } misfit)
        {
            throw new DomainRuleException(misfit.Field, misfit.Reason);
        }

        subject.AddRecordedActivity(activity);
        var proposal = subject.Proposal;
        proposal.RecordActivity(activity, input.CostIn(proposal.ApprovedAmount?.Currency ?? proposal.RequestedAmount.Currency));
        var english = $"{activity.Kind} {activity.StartDate:yyyy-MM-dd}..{activity.EndDate:yyyy-MM-dd}" + (activity.Cost is { } cost ? $", cost {cost}" : string.Empty);
        context.Note(activity.Cost is { } c
            ? DomainText.Of("activity-recorded-cost", english, ("kind", activity.Kind), ("start", Day(activity.StartDate)), ("end", Day(activity.EndDate)), ("cost", c.Amount), ("currency", c.Currency))
            : DomainText.Of("activity-recorded", english, ("kind", activity.Kind), ("start", Day(activity.StartDate)), ("end", Day(activity.EndDate))));
    });

    // An unknown id is an input error, reported by the effect; the guard refuses what is a rule: voiding twice.
    private static DomainText? ActivityNotVoided(WorkflowContext context) =>
        FindActivity(context) is { } activity ? Subject(context).Proposal.WhyNotVoidable(activity) : null;

    private static WorkflowInputError? VoidActivity(WorkflowContext context) => WorkflowInputError.Catching("activityId", () =>
    {
        var subject = Subject(context);
        var activity = FindActivity(context)
            ?? throw new DomainRuleException("activityId", CooperationProposal.UnknownActivity(context.GetText("activityId") ?? string.Empty));
        var proposal = subject.Proposal;
        proposal.VoidActivity(activity, context.Actor.UserId, context.Actor.DisplayName, context.Now, context.GetText("comment") ?? string.Empty);
        var english = $"voided {activity.Kind} {activity.StartDate:yyyy-MM-dd}..{activity.EndDate:yyyy-MM-dd}";
        context.Note(activity.Cost is { } c
            ? DomainText.Of(
                "activity-voided-cost",
                $"{english}; planned cost {c} returned, not yet planned {proposal.UnplannedAmount}",
                ("kind", activity.Kind),
                ("start", Day(activity.StartDate)),
                ("end", Day(activity.EndDate)),
                ("cost", c.Amount),
                ("remaining", proposal.UnplannedAmount?.Amount),
                ("currency", c.Currency))
            : DomainText.Of("activity-voided", english, ("kind", activity.Kind), ("start", Day(activity.StartDate)), ("end", Day(activity.EndDate))));
    });

    private static Activity? FindActivity(WorkflowContext context) =>
        Guid.TryParse(context.GetText("activityId"), out var id) ? Subject(context).FindActivity(id) : null;

    private static string Member(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
