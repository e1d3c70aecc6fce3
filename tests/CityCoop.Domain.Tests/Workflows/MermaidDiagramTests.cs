using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Workflows;

public class MermaidDiagramTests
{
    [Fact]
    public void Render_ContainsEveryStateTransitionAndFinalMarker()
    {
        var text = MermaidDiagram.Render(TestHooks.Proposal(), null);

        Assert.StartsWith("stateDiagram-v2\n", text, StringComparison.Ordinal);
        Assert.Contains("state \"platform-matching\" as s_platform_matching", text);
        Assert.Contains("[*] --> s_draft", text);
        Assert.Contains("s_draft --> s_platform_matching : submit", text);
        Assert.Contains("s_platform_matching --> s_ministry_approval : match", text);
        Assert.Contains("s_ministry_approval --> s_rejected : reject", text);
        Assert.Contains("s_closed --> [*]", text);
        Assert.Contains("s_withdrawn --> [*]", text);
        Assert.DoesNotContain("record-consultation", text);
        Assert.DoesNotContain("classDef", text);
    }

    [Fact]
    public void Render_WithCurrentState_MarksOnlyThatState()
    {
        var text = MermaidDiagram.Render(TestHooks.Proposal(), "ministry-approval");

        Assert.Contains("classDef current ", text);
        Assert.Single(text.Split('\n'), l => l.Trim().StartsWith("class ", StringComparison.Ordinal));
        Assert.Contains("class s_ministry_approval current", text);
    }

    [Fact]
    public void Render_WithLanguage_UsesDisplayNames()
    {
        Assert.Contains("state \"平台匹配\" as s_platform_matching", MermaidDiagram.Render(TestHooks.Proposal(), null, "zh"));
    }

    [Fact]
    public void Render_InJapaneseAndChinese_LabelsArrowsWithActionDisplayNames()
    {
        var ja = MermaidDiagram.Render(TestHooks.Proposal(), null, "ja");
        var zh = MermaidDiagram.Render(TestHooks.Proposal(), null, "zh");

        Assert.Contains("s_draft --> s_platform_matching : 提出\n", ja, StringComparison.Ordinal);
        Assert.Contains("s_platform_matching --> s_ministry_approval : マッチング承認\n", ja, StringComparison.Ordinal);
        Assert.Contains("s_draft --> s_platform_matching : 提交\n", zh, StringComparison.Ordinal);
        Assert.Contains("s_ministry_approval --> s_fund_execution : 批准\n", zh, StringComparison.Ordinal);
        Assert.DoesNotContain(": submit", ja, StringComparison.Ordinal);
        Assert.DoesNotContain(": match", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTaskAndAction_HasDisplayNamesInAllThreeLanguages()
    {
        var definition = TestHooks.Proposal();

        Assert.All(definition.States.SelectMany(s => s.Tasks), t => Assert.Equal(["en", "ja", "zh"], t.DisplayNames.Keys.Order(StringComparer.Ordinal)));
        Assert.All(definition.States.SelectMany(s => s.Actions), a => Assert.Equal(["en", "ja", "zh"], a.Action.DisplayNames.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal("提案の作成と提出", definition.GetState("draft").Tasks[0].DisplayName("ja-JP"));
        Assert.Equal("起草并提交提案", definition.GetState("draft").Tasks[0].DisplayName("zh-CN"));
    }

    [Fact]
    public void Render_WithUnknownCurrentState_Throws()
    {
        Assert.Throws<ArgumentException>(() => MermaidDiagram.Render(TestHooks.Proposal(), "limbo"));
    }
}
