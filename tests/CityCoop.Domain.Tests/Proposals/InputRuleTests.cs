using System.Text.Json;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Proposals;

/// <summary>
/// Rules the forms promise (at least 1 trainee and 1 day, length limits) hold in the domain, whatever sends the
/// input, and every refusal is coded so readers get it in their language.
/// </summary>
public class InputRuleTests
{
    private static readonly City Shanghai = new("shanghai", Country.CN, CityLevel.Municipality, "上海市", "上海市", "Shanghai", null, "Asia/Shanghai");

    [Fact]
    public void TrainingVisit_WithNoTrainees_IsRefusedWithTheMinimumAndTheValue()
    {
        var e = Assert.Throws<DomainRuleException>(() => Visit("""{"trainees":0}""").ToActivity());

        Assert.Equal("trainees", e.Field);
        Assert.Equal("number-min", e.Text.Code);
        Assert.Equal("1", e.Text.Argument("min"));
        Assert.Equal("0", e.Text.Argument("value"));
    }

    [Fact]
    public void TrainingVisit_WithDaysDisagreeingWithTheDates_IsRefusedWithBoth()
    {
        var e = Assert.Throws<DomainRuleException>(() => Visit("""{"trainees":5,"days":3}""").ToActivity());

        Assert.Equal("days-mismatch", e.Text.Code);
        Assert.Equal("Days is 3, but 2015-07-01..2015-07-05 spans 5 days.", e.Message);
        Assert.Equal("5", e.Text.Argument("span"));
    }

    [Fact]
    public void Activity_WithTextWhereANumberBelongs_NamesThatField()
    {
        var e = Assert.Throws<DomainRuleException>(() => Visit("""{"trainees":"five"}"""));

        Assert.Equal("trainees", e.Field);
        Assert.Equal("not-a-number", e.Text.Code);
        Assert.Equal("trainees", e.Text.Argument("field"));
        Assert.Equal("five", e.Text.Argument("value"));
    }

    [Theory]
    [InlineData("""{"kind":"balloon-race"}""", "kind")]
    [InlineData("""{"kind":"on-site-consultation","japaneseCities":["kobe"],"chineseCity":"shanghai","level":"minister"}""", "level")]
    [InlineData("""{"kind":"training-visit","sendingCity":"shanghai","receivingCities":["kobe"],"traineeCategory":"5","trainees":1}""", "traineeCategory")]
    public void UnknownChoice_IsRefusedNamingTheField(string json, string field)
    {
        var e = Assert.Throws<DomainRuleException>(() => Input(json).ToActivity());

        Assert.Equal(field, e.Field);
        Assert.Equal("unknown-choice", e.Text.Code);
    }

    [Fact]
    public void SeminarTopic_OverTheLimit_SaysTheLimitAndTheLength()
    {
        var e = Assert.Throws<DomainRuleException>(() =>
            new LocalSeminar(new DateOnly(2015, 7, 1), new DateOnly(2015, 7, 1), "shanghai", [], new string('t', 501), 10));

        Assert.Equal("text-too-long", e.Text.Code);
        Assert.Equal("501", e.Text.Argument("length"));
        Assert.Equal("500", e.Text.Argument("max"));
    }

    [Fact]
    public void ProposalTitle_OfTheLimit_IsKept_AndOneMore_IsRefusedAsTooLongNotMissing()
    {
        var proposal = new CooperationProposal(Shanghai, Draft(new string('题', TextLimits.Title)), "u1", DateTimeOffset.UnixEpoch);

        var e = Assert.Throws<DomainRuleException>(() => proposal.Edit(Draft(new string('题', 201))));

        Assert.Equal(200, proposal.Title.Length);
        Assert.Equal("title", e.Field);
        Assert.Equal("text-too-long", e.Text.Code);
        Assert.Equal("title is 201 characters long; at most 200 are allowed.", e.Message);
    }

    private static ActivityInput Visit(string extra)
    {
        using var visit = JsonDocument.Parse("""{"kind":"training-visit","startDate":"2015-07-01","endDate":"2015-07-05","sendingCity":"shanghai","receivingCities":["kobe"],"traineeCategory":"TechnicalStaff"}""");
        using var more = JsonDocument.Parse(extra);
        var merged = visit.RootElement.EnumerateObject().Where(p => !more.RootElement.TryGetProperty(p.Name, out _)).Concat(more.RootElement.EnumerateObject())
            .ToDictionary(p => p.Name, p => p.Value.Clone());
        return ActivityInput.FromJson(JsonSerializer.SerializeToElement(merged), "activity");
    }

    private static ActivityInput Input(string json)
    {
        using var doc = JsonDocument.Parse(json.Replace("{", """{"startDate":"2015-07-01",""", StringComparison.Ordinal));
        return ActivityInput.FromJson(doc.RootElement.Clone(), "activity");
    }

    private static ProposalDraft Draft(string title) => new(
        title, string.Empty, [], CooperationStrand.GovernmentStaff, GovernmentLevel.Local, CooperationKind.New,
        ["VOC control"], [], [], 2015, new Money(1_000_000m, Currency.JPY));
}
