using System.Text.RegularExpressions;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Localization;

/// <summary>
/// What a screen reader announces is in the reader's language too: every <c>aria-label</c> of the proposal list (its
/// menus and pager) is in Chinese or Japanese for those readers, and a state the workflow does not have is a filter
/// error in the reader's language, not an empty list.
/// </summary>
public sealed partial class PageLabelsTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Theory]
    [InlineData("zh-CN", "语言", "主导航", "分页", "“approved”不是可选项")]
    [InlineData("ja-JP", "言語", "メインメニュー", "ページ", "「approved」は選択肢にありません")]
    public async Task ProposalList_LabelsItsNavigationInTheReadersLanguage(string language, string languages, string main, string pages, string unknownState)
    {
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, language);

        var html = await page.GetAsync("/proposals");
        Assert.Equal([languages, main, pages], AriaLabels().Matches(html).Select(m => m.Groups[1].Value));

        var refused = await page.GetAsync("/proposals?state=approved");
        Assert.Contains(unknownState, refused, StringComparison.Ordinal);
    }

    [GeneratedRegex("aria-label=\"([^\"]*)\"")]
    private static partial Regex AriaLabels();
}
