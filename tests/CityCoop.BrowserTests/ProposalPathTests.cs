using Microsoft.Playwright;
using static CityCoop.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace CityCoop.BrowserTests;

/// <summary>A proposal carried from draft to closed through the pages, each person in their own browser and language.</summary>
[Collection(SiteGroup.Name)]
public sealed class ProposalPathTests(CityCoopSite site)
{
    [Fact]
    public async Task WholePath_ShanghaiDraftToClosed_EachUserInTheirOwnLanguage()
    {
        var title = "上海 PM2.5 源解析合作 " + Guid.NewGuid().ToString("N")[..6];

        // Shanghai city staff, in Chinese: draft without a partner, then submit.
        var (shanghaiContext, shanghai) = await site.SignInAsync("shanghai", "zh-CN", "Asia/Shanghai");
        await Expect(shanghai.Locator("h1")).ToHaveTextAsync("我的待办");
        await CityCoopSite.ScreenshotAsync(shanghai, "zh-01-tasks");
        await shanghai.GotoAsync("/proposals/new");
        await Expect(shanghai.Locator("h1")).ToHaveTextAsync("新建提案");
        await CityCoopSite.ScreenshotAsync(shanghai, "zh-02-new-proposal-form");
        var id = await CreateDraftAsync(shanghai, title, "PM2.5 源解析", "VOC 排放控制", "大气监测网络");
        await ExpectStateAsync(shanghai, "draft");
        await Expect(shanghai.Locator("[data-testid=partners]")).ToContainTextAsync("尚未确定");
        await Expect(shanghai.Locator("[data-testid=wished] li")).ToHaveCountAsync(3);
        await Expect(shanghai.Locator("[data-testid=notice]")).ToHaveTextAsync("草稿已保存。");
        await ActAsync(shanghai, "submit", f => f.Locator("textarea").FillAsync("请平台协助寻找日方合作城市。"));
        await ExpectStateAsync(shanghai, "platform-matching");
        await Expect(shanghai.Locator("[data-testid=state]")).ToHaveTextAsync("平台匹配");
        await CityCoopSite.ScreenshotAsync(shanghai, "zh-03-proposal-submitted");

        // Submitted, the proposal waits on the platforms: listed under "waiting on others", not as a task to do.
        await shanghai.GotoAsync("/");
        await Expect(shanghai.Locator("[data-testid=following]")).ToContainTextAsync(title);
        await Expect(shanghai.Locator("[data-testid=tasks] a", new() { HasText = title })).ToHaveCountAsync(0);

        // Japanese platform reviewer, in Japanese: the task is in the inbox; pick Kitakyushu (a new pairing),
        // record a consultation, mark a match, approve the matching.
        var (jpContext, platformJp) = await site.SignInAsync("platform.jp", "ja-JP", "Asia/Tokyo");
        await Expect(platformJp.Locator("h1")).ToHaveTextAsync("マイタスク");
        await Expect(platformJp.Locator("[data-testid=tasks]")).ToContainTextAsync(title);
        await CityCoopSite.ScreenshotAsync(platformJp, "ja-01-tasks");
        await platformJp.Locator("[data-testid=tasks] a", new() { HasText = title }).ClickAsync();
        await ExpectStateAsync(platformJp, "platform-matching");
        await Expect(platformJp.Locator("[data-testid=state]")).ToHaveTextAsync("プラットフォームによるマッチング");
        await Expect(platformJp.Locator("html")).ToHaveAttributeAsync("data-diagram", "rendered");
        await Expect(platformJp.Locator("[data-testid=diagram] svg")).ToBeVisibleAsync();

        await ActAsync(platformJp, "set-partner", async f =>
        {
            await Expect(f.Locator("select[name=lead] option[value=kitakyushu]")).ToContainTextAsync("新規ペア");
            await f.Locator("select[name=lead]").SelectOptionAsync("kitakyushu");
        });
        await Expect(platformJp.Locator("[data-testid=partners]")).ToContainTextAsync("北九州市");
        await Expect(platformJp.Locator("[data-testid=partners]")).ToContainTextAsync("新規ペア");

        await ActAsync(platformJp, "record-consultation", async f =>
        {
            await f.Locator("input[name=startDate]").FillAsync("2026-06-10");
            await f.Locator("input[name=endDate]").FillAsync("2026-06-11");
            await Expect(f.Locator("output.days")).ToHaveTextAsync("2");
            await f.Locator("select[name=level]").SelectOptionAsync("bureau-chief");
            await f.Locator("input[name=counterpartsZh]").FillAsync("上海市环保局");
            await f.Locator("input[name=counterpartsEn]").FillAsync("Shanghai Environmental Protection Bureau");
            await f.Locator("input[name=decided]").CheckAsync();

            // Nothing is approved yet, so a cost could only be refused: the form does not offer one.
            await Expect(f.Locator("input[name=cost]")).ToHaveCountAsync(0);
        });
        await Expect(platformJp.Locator("[data-testid=activities]")).ToContainTextAsync("現地協議");
        await Expect(platformJp.Locator("[data-testid=activities]")).ToContainTextAsync("局長級");

        await ActAsync(platformJp, "record-matches", async f =>
        {
            await f.Locator("input[name=introduced]").Nth(0).FillAsync("北九州市の大気モニタリング技術");
            await f.Locator("input[name=introduced]").Nth(1).FillAsync("北九州市の VOC 対策経験");
        });
        await Expect(platformJp.Locator("[data-testid=matches] tbody tr")).ToHaveCountAsync(2);
        await CityCoopSite.ScreenshotAsync(platformJp, "ja-02-matching");

        await ActAsync(platformJp, "match", f => f.Locator("textarea").FillAsync("日本側プラットフォームとして承認します。"));
        await Expect(platformJp.Locator("[data-testid=notice]")).ToContainTextAsync("あと 1 件");
        await ExpectStateAsync(platformJp, "platform-matching");

        // Chinese platform reviewer, in Chinese: the second approval moves it to the ministry.
        var (cnContext, platformCn) = await site.SignInAsync("platform.cn", "zh-CN", "Asia/Shanghai");
        // The matching task is due at the end of a Chinese business day: shown as 24:00 of that day, as in the emails.
        await Expect(platformCn.Locator("main")).ToContainTextAsync("24:00 (Asia/Shanghai)");
        await platformCn.GotoAsync($"/proposals/{id}");
        await Expect(platformCn.Locator("[data-testid=approval-progress]")).ToHaveTextAsync("（已有 1 项，共需 2 项）");
        await Expect(platformCn.Locator("[data-testid=approvals] li").First).ToContainTextAsync("日方平台");
        await Expect(platformCn.Locator("[data-testid=approvals]")).ToContainTextAsync("等待：中方平台");
        await Expect(platformCn.Locator("[data-testid=timeline]")).ToContainTextAsync("审批（日方平台）：已批准 1/2");
        await Expect(platformCn.Locator("[data-testid=timeline]")).ToContainTextAsync("北九州市–上海市：新结对（无友好城市关系）");
        await ExpectNoEngineEnglishAsync(platformCn);
        await ActAsync(platformCn, "match", f => f.Locator("textarea").FillAsync("中方平台同意。"));
        await ExpectStateAsync(platformCn, "ministry-approval");
        await Expect(platformCn.Locator("[data-testid=state]")).ToHaveTextAsync("环境省审批");

        // Ministry officer, in Japanese: fundable, approves a reduced amount.
        var (ministryContext, ministry) = await site.SignInAsync("ministry.jp", "ja-JP", "Asia/Tokyo");
        await ministry.GotoAsync($"/proposals/{id}");
        await ministry.Locator("details[data-action=approve] summary").ClickAsync();
        await Expect(ministry.Locator("details[data-action=approve] [data-testid=fundable]")).ToContainTextAsync("助成対象");
        await CityCoopSite.ScreenshotAsync(ministry, "ja-03-ministry-sign-off");
        // Over the request first: refused, and the reason is in Japanese, not the engine's English.
        await ministry.Locator("details[data-action=approve] input[name=amount]").FillAsync("3000001");
        await ministry.Locator("details[data-action=approve] button[type=submit]").ClickAsync();
        await Expect(ministry.Locator("[data-testid=refused]")).ToContainTextAsync("承認額 3,000,001円 が申請額 3,000,000円 を超えています。");
        await ExpectNoEngineEnglishAsync(ministry);

        // The refused form stays open with the amount as typed; correct it there.
        await Expect(ministry.Locator("details[data-action=approve] input[name=amount]")).ToHaveValueAsync("3000001");
        await ministry.Locator("details[data-action=approve] input[name=amount]").FillAsync("2500000");
        await ministry.Locator("details[data-action=approve] button[type=submit]").ClickAsync();
        await ExpectStateAsync(ministry, "fund-execution");
        await Expect(ministry.Locator("[data-testid=approved]")).ToHaveTextAsync("2,500,000 JPY");

        // The Japanese platform records the training visit and its cost, then closes.
        await platformJp.GotoAsync($"/proposals/{id}");
        await ActAsync(platformJp, "record-activity", async f =>
        {
            await f.Locator("select[name=kind]").SelectOptionAsync("training-visit");
            await f.Locator("input[name=startDate]").FillAsync("2026-07-01");
            await f.Locator("input[name=endDate]").FillAsync("2026-07-05");
            await Expect(f.Locator("output.days")).ToHaveTextAsync("5");
            await f.Locator("select[name=sendingCity]").SelectOptionAsync("shanghai");
            await f.Locator("select[name=mainHost]").SelectOptionAsync("kitakyushu");
            await f.Locator("select[name=traineeCategory]").SelectOptionAsync("TechnicalStaff");
            await f.Locator("input[name=trainees]").FillAsync("5");
            await f.Locator("input[name=cost]").FillAsync("2000000");
        });
        await Expect(platformJp.Locator("[data-testid=activities]")).ToContainTextAsync("訪日研修");
        await Expect(platformJp.Locator("[data-testid=timeline]")).ToContainTextAsync("訪日研修 2026-07-01～2026-07-05、費用 2,000,000円");
        await ExpectNoEngineEnglishAsync(platformJp);
        await Expect(platformJp.Locator("[data-testid=planned-activity-costs]")).ToHaveTextAsync("2,000,000 JPY");
        await Expect(platformJp.Locator("[data-testid=unplanned]")).ToHaveTextAsync("500,000 JPY");
        await CityCoopSite.ScreenshotAsync(platformJp, "ja-04-fund-execution");
        await ActAsync(platformJp, "close", f => f.Locator("textarea").FillAsync("研修完了。"));
        await ExpectStateAsync(platformJp, "closed");
        await Expect(platformJp.Locator("[data-testid=notice]")).ToHaveTextAsync("「完了」を実行しました。");
        await Expect(platformJp.Locator("[data-testid=state]")).ToHaveTextAsync("完了");
        await Expect(platformJp.Locator("[data-testid=no-actions]")).ToBeVisibleAsync();
        await Expect(platformJp.Locator("[data-testid=approvals]")).ToHaveCountAsync(0);
        await CityCoopSite.ScreenshotAsync(platformJp, "ja-05-closed");

        // Back in Shanghai, in Chinese: the whole timeline, closed.
        await shanghai.GotoAsync($"/proposals/{id}");
        await ExpectStateAsync(shanghai, "closed");
        await Expect(shanghai.Locator("[data-testid=state]")).ToHaveTextAsync("已结束");
        Assert.True(await shanghai.Locator("[data-testid=timeline] li").CountAsync() >= 9, "the timeline lists every step");
        await Expect(shanghai.Locator("[data-testid=timeline]")).ToContainTextAsync("(Asia/Shanghai)");
        await ExpectNoEngineEnglishAsync(shanghai);
        await CityCoopSite.ScreenshotAsync(shanghai, "zh-04-closed-timeline");
        await shanghai.GotoAsync("/proposals?q=" + Uri.EscapeDataString(title[..8]));
        await Expect(shanghai.Locator("[data-testid=proposals]")).ToContainTextAsync("已结束");
        await CityCoopSite.ScreenshotAsync(shanghai, "zh-05-proposal-list");

        // The same pages on a phone.
        await shanghai.SetViewportSizeAsync(390, 844);
        await shanghai.GotoAsync($"/proposals/{id}");
        await Expect(shanghai.Locator("[data-testid=diagram] svg")).ToBeVisibleAsync();
        await CityCoopSite.ScreenshotAsync(shanghai, "zh-08-phone-proposal");
        await shanghai.GotoAsync("/");
        await CityCoopSite.ScreenshotAsync(shanghai, "zh-09-phone-tasks");

        foreach (var c in new[] { shanghaiContext, jpContext, cnContext, ministryContext })
        {
            await c.CloseAsync();
        }
    }

