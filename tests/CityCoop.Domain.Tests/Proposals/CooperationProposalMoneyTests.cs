using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Proposals;

/// <summary>
/// The money rules of a proposal (programme.md rule 3): the approval is more than zero, at most the request and in its
/// currency; continuing cooperation is not fundable; recorded costs never exceed the approval.
/// </summary>
public class CooperationProposalMoneyTests
{
    private static readonly City Shanghai = new("shanghai", Country.CN, CityLevel.Municipality, "上海市", "上海市", "Shanghai", null, "Asia/Shanghai");
    private static readonly City Kitakyushu = new("kitakyushu", Country.JP, CityLevel.City, "北九州市", "北九州市", "Kitakyushu", "Fukuoka Prefecture", "Asia/Tokyo");

    [Fact]
    public void Approve_AmountEqualToRequest_IsRecordedInTheRequestCurrency()
    {
        var proposal = Proposal(CooperationKind.New, 1_200_000m);

        proposal.Approve(Yen(1_200_000m));

        Assert.Equal(Yen(1_200_000m), proposal.ApprovedAmount);
        Assert.Equal(Yen(1_200_000m), proposal.UnplannedAmount);
    }

    [Fact]
    public void Approve_LessThanRequestForStrengthenedCooperation_IsAllowed()
    {
        var proposal = Proposal(CooperationKind.Strengthened, 1_200_000m);

        proposal.Approve(Yen(800_000m));

        Assert.Equal(Yen(800_000m), proposal.ApprovedAmount);
    }

    [Fact]
    public void Approve_FractionOfAYen_IsRefused()
    {
        var proposal = Proposal(CooperationKind.New, 1_200_000m);

        var e = Assert.Throws<DomainRuleException>(() => proposal.Approve(Yen(800_000.50m)));

        Assert.Equal("amount", e.Field);
        Assert.Equal("too-many-decimals", e.Text.Code);
        Assert.Equal("amount: 800000.5 has more decimal places than JPY has (0).", e.Message);
        Assert.Null(proposal.ApprovedAmount);
    }

