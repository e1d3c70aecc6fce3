using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Organizations;
using CityCoop.Workflows;

namespace CityCoop.Domain.Proposals;

/// <summary>
/// A cooperation proposal drafted by a Japanese or Chinese city (programme.md "The path of a proposal").
/// Its progress (state, tasks, journal) lives in its workflow instance; this aggregate holds the proposal's
/// content and the money rules: approval within the request, costs within the approval.
/// </summary>
public sealed class CooperationProposal
{
    // The approval is always in the request's currency, so only its amount is stored.
    private decimal? approvedAmount;

    private CooperationProposal()
    {
        Title = Description = ProposingCityCode = CreatedBy = string.Empty;
    }

    /// <summary>Creates a draft for a proposing city.</summary>
    /// <exception cref="DomainRuleException">A field breaks a rule of <see cref="Edit"/>.</exception>
    public CooperationProposal(City proposingCity, ProposalDraft draft, string createdBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(proposingCity);
        Id = Guid.NewGuid();
        Title = Description = string.Empty;
        ProposingCityCode = proposingCity.Code;
        ProposingCountry = proposingCity.Country;
        CreatedBy = createdBy;
        CreatedAt = now;
        Edit(draft);
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>Short title.</summary>
    public string Title { get; private set; }

    /// <summary>What the cooperation is about, free text.</summary>
    public string Description { get; private set; }

    /// <summary>Code of the city that drafted the proposal.</summary>
    public string ProposingCityCode { get; private set; }

    /// <summary>Country of the proposing city.</summary>
    public Country ProposingCountry { get; private set; }

    /// <summary>Partner cities of the other country; the first is the lead. Empty until a partner is known.</summary>
    public List<string> PartnerCityCodes { get; private set; } = [];

    /// <summary>Government-staff or enterprise strand.</summary>
    public CooperationStrand Strand { get; private set; }

    /// <summary>Local or central level.</summary>
    public GovernmentLevel Level { get; private set; }

    /// <summary>New, strengthened or continuing cooperation.</summary>
    public CooperationKind CooperationKind { get; private set; }

    /// <summary>Concrete items the Chinese city wants (they have priority, programme.md rule 5).</summary>
    public List<string> WishedItems { get; private set; } = [];

    /// <summary>Concrete items the Japanese city can offer.</summary>
    public List<string> OfferedItems { get; private set; } = [];

    /// <summary>Which wished items are matched by which offered items.</summary>
    public List<ItemMatch> MatchedItems { get; private set; } = [];

    /// <summary>Activity kinds the cities plan.</summary>
    public List<ActivityKind> PlannedActivities { get; private set; } = [];

    /// <summary>Fiscal year the funding is requested for (e.g. 2015).</summary>
    public int FiscalYear { get; private set; }

    /// <summary>Direct costs requested (programme.md rule 3).</summary>
    public Money RequestedAmount { get; private set; }

    /// <summary>Amount the ministry approved; null until approval.</summary>
    public Money? ApprovedAmount => approvedAmount is { } a ? new Money(a, RequestedAmount.Currency) : null;

    /// <summary>
    /// Sum of the planned costs of the activities recorded under the approval (yen or the approval's currency). A plan, not
    /// spending: only paid expenses count as spent (programme.md "Funds"); the plan may not exceed the approval.
    /// </summary>
    public decimal PlannedActivityCosts { get; private set; }

    /// <summary>Incremented by every change of the proposal's content; a concurrency token, part of the ETag.</summary>
    public int Revision { get; private set; }

    /// <summary>Who created the draft (user id).</summary>
    public string CreatedBy { get; private set; }

    /// <summary>When the draft was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Organisation code of the proposing city.</summary>
    public string OrganizationCode => Organization.CodeForCity(ProposingCityCode);

    /// <summary>Code of the Chinese city of the pair: the proposer if Chinese, else the lead partner (null if none yet).</summary>
    public string? ChineseCityCode => ChineseCityOf(ProposingCountry, ProposingCityCode, PartnerCityCodes);

    /// <summary>Codes of the Japanese cities of the pair, lead first.</summary>
    public IReadOnlyList<string> JapaneseCityCodes => JapaneseCitiesOf(ProposingCountry, ProposingCityCode, PartnerCityCodes);

    /// <summary>The Japanese–Chinese city pairs of the proposal (each Japanese city with the Chinese city); empty while no partner is set.</summary>
    public IReadOnlyList<(string Japanese, string Chinese)> Pairs => PairsOf(ProposingCountry, ProposingCityCode, PartnerCityCodes);

    /// <summary>
    /// The pairs of a proposal from the three columns that decide them (for queries that read only those): each Japanese
    /// city with the Chinese one, the proposer on its side and the partners, lead first, on the other; empty without partners.
    /// </summary>
    public static IReadOnlyList<(string Japanese, string Chinese)> PairsOf(Country proposingCountry, string proposingCityCode, IReadOnlyList<string> partnerCityCodes) =>
        ChineseCityOf(proposingCountry, proposingCityCode, partnerCityCodes) is { } chinese
            ? [.. JapaneseCitiesOf(proposingCountry, proposingCityCode, partnerCityCodes).Select(j => (j, chinese))]
            : [];

    private static string? ChineseCityOf(Country proposingCountry, string proposingCityCode, IReadOnlyList<string> partnerCityCodes) =>
        proposingCountry == Country.CN ? proposingCityCode : partnerCityCodes.Count > 0 ? partnerCityCodes[0] : null;

    private static IReadOnlyList<string> JapaneseCitiesOf(Country proposingCountry, string proposingCityCode, IReadOnlyList<string> partnerCityCodes) =>
        proposingCountry == Country.JP ? [proposingCityCode] : partnerCityCodes;

    /// <summary>Approved money not yet planned for activities (approved − <see cref="PlannedActivityCosts"/>), or null before approval.</summary>
    public Money? UnplannedAmount => ApprovedAmount is { } a ? new Money(a.Amount - PlannedActivityCosts, a.Currency) : null;

    /// <summary>Replaces the drafted fields (only meaningful while the proposal is a draft; the workflow enforces that).</summary>
    /// <exception cref="DomainRuleException">
    /// Empty title, a text over its <see cref="TextLimits"/> (title 200, description 8,000, each item 500 characters, 50 items a list)
    /// or with a character <see cref="TextRules"/> refuses (the title is a <see cref="TextKind.Title"/>, the description
    /// <see cref="TextKind.MultiLine"/>), no items, an amount that is not positive or breaks <see cref="Money.WhyNotValid"/>,
    /// or a fiscal year before FY2014.
    /// </exception>
    public void Edit(ProposalDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            throw new DomainRuleException("title", DomainText.Of("title-required", "A proposal needs a title."));
        }

        TextLimits.Check("title", draft.Title.Trim(), TextLimits.Title, TextKind.Title);
        TextLimits.Check("description", draft.Description?.Trim(), TextLimits.Description, TextKind.MultiLine);
        foreach (var code in draft.PartnerCityCodes ?? [])
        {
            TextRules.Check("partnerCityCodes", code, TextKind.SingleLine);
        }

        var wished = Clean(draft.WishedItems);
        var offered = Clean(draft.OfferedItems);
        TextLimits.CheckItems("wishedItems", wished);
        TextLimits.CheckItems("offeredItems", offered);
        if (wished.Count == 0 && offered.Count == 0)
        {
            throw new DomainRuleException("wishedItems", DomainText.Of("items-required", "Name at least one wished item (Chinese side) or offered item (Japanese side)."));
        }

        if (draft.RequestedAmount.Amount <= 0)
        {
            throw new DomainRuleException("requestedAmount", DomainText.Of("requested-not-positive", "The requested amount must be more than zero: only direct costs are requested."));
        }

        if (draft.RequestedAmount.WhyNotValid("requestedAmount") is { } invalid)
        {
            throw new DomainRuleException("requestedAmount", invalid);
        }

        ProgrammeYears.Check(draft.FiscalYear);

        Revision++;
        Title = draft.Title.Trim();
        Description = draft.Description?.Trim() ?? string.Empty;
        PartnerCityCodes = Clean(draft.PartnerCityCodes);
        Strand = draft.Strand;
        Level = draft.Level;
        CooperationKind = draft.CooperationKind;
        WishedItems = wished;
        OfferedItems = offered;
        PlannedActivities = [.. draft.PlannedActivities.Distinct()];
        FiscalYear = draft.FiscalYear;
        RequestedAmount = draft.RequestedAmount;
    }

