using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Input;

/// <summary>The one character rule for free text: no C0 control (tab, LF, CR only in multi-line text), no broken UTF-16, no direction override in titles.</summary>
public class TextRulesTests
{
    [Theory]
    [InlineData("PM2.5\0监测", TextKind.SingleLine, "text-control-character", "6", "U+0000")]
    [InlineData("line\u0007bell", TextKind.MultiLine, "text-control-character", "5", "U+0007")]
    [InlineData("two\nlines", TextKind.SingleLine, "text-control-character", "4", "U+000A")]
    [InlineData("tab\there", TextKind.Title, "text-control-character", "4", "U+0009")]
    [InlineData("abc\u202Efdp.exe", TextKind.Title, "text-bidi-control", "4", "U+202E")]
    [InlineData("\u2066isolated\u2069", TextKind.Title, "text-bidi-control", "1", "U+2066")]
    public void RefusedCharacter_IsNamedWithItsPositionAndCodePoint(string text, TextKind kind, string code, string position, string character)
    {
        var why = TextRules.WhyNot("title", text, kind);

        Assert.NotNull(why);
        Assert.Equal(code, why.Code);
        Assert.Equal("title", why.Argument("field"));
        Assert.Equal(position, why.Argument("position"));
        Assert.Equal(character, why.Argument("character"));
    }

    [Theory]
    [InlineData("第一行\r\n\t第二行", TextKind.MultiLine)]
    [InlineData("右から左 \u202E は説明なら可", TextKind.MultiLine)]
    [InlineData("北九州市 🌏 上海市", TextKind.Title)]
    [InlineData("", TextKind.SingleLine)]
    public void AllowedText_Passes(string text, TextKind kind) => Assert.Null(TextRules.WhyNot("description", text, kind));

    [Fact]
    public void UnpairedSurrogate_IsMalformedText()
    {
        var why = TextRules.WhyNot("comment", "ok\uD800", TextKind.MultiLine);

        Assert.Equal("text-malformed", why?.Code);
        Assert.Equal("3", why?.Argument("position"));
    }

    [Fact]
    public void Printable_ReplacesOnlyTheRefusedCharacters() =>
        Assert.Equal("plan\uFFFDfdp.pdf 🌏", TextRules.Printable("plan\u202Efdp.pdf 🌏", TextKind.Title));

    [Fact]
    public void TextLimitsCheck_AppliesTheCharacterRuleAfterTheLength()
    {
        var e = Assert.Throws<DomainRuleException>(() => TextLimits.Check("topic", "VOC\0", TextLimits.ActivityText));

        Assert.Equal("topic", e.Field);
        Assert.Equal("text-control-character", e.Text.Code);
    }
}
