using System.Text.Json;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Json;

namespace CityCoop.Domain.Tests.Input;

/// <summary>How JSON input is read: duplicate keys, enums by name only, numbers from text, broken strings; each refusal a field and a code.</summary>
public class JsonInputTests
{
    private enum Strand
    {
        GovernmentStaff,
        Enterprise,
    }

    [Theory]
    [InlineData("""{"title":"a","title":"b"}""", "title", "duplicate-key")]
    [InlineData("""{"money":{"amount":1,"amount":2}}""", "money.amount", "duplicate-key")]
    [InlineData("""{"strand":1}""", "strand", "unknown-choice")]
    [InlineData("""{"strand":"1"}""", "strand", "unknown-choice")]
    [InlineData("""{"strand":"GovernmentStaff"}""", "strand", "unknown-choice")]
    [InlineData("""{"strand":"government-staff, enterprise"}""", "strand", "unknown-choice")]
    [InlineData("""{"money":{"currency":9}}""", "money.currency", "unknown-choice")]
    [InlineData("""{"money":{"currency":"jpy"}}""", "money.currency", "unknown-choice")]
    [InlineData("""{"money":{"amount":1e30}}""", "money.amount", "amount-too-large")]
    [InlineData("""{"money":{"amount":"lots"}}""", "money.amount", "not-a-number")]
    [InlineData("""{"year":2015.5}""", "year", "not-a-whole-number")]
    [InlineData("""{"year":99999999999}""", "year", "number-out-of-range")]
    [InlineData("""{"title":5}""", "title", "wrong-type")]
    [InlineData("""{"items":[1]}""", "items", "wrong-type")]
    [InlineData("""{"title":"\ud800"}""", "title", "text-malformed")]
    [InlineData("""{"title": """, "title", "malformed-json")]
    [InlineData("""{"items":["a",null]}""", "items[1]", "input-required")]
    [InlineData("""{"items":[null],"title":"after the list"}""", "items[0]", "input-required")]
    [InlineData("""{"lines":[{"tags":["x"]},{"tags":["y",null]}]}""", "lines.tags[1]", "input-required")]
    [InlineData("""{"lines":[{"tags":[]},null]}""", "lines[1]", "input-required")]
    public void Refused_NamesTheMemberAndTheReason(string json, string field, string code)
    {
        var e = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Body>(json, JsonInput.Options));

        var (refusedField, reason) = JsonInput.Refusal(e, "body");
        Assert.Equal((field, code), (refusedField, reason.Code));
    }

    [Fact]
    public void Accepted_ReadsNamesAndNumbersAsWritten()
    {
        var body = JsonSerializer.Deserialize<Body>("""{"strand":"enterprise","money":{"amount":"１，０００","currency":"CNY"},"year":"２０１５"}""", JsonInput.Options)!;

        Assert.Equal(Strand.Enterprise, body.Strand);
        Assert.Equal(new Money(1000m, Currency.CNY), new Money(body.Money!.Amount!.Value, body.Money.Currency!.Value));
        Assert.Equal(2015, body.Year);
        Assert.Equal("""{"strand":"government-staff","money":{"amount":3,"currency":"JPY"}}""", JsonSerializer.Serialize(new { strand = Strand.GovernmentStaff, money = new { amount = 3m, currency = Currency.JPY } }, JsonInput.Options));
    }

    [Theory]
    [InlineData("$", null)]
    [InlineData("$.wishedItems[2]", "wishedItems")]
    [InlineData("$.requestedAmount.currency", "requestedAmount.currency")]
    [InlineData("$['odd key'].x", "odd key.x")]
    public void FieldOf_IsTheDottedMemberWithoutIndices(string path, string? field) => Assert.Equal(field, JsonInput.FieldOf(path));

    [Fact]
    public void NullElements_AreKept_WhereTheListDeclaresThemNullable_AndAbsentListsStayNull()
    {
        var body = JsonSerializer.Deserialize<Body>("""{"notes":["a",null],"items":null}""", JsonInput.Options)!;

        Assert.Equal(["a", null], body.Notes!);
        Assert.Null(body.Items);
    }

    private sealed record Body(string? Title, Strand? Strand, MoneyBody? Money, int? Year, IReadOnlyList<string>? Items, IReadOnlyList<Line>? Lines = null, IReadOnlyList<string?>? Notes = null);

    private sealed record Line(IReadOnlyList<string>? Tags);

    private sealed record MoneyBody(decimal? Amount, Currency? Currency);
}
