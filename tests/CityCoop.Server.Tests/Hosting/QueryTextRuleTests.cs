using CityCoop.Server.Hosting;

namespace CityCoop.Server.Tests.Hosting;

/// <summary>Which raw query strings the API refuses before binding, and with which field and code.</summary>
public class QueryTextRuleTests
{
    [Theory]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("?q=%E4%B8%8A%E6%B5%B7&page=2")]
    [InlineData("?q=PM2.5+%E5%A4%A7%E6%B0%94&mine")]
    [InlineData("?q=a%2Bb&&x=")]
    [InlineData("?q=100%25")]
    [InlineData("?q=%F0%9F%8C%8F")]
    public void Text_Passes(string query) => Assert.Null(QueryTextRule.WhyNot(query));

    [Theory]
    [InlineData("?q=PM%FF", "q", "text-malformed")]
    [InlineData("?q=%E4%B8", "q", "text-malformed")]
    [InlineData("?q=%ED%A0%80", "q", "text-malformed")]
    [InlineData("?page=1&state=draft%00", "state", "text-control-character")]
    [InlineData("?user=%0A", "user", "text-control-character")]
    [InlineData("?q=%E2%80%AEexe", null, null)]
    [InlineData("?%FF=1", "query", "text-malformed")]
    [InlineData("?a%00=1", "query", "text-control-character")]
    public void Refused_NamesTheKeyAndTheReason(string query, string? field, string? code)
    {
        var refused = QueryTextRule.WhyNot(query);

        Assert.Equal((field, code), (refused?.Field, refused?.Reason.Code));
    }
}