    [Fact]
    public void Approve_MoreThanRequested_IsRefused()
    {
        var proposal = Proposal(CooperationKind.New, 1_200_000m);

        var e = Assert.Throws<DomainRuleException>(() => proposal.Approve(Yen(1_200_001m)));

        Assert.Equal("amount", e.Field);
        Assert.Contains("more than the requested", e.Message, StringComparison.Ordinal);
        Assert.Null(proposal.ApprovedAmount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Approve_ZeroOrNegative_IsRefused(int amount)
    {
        var proposal = Proposal(CooperationKind.New, 1_200_000m);

        var e = Assert.Throws<DomainRuleException>(() => proposal.Approve(Yen(amount)));

        Assert.Equal("The approved amount must be more than zero.", e.Message);
        Assert.Null(proposal.ApprovedAmount);
    }

    [Fact]
    public void Approve_ContinuingCooperation_IsRefusedWhateverTheAmount()
    {
        var proposal = Proposal(CooperationKind.Continuing, 1_200_000m);

        Assert.NotNull(proposal.WhyNotApprovable(Yen(100m)));
        var e = Assert.Throws<DomainRuleException>(() => proposal.Approve(Yen(100m)));

        Assert.Contains("Continuing cooperation is not fundable", e.Message, StringComparison.Ordinal);
        Assert.Null(proposal.ApprovedAmount);
    }

    [Fact]
    public void Approve_InAnotherCurrency_IsRefused()
    {
        var proposal = Proposal(CooperationKind.New, 1_200_000m);

        var e = Assert.Throws<DomainRuleException>(() => proposal.Approve(new Money(1_000m, Currency.CNY)));

        Assert.Contains("JPY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordActivity_CostsUpToTheApproval_AreChargedAndLeaveTheRemainder()
    {
        var proposal = Proposal(CooperationKind.New, 1_000_000m);
        proposal.Approve(Yen(900_000m));

        proposal.RecordActivity(Visit(), Yen(600_000m));
        proposal.RecordActivity(Visit(), Yen(300_000m));

        Assert.Equal(900_000m, proposal.PlannedActivityCosts);
        Assert.Equal(Yen(0m), proposal.UnplannedAmount);
    }

    [Fact]
    public void RecordActivity_CostBeyondTheRemainingApproval_IsRefusedAndChargesNothing()
    {
        var proposal = Proposal(CooperationKind.New, 1_000_000m);
        proposal.Approve(Yen(900_000m));
        proposal.RecordActivity(Visit(), Yen(600_000m));
        var activity = Visit();

        var e = Assert.Throws<DomainRuleException>(() => proposal.RecordActivity(activity, Yen(300_000.01m)));

        Assert.Equal("cost", e.Field);
        Assert.Equal(600_000m, proposal.PlannedActivityCosts);
        Assert.Null(activity.ProposalId);
        Assert.Null(activity.Cost);
    }

    [Fact]
    public void RecordActivity_WithCostBeforeApproval_IsRefused()
    {
        var proposal = Proposal(CooperationKind.New, 1_000_000m);

        var e = Assert.Throws<DomainRuleException>(() => proposal.RecordActivity(Visit(), Yen(1m)));

        Assert.Equal("Nothing has been approved yet.", e.Message);
    }

    [Fact]
    public void RecordActivity_WithCostInAnotherCurrency_IsRefused()
    {
        var proposal = Proposal(CooperationKind.New, 1_000_000m);
        proposal.Approve(Yen(900_000m));

        Assert.Throws<DomainRuleException>(() => proposal.RecordActivity(Visit(), new Money(1m, Currency.CNY)));
        Assert.Equal(0m, proposal.PlannedActivityCosts);
    }

    [Fact]
    public void RecordActivity_WithNegativeCost_IsRefused()
    {
        var proposal = Proposal(CooperationKind.New, 1_000_000m);
        proposal.Approve(Yen(900_000m));

        Assert.Throws<DomainRuleException>(() => proposal.RecordActivity(Visit(), Yen(-1m)));
        Assert.Equal(0m, proposal.PlannedActivityCosts);
    }

    [Fact]
    public void RecordActivity_WithoutCost_AttachesTheActivityAndChargesNothing()
    {
        var proposal = Proposal(CooperationKind.New, 1_000_000m);
        var activity = Visit();

        proposal.RecordActivity(activity, null);

        Assert.Equal(proposal.Id, activity.ProposalId);
        Assert.Equal(0m, proposal.PlannedActivityCosts);
    }

    [Fact]
    public void Create_WithNegativeRequest_IsRefused()
    {
        var e = Assert.Throws<DomainRuleException>(() => Proposal(CooperationKind.New, -1m));

        Assert.Equal("requestedAmount", e.Field);
    }

    [Fact]
    public void Amend_RaisesAndLowersWithinTheRequest_NeverBelowPaidAndHeldExpenses()
    {
        var proposal = Proposal(CooperationKind.New, 1_000_000m);
        proposal.Approve(Yen(500_000m));
        proposal.RecordActivity(Visit(), Yen(100_000m));

        Assert.Equal(Yen(500_000m), proposal.Amend(Yen(800_000m), paidExpenses: 0m, heldExpenses: 0m));
        Assert.Equal(Yen(800_000m), proposal.ApprovedAmount);

        // 200,000 paid + 50,000 held = 250,000 carried (the activity's 100,000 is a plan, not spent): 249,999 is refused, 250,000 is not.
        var below = Assert.Throws<DomainRuleException>(() => proposal.Amend(Yen(249_999m), 200_000m, 50_000m));
        Assert.Equal("amendment-below-spent", below.Text.Code);
        Assert.Equal(("249999", "200000", "50000"), (below.Text.Argument("amount"), below.Text.Argument("spent"), below.Text.Argument("held")));
        Assert.Equal(Yen(800_000m), proposal.ApprovedAmount);
        Assert.Equal(Yen(800_000m), proposal.Amend(Yen(250_000m), 200_000m, 50_000m));

        Assert.Equal("amount-over-request", Assert.Throws<DomainRuleException>(() => proposal.Amend(Yen(1_000_001m), 0m, 0m)).Text.Code);
        Assert.Equal("amendment-unchanged", Assert.Throws<DomainRuleException>(() => proposal.Amend(Yen(250_000m), 0m, 0m)).Text.Code);
        Assert.Equal("nothing-approved", Proposal(CooperationKind.New, 1_000_000m).WhyNotAmendable(Yen(1m), 0m, 0m)?.Code);
    }

    [Fact]
    public void Settle_ReleasesApprovedMinusPaidExpenses_NotThePlannedActivityCost_AndChangesTheRevision()
    {
        var proposal = Proposal(CooperationKind.New, 1_000_000m);
        proposal.Approve(Yen(300_000m));
        proposal.RecordActivity(Visit(), Yen(30_000m));
        var revision = proposal.Revision;
        var at = new DateTimeOffset(2016, 3, 31, 15, 0, 1, TimeSpan.Zero);

        var settlement = proposal.Settle(120_000m, "close", "user-2", "Sato", at);

        Assert.Equal(
            (proposal.Id, 2015, Currency.JPY, 300_000m, 120_000m, 180_000m, "close", "user-2", false, at),
            (settlement.ProposalId, settlement.FiscalYear, settlement.Currency, settlement.Approved, settlement.Spent, settlement.Released, settlement.Action, settlement.ClosedBy, settlement.BySystem, settlement.ClosedAt));
        Assert.Equal(revision + 1, proposal.Revision);
        Assert.Equal("settled: approved 300,000 JPY, spent 120,000 JPY, released 180,000 JPY to the FY2015 budget", settlement.Note().English);
        Assert.True(proposal.Settle(0m, "expire", Budgets.Settlement.SystemActor, "CityCoop scheduler", at).BySystem);
        Assert.Throws<InvalidOperationException>(() => Proposal(CooperationKind.New, 1_000m).Settle(0m, "close", "u", "n", at));
    }

    private static Money Yen(decimal amount) => new(amount, Currency.JPY);

    private static TrainingVisit Visit() =>
        new(new DateOnly(2015, 11, 24), new DateOnly(2015, 12, 3), 10, "shanghai", ["kitakyushu"], TraineeCategory.TechnicalStaff, 7);

    private static CooperationProposal Proposal(CooperationKind kind, decimal requestedYen)
    {
        var draft = new ProposalDraft(
            "Air-quality monitoring training",
            "Shanghai staff learn Kitakyushu's monitoring practice.",
            ["kitakyushu"],
            CooperationStrand.GovernmentStaff,
            GovernmentLevel.Local,
            kind,
            ["PM2.5 monitoring"],
            ["Monitoring network design"],
            [ActivityKind.TrainingVisit],
            2015,
            Yen(requestedYen));
        var proposal = new CooperationProposal(Shanghai, draft, "user-1", new DateTimeOffset(2015, 5, 1, 0, 0, 0, TimeSpan.Zero));
        proposal.SetPartners([Kitakyushu]);
        return proposal;
    }
}
