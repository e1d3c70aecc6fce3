using CityCoop.Domain.WorkflowVocabulary;
using System.Globalization;
using CityCoop.Domain.FiscalYears;
using CityCoop.Workflows;

namespace CityCoop.Domain.Memorandums;

/// <summary>
/// The C# side of the guards and effects named in <c>workflows/fiscal-year-memorandum.json</c>; the subject of every
/// call is a <see cref="MemorandumWorkflowSubject"/>.
/// </summary>
public static class MemorandumWorkflowHooks
{
    /// <summary>Guard: a plan is recorded (at least one pair and one activity).</summary>
    public const string PlanComplete = "plan-complete";

    /// <summary>Guard: the person confirming for the ministry did not sign for a platform (four-eyes over <c>sign</c>).</summary>
    public const string NotASignatory = "not-a-signatory";

    /// <summary>Effect: reads the input <c>plan</c> (<see cref="MemorandumPlan.FromJson"/>) and records it.</summary>
    public const string RecordPlan = "record-plan";

    /// <summary>Effect: records the day the Chinese platform agreed (its local date).</summary>
    public const string RecordAgreement = "record-agreement";

    /// <summary>Effect: records the day the signatures were completed (input <c>signedOn</c>, else today in Tokyo).</summary>
    public const string RecordSignatureDate = "record-signature-date";

    /// <summary>Effect: records the ministry's confirmation (inputs <c>confirmedOn</c>, else today in Tokyo, and <c>place</c>).</summary>
    public const string RecordConfirmation = "record-confirmation";

    /// <summary>Effect: clears the dates when the memorandum goes back to drafting.</summary>
    public const string Reopen = "reopen";

    /// <summary>Registers every memorandum guard, effect and date source on CityCoop's roles, scopes and input types (<see cref="CityCoopVocabulary"/>), plus the engine's four-eyes guard.</summary>
    public static WorkflowHooks Create() => CityCoopVocabulary.Declare()
        .AddGuard(PlanComplete, c => Memorandum(c).HasPlan ? null : FiscalYearMemorandum.PlanRequired)
        .AddGuard(NotASignatory, NotSignatory)
        .AddEffect(RecordPlan, RecordPlanEffect)
        .AddEffect(RecordAgreement, c => WorkflowInputError.Catching("comment", () => Memorandum(c).RecordAgreement(ProgrammeTimeZones.DateIn(c.Now, ProgrammeTimeZones.Shanghai))))
        // The dates are checked on each signature, the first included, though only the completing one records its date.
        .AddEffect(RecordSignatureDate, RecordSignatureDateEffect, c => WorkflowInputError.Catching("signedOn", () => DateInput(c, "signedOn")))
        .AddEffect(RecordConfirmation, RecordConfirmationEffect, c => WorkflowInputError.Catching("confirmedOn", () => DateInput(c, "confirmedOn")))
        .AddEffect(Reopen, c =>
        {
            Memorandum(c).Reopen();
            return null;
        })
        .AddDateSource(MemorandumWorkflowSubject.FiscalYearEnd);

    private static MemorandumWorkflowSubject Subject(WorkflowContext context) => (MemorandumWorkflowSubject)context.Subject;

    private static FiscalYearMemorandum Memorandum(WorkflowContext context) => Subject(context).Memorandum;

    // A signature stays in the journal whatever roles the person holds later, so a signatory who moved to the ministry
    // is still recognised: one person does not both sign and confirm.
    private static DomainText? NotSignatory(WorkflowContext context)
    {
        var signed = context.Instance.Journal.Any(e =>
            string.Equals(e.ActorUserId, context.Actor.UserId, StringComparison.Ordinal)
            && e.Action == "sign"
            && e.Kind is JournalEntryKind.Transition or JournalEntryKind.ApprovalRecorded);
        return signed
            ? DomainText.Of(
                "memorandum-signatory-confirms",
                $"{context.Actor.DisplayName} signed this memorandum for a platform and may not also take '{context.Action.Name}' for the ministry (four-eyes rule).",
                ("person", context.Actor.DisplayName),
                ("action", context.Action.Name))
            : null;
    }

    private static WorkflowInputError? RecordPlanEffect(WorkflowContext context) => WorkflowInputError.Catching("plan", () =>
    {
        if (!context.Inputs.TryGetValue("plan", out var json))
        {
            throw new DomainRuleException("plan", DomainText.Of("input-required", "plan is required.", ("field", "plan")));
        }

        var memorandum = Memorandum(context);
        var before = memorandum.HasPlan ? memorandum.ApprovalFingerprint() : null;
        memorandum.RecordPlan(MemorandumPlan.FromJson(json, "plan"), Subject(context).Cities);
        context.Note(DomainText.Of(
            "memorandum-plan-recorded",
            $"plan: {memorandum.Pairs.Count} city pairs, {memorandum.Activities.Sum(a => a.Count)} activities, {memorandum.Visits.Count} visits",
            ("pairs", memorandum.Pairs.Count),
            ("activities", memorandum.Activities.Sum(a => a.Count)),
            ("visits", memorandum.Visits.Count)));
        if (before is not null && before != memorandum.ApprovalFingerprint())
        {
            context.Note(DomainText.Of("memorandum-plan-changed", "the plan changed"));
        }
    });

    private static WorkflowInputError? RecordSignatureDateEffect(WorkflowContext context) => WorkflowInputError.Catching("signedOn", () =>
    {
        var on = DateInput(context, "signedOn");
        Memorandum(context).RecordSignature(on);
        context.Note(DomainText.Of("memorandum-signed", $"signed by both platforms on {Day(on)}", ("date", Day(on))));
    });

    private static WorkflowInputError? RecordConfirmationEffect(WorkflowContext context) => WorkflowInputError.Catching("confirmedOn", () =>
    {
        var on = DateInput(context, "confirmedOn");
        var place = context.GetText("place");
        Memorandum(context).RecordConfirmation(on, place);
        context.Note(string.IsNullOrWhiteSpace(place)
            ? DomainText.Of("memorandum-confirmed", $"confirmed on {Day(on)}", ("date", Day(on)))
            : DomainText.Of("memorandum-confirmed-at", $"confirmed on {Day(on)} in {place.Trim()}", ("date", Day(on)), ("place", place.Trim())));
    });

    // A date given as yyyy-MM-dd (a signature recorded after the day it was given on paper), never after today in Tokyo,
    // the zone ahead of the other; without one, today in Tokyo.
    private static DateOnly DateInput(WorkflowContext context, string field)
    {
        var today = ProgrammeTimeZones.DateIn(context.Now, ProgrammeTimeZones.Tokyo);
        if (context.GetText(field) is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return today;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new DomainRuleException(field, DomainText.Of("date-format", $"{field} must be a date of the form yyyy-MM-dd.", ("field", field)));
        }

        return date > today
            ? throw new DomainRuleException(field, DomainText.Of("memorandum-date-future", $"{field} {Day(date)} is after today ({Day(today)}).", ("field", field), ("date", Day(date)), ("today", Day(today))))
            : date;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
