using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Expenses;

namespace CityCoop.Server.Tests.Expenses;

/// <summary>The currency an expense summary is in: the approval's (a yuan approval was reported as yen).</summary>
public class ExpenseSummaryTests
{
    private static readonly City Shanghai = new("shanghai", Country.CN, CityLevel.Municipality, "上海市", "上海市", "Shanghai", null, "Asia/Shanghai");
    private static readonly City Kitakyushu = new("kitakyushu", Country.JP, CityLevel.City, "北九州市", "北九州市", "Kitakyushu", "Fukuoka Prefecture", "Asia/Tokyo");

    [Theory]
    [InlineData(Currency.CNY, 1000.5)]
    [InlineData(Currency.JPY, 500000)]
    public void A_summary_is_in_the_approvals_currency(Currency currency, double approved)
    {
        var proposal = Proposal(currency);
        proposal.Approve(new Money((decimal)approved, currency));

        var summary = ExpenseBook.Summarize(proposal, [], new DateOnly(2015, 6, 1));

        Assert.Equal((currency, (decimal)approved, (decimal)approved), (summary.Currency, summary.Approved!.Value, summary.Remaining));
    }

    [Fact]
    public void Before_approval_a_summary_is_in_yen()
    {
        var summary = ExpenseBook.Summarize(Proposal(Currency.CNY), [], new DateOnly(2015, 6, 1));

        Assert.Equal((Currency.JPY, (decimal?)null), (summary.Currency, summary.Approved));
    }

    private static CooperationProposal Proposal(Currency currency)
    {
        var draft = new ProposalDraft(
            "Air-quality monitoring training",
            "Shanghai staff learn Kitakyushu's monitoring practice.",
            ["kitakyushu"],
            CooperationStrand.GovernmentStaff,
            GovernmentLevel.Local,
            CooperationKind.New,
            ["PM2.5 monitoring"],
            ["Monitoring network design"],
            [ActivityKind.TrainingVisit],
            2015,
            new Money(currency == Currency.JPY ? 1_000_000m : 2_000m, currency));
        var proposal = new CooperationProposal(Shanghai, draft, "user-1", new DateTimeOffset(2015, 5, 1, 0, 0, 0, TimeSpan.Zero));
        proposal.SetPartners([Kitakyushu]);
        return proposal;
    }
}
