using CityCoop.Domain.Workflows;

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
    public void Render_WithUnknownCurrentState_Throws()
    {
        Assert.Throws<ArgumentException>(() => MermaidDiagram.Render(TestHooks.Proposal(), "limbo"));
    }
}