    [Fact]
    public async Task RefusedConsultation_InJapanese_KeepsEverythingTypedInTheOpenForm()
    {
        var title = "協議の入力保持 " + Guid.NewGuid().ToString("N")[..6];
        var (shanghaiContext, shanghai) = await site.SignInAsync("shanghai", "zh-CN", "Asia/Shanghai");
        var id = await CreateDraftAsync(shanghai, title, "PM2.5 源解析");
        await ActAsync(shanghai, "submit");
        await ExpectStateAsync(shanghai, "platform-matching");

        // End date before start date: refused, in Japanese, next to the form, which stays open as typed.
        var (jpContext, platformJp) = await site.SignInAsync("platform.jp", "ja-JP", "Asia/Tokyo");
        await platformJp.GotoAsync($"/proposals/{id}");
        await ActAsync(platformJp, "record-consultation", async f =>
        {
            await f.Locator("input[name=startDate]").FillAsync("2026-06-10");
            await f.Locator("input[name=endDate]").FillAsync("2026-06-01");
            await f.Locator("input[name=japaneseCities][value=kitakyushu]").CheckAsync();
            await f.Locator("select[name=chineseCity]").SelectOptionAsync("shanghai");
            await f.Locator("select[name=level]").SelectOptionAsync("division-chief");
            await f.Locator("input[name=counterpartsZh]").FillAsync("上海市生态环境局");
            await f.Locator("input[name=counterpartsEn]").FillAsync("Shanghai Bureau of Ecology and Environment");
            await f.Locator("input[name=decided]").CheckAsync();
            await f.Locator("textarea[name=comment]").FillAsync("事前協議のメモ");
        });
        var form = platformJp.Locator("details[data-action=record-consultation]");
        await Expect(form).ToHaveJSPropertyAsync("open", true);
        await Expect(form.Locator("[data-testid=refused]")).ToContainTextAsync("終了日 2026-06-01 が開始日 2026-06-10 より前です。");
        await Expect(form.Locator("input[name=startDate]")).ToHaveValueAsync("2026-06-10");
        await Expect(form.Locator("input[name=endDate]")).ToHaveValueAsync("2026-06-01");
        await Expect(form.Locator("input[name=japaneseCities][value=kitakyushu]")).ToBeCheckedAsync();
        await Expect(form.Locator("select[name=chineseCity]")).ToHaveValueAsync("shanghai");
        await Expect(form.Locator("select[name=level]")).ToHaveValueAsync("division-chief");
        await Expect(form.Locator("input[name=counterpartsZh]")).ToHaveValueAsync("上海市生态环境局");
        await Expect(form.Locator("input[name=counterpartsEn]")).ToHaveValueAsync("Shanghai Bureau of Ecology and Environment");
        await Expect(form.Locator("input[name=decided]")).ToBeCheckedAsync();
        await Expect(form.Locator("textarea[name=comment]")).ToHaveValueAsync("事前協議のメモ");
        await Expect(form.Locator("input[name=counterpartsZh]")).ToBeVisibleAsync();
        await Expect(platformJp.Locator("details[data-action=set-partner]")).ToHaveJSPropertyAsync("open", false);
        await CityCoopSite.ScreenshotAsync(platformJp, "ja-07-refused-consultation-kept");

        // The address no longer names the POST handler, so correcting and sending again is the way on.
        Assert.DoesNotContain("handler=", platformJp.Url, StringComparison.Ordinal);
        await form.Locator("input[name=endDate]").FillAsync("2026-06-11");
        await Expect(form.Locator("output.days")).ToHaveTextAsync("2");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(platformJp.Locator("[data-testid=notice]")).ToHaveTextAsync("「協議を記録」を実行しました。");
        await Expect(platformJp.Locator("[data-testid=activities]")).ToContainTextAsync("課長級; 上海市生态环境局");
        await Expect(platformJp.Locator("[data-testid=activities] th").Nth(4)).ToHaveTextAsync("詳細");

        // Reloading after success shows the page again; nothing is sent twice.
        await platformJp.ReloadAsync();
        await Expect(platformJp.Locator("[data-testid=activities] tbody tr")).ToHaveCountAsync(1);

        await shanghaiContext.CloseAsync();
        await jpContext.CloseAsync();
    }

    // English the engine used to write into zh/ja pages (issue 5): refusals, approval counts, pairings, step codes, arrow labels.
    private static async Task ExpectNoEngineEnglishAsync(IPage page)
    {
        var text = await page.Locator("main").InnerTextAsync();
        foreach (var english in new[] { "Guard '", " of 2", "new pairing", "prepare-proposal", "platform/platform-jp", "overdue by" })
        {
            Assert.DoesNotContain(english, text, StringComparison.Ordinal);
        }

        // Mermaid replaces the diagram's text with SVG, so the arrow labels are checked in the page as served.
        var served = await page.Context.APIRequest.GetAsync(page.Url.Split('?')[0]);
        var source = await served.TextAsync();
        Assert.Contains("s_draft --&gt; s_platform_matching : ", source, StringComparison.Ordinal);
        Assert.DoesNotContain(" : submit\n", source, StringComparison.Ordinal);
        Assert.DoesNotContain(" : match\n", source, StringComparison.Ordinal);
    }
}