    /// <summary>Sets the partner cities (lead first); they must all be of the other country.</summary>
    /// <exception cref="DomainRuleException">No partner, a partner of the proposer's own country, or a duplicate.</exception>
    public void SetPartners(IReadOnlyList<City> partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        if (partners.Count == 0)
        {
            throw new DomainRuleException("partnerCityCodes", DomainText.Of("partner-required", "Name at least one partner city."));
        }

        if (partners.Any(p => p.Country == ProposingCountry))
        {
            throw new DomainRuleException("partnerCityCodes", DomainText.Of("partner-same-country", "Partner cities must be of the other country."));
        }

        if (partners.Select(p => p.Code).Distinct().Count() != partners.Count)
        {
            throw new DomainRuleException("partnerCityCodes", DomainText.Of("partner-twice", "A partner city is named twice."));
        }

        Revision++;
        PartnerCityCodes = [.. partners.Select(p => p.Code)];
    }

    /// <summary>Corrects whether the proposal starts, strengthens or continues cooperation (the platform's call during matching).</summary>
    /// <exception cref="DomainRuleException">The proposal already has that kind: nothing would change.</exception>
    public void SetCooperationKind(CooperationKind kind)
    {
        if (kind == CooperationKind)
        {
            throw new DomainRuleException("cooperationKind", DomainText.Of(
                "cooperation-kind-unchanged",
                $"The cooperation kind is already {KindName(kind)}; nothing was changed.",
                ("cooperationKind", kind)));
        }

        Revision++;
        CooperationKind = kind;
    }

