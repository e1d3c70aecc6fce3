using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace CityCoop.Server.Tests.Pipeline;

/// <summary>
/// The overdue mark and days in step with a fixed clock moved by hand: a proposal submitted on 2015-06-01 (Tokyo) whose
/// platform task (20 business days) has passed when the clock reads 2015-07-11, beside one that entered its step that day.
/// One test, so no other test sees the moved clock.
/// </summary>
public sealed class PipelineOverdueTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task The_overdue_proposal_comes_first_with_its_days_in_step_in_the_API_and_on_the_page()
    {
        Guid late;
        using (var before = await DemoUsers.SignInAsync(fixture.Factory))
        {
            late = await before.WalkToAsync("platform-matching");
        }

        ((FakeTimeProvider)fixture.Factory.Time!).Advance(TimeSpan.FromDays(40));
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var fresh = await users.WalkToAsync("ministry-approval");

        var rows = await PipelineApiTests.ListAsync(users.PlatformJp, string.Empty);
        var lateIndex = rows.FindIndex(r => r.GetProperty("id").GetGuid() == late);
        var freshIndex = rows.FindIndex(r => r.GetProperty("id").GetGuid() == fresh);
        Assert.True(lateIndex >= 0 && freshIndex >= 0);
        Assert.True(lateIndex < freshIndex, "overdue first");
        Assert.True(rows[lateIndex].GetProperty("overdue").GetBoolean());
        Assert.Equal(40, rows[lateIndex].GetProperty("daysInStep").GetInt32());
        Assert.False(rows[freshIndex].GetProperty("overdue").GetBoolean());
        Assert.Equal(0, rows[freshIndex].GetProperty("daysInStep").GetInt32());
        Assert.All(rows.TakeWhile(r => r.GetProperty("overdue").GetBoolean()), r => Assert.True(r.GetProperty("dueAt").GetDateTimeOffset() < fixture.Factory.Time!.GetUtcNow()));

        var overdueOnly = await PipelineApiTests.RowsAsync(users.PlatformJp, "?overdue=true");
        Assert.Contains(late, overdueOnly.Keys);
        Assert.DoesNotContain(fresh, overdueOnly.Keys);

        var byDays = await PipelineApiTests.ListAsync(users.PlatformJp, "?sort=days");
        var days = byDays.Select(r => r.GetProperty("daysInStep").GetInt32()).ToList();
        Assert.Equal(days.OrderByDescending(d => d), days);

        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");
        var html = await page.GetAsync("/pipeline?overdue=true");
        Assert.Contains("data-testid=\"nav-pipeline\"", html, StringComparison.Ordinal);
        Assert.Contains("進行中の提案", html, StringComparison.Ordinal);
        var row = RowOf(html, late);
        Assert.Contains("data-overdue=\"true\"", row, StringComparison.Ordinal);
        Assert.Contains("期限超過", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" data-testid=\"days\">40</td>", row, StringComparison.Ordinal);
        Assert.Contains("FY2015（平成27年度）", row, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.ToString(), html, StringComparison.Ordinal);

        // The sort links keep the filter, so a link shows the same view.
        Assert.Contains("href=\"/pipeline?overdue=true&amp;sort=days\"", html, StringComparison.Ordinal);

        var bad = await page.GetAsync("/pipeline?sort=title");
        Assert.Contains("絞り込みは適用されていません", bad, StringComparison.Ordinal);

        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        Assert.DoesNotContain("data-testid=\"nav-pipeline\"", await city.GetAsync("/"), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => city.GetAsync("/pipeline"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static string RowOf(string html, Guid id)
    {
        var start = html.IndexOf($"data-proposal-id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {id}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