    /// <summary>
    /// A digest (lower-case hex SHA-256) of what an approval of the proposal approves: the editable fields (title,
    /// description, strand, level, cooperation kind, wished and offered items, planned activities, fiscal year), the
    /// partner cities (lead first), the matched items and the requested and approved amounts. Unordered lists are
    /// sorted and amounts written without their stored scale, so equal content gives the same digest after any reload.
    /// </summary>
    public string ApprovalFingerprint()
    {
        static string Amount(decimal? amount) => amount?.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        var content = new
        {
            title = Title,
            description = Description,
            strand = Strand.ToString(),
            level = Level.ToString(),
            kind = CooperationKind.ToString(),
            partners = PartnerCityCodes,
            wished = WishedItems.Order(StringComparer.Ordinal),
            offered = OfferedItems.Order(StringComparer.Ordinal),
            matches = MatchedItems.Select(m => new[] { m.WishedItem, m.OfferedItem }).OrderBy(m => m[0], StringComparer.Ordinal).ThenBy(m => m[1], StringComparer.Ordinal),
            planned = PlannedActivities.Select(a => a.ToString()).Order(StringComparer.Ordinal),
            fiscalYear = FiscalYear,
            requested = Amount(RequestedAmount.Amount),
            currency = RequestedAmount.Currency.ToString(),
            approved = Amount(approvedAmount),
        };
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(content);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(json));
    }

    /// <summary>A cooperation kind as the API spells it: <c>new</c>, <c>strengthened</c>, <c>continuing</c>.</summary>
    public static string KindName(CooperationKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Records which wished items the offered items match; an offered item not yet listed is added (the platform introduced it).</summary>
    /// <exception cref="DomainRuleException">No match, a wished item the proposal does not list, or an introduced item over <see cref="TextLimits.Item"/> characters or beyond <see cref="TextLimits.Items"/> offered items.</exception>
    public void RecordMatches(IReadOnlyList<ItemMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count == 0)
        {
            throw new DomainRuleException("matches", DomainText.Of("match-required", "Record at least one matched item."));
        }

        foreach (var m in matches)
        {
            if (string.IsNullOrWhiteSpace(m.WishedItem) || string.IsNullOrWhiteSpace(m.OfferedItem))
            {
                throw new DomainRuleException("matches", DomainText.Of("match-incomplete", "Each match names a wished item and an offered item."));
            }

            if (!WishedItems.Contains(m.WishedItem.Trim()))
            {
                throw new DomainRuleException("matches", DomainText.Of("match-not-wished", $"'{m.WishedItem}' is not one of the proposal's wished items.", ("item", m.WishedItem)));
            }
        }

        var recorded = matches.Select(m => new ItemMatch(m.WishedItem.Trim(), m.OfferedItem.Trim())).Distinct().ToList();
        var introduced = recorded.Select(m => m.OfferedItem).Where(o => !OfferedItems.Contains(o)).Distinct().ToList();
        TextLimits.CheckItems("offeredItems", [.. OfferedItems, .. introduced]);
        Revision++;
        MatchedItems = recorded;
        OfferedItems.AddRange(introduced);
    }

    /// <summary>Why this proposal cannot be funded at all, or null: only new or strengthened cooperation is (programme.md rule 3).</summary>
    public DomainText? WhyNotFundable() => CooperationKind == CooperationKind.Continuing
        ? DomainText.Of("continuing-not-fundable", "Continuing cooperation is not fundable: its costs stay with the cities.")
        : null;

    /// <summary>Why an approved amount does not fit the request, or null: more than zero, at most the request, in its currency.</summary>
    public DomainText? WhyNotWithinRequest(Money amount)
    {
        if (amount.Currency != RequestedAmount.Currency)
        {
            return DomainText.Of("approval-currency", $"The approved amount must be in {RequestedAmount.Currency}, the currency of the request.", ("currency", RequestedAmount.Currency));
        }

        if (amount.Amount <= 0)
        {
            return DomainText.Of("approval-not-positive", "The approved amount must be more than zero.");
        }

        if (amount.WhyNotValid("amount") is { } invalid)
        {
            return invalid;
        }

        return amount.Amount > RequestedAmount.Amount
            ? DomainText.Of(
                "amount-over-request",
                $"The approved amount {amount} is more than the requested {RequestedAmount}.",
                ("amount", amount.Amount),
                ("requested", RequestedAmount.Amount),
                ("currency", amount.Currency))
            : null;
    }

    /// <summary>Why the ministry may not approve this amount, or null if it may (<see cref="WhyNotFundable"/>, <see cref="WhyNotWithinRequest"/>).</summary>
    public DomainText? WhyNotApprovable(Money amount) => WhyNotFundable() ?? WhyNotWithinRequest(amount);

    /// <summary>Records the ministry's approved amount.</summary>
    /// <exception cref="DomainRuleException">The amount is not approvable (see <see cref="WhyNotApprovable"/>).</exception>
    public void Approve(Money amount)
    {
        if (WhyNotApprovable(amount) is { } why)
        {
            throw new DomainRuleException("amount", why);
        }

        Revision++;
        approvedAmount = amount.Amount;
    }

    /// <summary>
    /// Why the approval may not be amended to <paramref name="amount"/> in fund execution, or null if it may: it must be approved,
    /// the new amount fit the request (<see cref="WhyNotWithinRequest"/>: programme.md path step 3 lets the ministry approve less
    /// than requested, never more), differ from the current one (<c>amendment-unchanged</c>), and not go below what the approval
    /// already carries: <paramref name="paidExpenses"/> (paid on or before today; only paid expenses are spent) and
    /// <paramref name="heldExpenses"/> (scheduled or planned, which hold their part): code <c>amendment-below-spent</c> with
    /// arguments <c>amount</c>, <c>spent</c>, <c>held</c>, <c>currency</c>.
    /// </summary>
    public DomainText? WhyNotAmendable(Money amount, decimal paidExpenses, decimal heldExpenses)
    {
        if (ApprovedAmount is not { } approved)
        {
            return DomainText.Of("nothing-approved", "Nothing has been approved yet.");
        }

        if (WhyNotWithinRequest(amount) is { } outside)
        {
            return outside;
        }

        if (amount.Amount == approved.Amount)
        {
            return DomainText.Of("amendment-unchanged", $"The approved amount is already {approved}.", ("amount", amount.Amount), ("currency", amount.Currency));
        }

        return amount.Amount < paidExpenses + heldExpenses
            ? DomainText.Of(
                "amendment-below-spent",
                heldExpenses > 0
                    ? $"The approved amount cannot go below what it already carries: {new Money(paidExpenses, amount.Currency)} spent and {new Money(heldExpenses, amount.Currency)} held by scheduled or planned expenses; {amount} is less."
                    : $"The approved amount cannot go below the {new Money(paidExpenses, amount.Currency)} already spent; {amount} is less.",
                ("amount", amount.Amount),
                ("spent", paidExpenses),
                ("held", heldExpenses),
                ("currency", amount.Currency))
            : null;
    }

    /// <summary>
    /// Amends the approved amount during fund execution (the Japanese ministry raises or lowers it) and returns the amount before.
    /// A raise is committed against the year's envelope by the caller, under the budget lock (programme.md "Funds").
    /// </summary>
    /// <exception cref="DomainRuleException">The amendment is refused (see <see cref="WhyNotAmendable"/>).</exception>
    public Money Amend(Money amount, decimal paidExpenses, decimal heldExpenses)
    {
        if (WhyNotAmendable(amount, paidExpenses, heldExpenses) is { } why)
        {
            throw new DomainRuleException("amount", why);
        }

        var before = ApprovedAmount!.Value;
        Revision++;
        approvedAmount = amount.Amount;
        return before;
    }

    /// <summary>
    /// Settles the approval as fund execution closes (programme.md "Funds": the unspent rest is released; nothing carries
    /// over): spent is <paramref name="paidExpenses"/>, the expenses paid on or before the close date (activity costs are a plan). The
    /// proposal's revision changes, as its money did, so an expense recorded at the same moment conflicts instead of being
    /// left out of the settlement.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing was approved.</exception>
    public Budgets.Settlement Settle(decimal paidExpenses, string action, string closedBy, string closedByName, DateTimeOffset at)
    {
        var approved = ApprovedAmount ?? throw new InvalidOperationException("Only an approved proposal is settled.");
        Revision++;
        return new Budgets.Settlement(Id, FiscalYear, approved, Math.Min(approved.Amount, paidExpenses), action, closedBy, closedByName, at);
    }

    /// <summary>Why a cost may not be charged to the approval, or null if it may (the sum never exceeds the approval).</summary>
    public DomainText? WhyNotChargeable(Money cost)
    {
        if (ApprovedAmount is not { } approved)
        {
            return DomainText.Of("nothing-approved", "Nothing has been approved yet.");
        }

        if (cost.Currency != approved.Currency)
        {
            return DomainText.Of("cost-currency", $"Costs must be in {approved.Currency}, the currency of the approval.", ("currency", approved.Currency));
        }

        if (cost.Amount < 0)
        {
            return DomainText.Of("cost-negative", "A cost cannot be negative.");
        }

        if (cost.WhyNotValid("cost") is { } invalid)
        {
            return invalid;
        }

        return PlannedActivityCosts + cost.Amount > approved.Amount
            ? DomainText.Of(
                "cost-over-remaining",
                $"A planned cost of {cost} exceeds the {UnplannedAmount} of the approval not yet planned for activities.",
                ("cost", cost.Amount),
                ("remaining", approved.Amount - PlannedActivityCosts),
                ("currency", cost.Currency))
            : null;
    }

    /// <summary>
    /// Why an activity does not belong under this proposal, or null: it must take place within the proposal's fiscal year,
    /// 1 April to 31 March (code <c>date-outside-fiscal-year</c> on <c>startDate</c> or <c>endDate</c>; arguments field,
    /// date, from, to, fiscalYear), so the fiscal-year report counts it in the year it was funded for.
    /// </summary>
    public (string Field, DomainText Reason)? WhyNotInFiscalYear(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var year = new FiscalYears.FiscalYear(FiscalYear);
        var (field, date) = !year.Contains(activity.StartDate) ? ("startDate", activity.StartDate)
            : !year.Contains(activity.EndDate) ? ("endDate", activity.EndDate)
            : (null, default(DateOnly));
        if (field is null)
        {
            return null;
        }

        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return (field, DomainText.Of(
            "date-outside-fiscal-year",
            $"{field} {Day(date)} is outside {year}, the proposal's fiscal year ({Day(year.Start)} to {Day(year.End)}).",
            ("field", field),
            ("date", Day(date)),
            ("from", Day(year.Start)),
            ("to", Day(year.End)),
            ("fiscalYear", FiscalYear)));
    }

    /// <summary>Plans an activity's direct cost under the approval (not spent until paid as an expense) and attaches the activity to this proposal.</summary>
    /// <exception cref="DomainRuleException">The activity lies outside the proposal's fiscal year (<see cref="WhyNotInFiscalYear"/>) or the cost is not chargeable (see <see cref="WhyNotChargeable"/>).</exception>
    public void RecordActivity(Activity activity, Money? cost)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (WhyNotInFiscalYear(activity) is { } outside)
        {
            throw new DomainRuleException(outside.Field, outside.Reason);
        }

        if (cost is { } c)
        {
            if (WhyNotChargeable(c) is { } why)
            {
                throw new DomainRuleException("cost", why);
            }

            PlannedActivityCosts += c.Amount;
        }

        Revision++;
        activity.RecordAgainst(Id, cost);
    }

    /// <summary>Longest reason a void takes, in characters (the journal keeps the same text as the step's comment, up to 4000).</summary>
    public const int VoidReasonMaxLength = 4000;

    /// <summary>
    /// Why a recorded activity may not be voided, or null if it may: it must be recorded under this proposal and not
    /// voided already (a void is a reversal that happens once; a second one would give the cost back twice).
    /// </summary>
    public DomainText? WhyNotVoidable(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ProposalId != Id)
        {
            return UnknownActivity(activity.Id.ToString());
        }

        return activity.VoidedAt is { } at
            ? DomainText.Of(
                "activity-already-voided",
                $"This activity was already voided by {activity.VoidedByName} at {at:yyyy-MM-dd HH:mm} UTC; nothing was changed.",
                ("person", activity.VoidedByName),
                ("at", at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)))
            : null;
    }

    /// <summary>
    /// Voids a wrongly recorded activity, the way grant accounting reverses an entry instead of deleting it: the
    /// activity stays stored with who, when (UTC) and why, and its planned cost goes back to the unplanned amount.
    /// </summary>
    /// <param name="activity">An activity recorded under this proposal.</param>
    /// <param name="userId">Who voids it (user id).</param>
    /// <param name="userName">Their display name, kept as it is now.</param>
    /// <param name="at">When; stored as UTC.</param>
    /// <param name="reason">Why; required, at most <see cref="VoidReasonMaxLength"/> characters.</param>
    /// <exception cref="DomainRuleException">The activity is not this proposal's, is already voided, or the reason is empty or too long.</exception>
    public void VoidActivity(Activity activity, string userId, string userName, DateTimeOffset at, string reason)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (WhyNotVoidable(activity) is { } why)
        {
            throw new DomainRuleException("activityId", why);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("comment", DomainText.Of("void-reason-required", "Say why the record is voided."));
        }

        if (reason.Length > VoidReasonMaxLength)
        {
            throw new DomainRuleException("comment", DomainText.Of("void-reason-too-long", $"The reason is longer than {VoidReasonMaxLength} characters.", ("max", VoidReasonMaxLength)));
        }

        Revision++;
        if (activity.Cost is { } cost)
        {
            PlannedActivityCosts -= cost.Amount;
        }

        activity.Void(userId, userName, at, reason.Trim());
    }

    /// <summary>The refusal for an activity id that names no activity of this proposal (unknown, or another proposal's).</summary>
    public static DomainText UnknownActivity(string activityId) =>
        DomainText.Of("activity-unknown", $"No activity '{activityId}' is recorded under this proposal.", ("id", activityId));

    private static List<string> Clean(IReadOnlyList<string>? items) =>
        items is null ? [] : [.. items.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct()];
}
