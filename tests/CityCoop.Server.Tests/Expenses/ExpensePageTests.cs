using System.Net;
using CityCoop.Server.Tests.Infrastructure;
using CityCoop.Server.Tests.Localization;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Expenses;

/// <summary>
/// The expenses panel of the proposal page and the decision record (<c>/proposals/{id}/record</c>), clock on 2015-06-01
/// (Tokyo, FY2015): the platform records and marks paid in Japanese, refusals keep the form as typed and write nothing,
/// the city reads the table only.
/// </summary>
public sealed class ExpensePageTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task A_refusal_in_Japanese_keeps_the_form_as_typed_and_saves_nothing()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 500_000m);
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");

        var (status, html) = await page.PostMultipartAsync($"/proposals/{id}?handler=Expense", Fields("600000", "2015-05-20"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("支出は記録されませんでした。", html, StringComparison.Ordinal);
        Assert.Contains("支出 600,000円が、承認額の残り 500,000円を超えています。", html, StringComparison.Ordinal);
        Assert.Contains("value=\"600000\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"北九州トラベル\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"旅費・日当\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2015-05-20\"", html, StringComparison.Ordinal);

        // A day outside FY2015 is refused on its field, in Japanese, with the form kept.
        var (outside, refused) = await page.PostMultipartAsync($"/proposals/{id}?handler=Expense", Fields("1000", "2016-04-01"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside);
        Assert.Contains("2016-04-01 が提案の年度（2015-04-01～2016-03-31）の範囲外です。", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"2016-04-01\"", refused, StringComparison.Ordinal);

        // A currency the form does not offer is refused (it was saved as yen).
        var (usd, usdRefused) = await page.PostMultipartAsync($"/proposals/{id}?handler=Expense", [.. Fields("1000", "2015-05-20").Select(f => f.Key == "currency" ? new KeyValuePair<string, string>("currency", "USD") : f)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, usd);
        Assert.Contains("<br />通貨：「USD」は選択肢にありません。一覧から選んでください。</div>", System.Net.WebUtility.HtmlDecode(usdRefused), StringComparison.Ordinal);

        // The amount is named by the form's label, the amount paid (it said 承認額, the approved amount).
        var (words, wordsRefused) = await page.PostMultipartAsync($"/proposals/{id}?handler=Expense", Fields("abc", "2015-05-20"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, words);
        Assert.Contains("<br />支払額：「abc」は数値ではありません。</div>", wordsRefused, StringComparison.Ordinal);

        // A program as evidence is refused before anything is saved.
        using var exe = new ByteArrayContent("MZ\u0090\0"u8.ToArray());
        var (badFile, fileRefused) = await page.PostMultipartAsync($"/proposals/{id}?handler=Expense", Fields("1000", "2015-05-20"), ("evidence", "receipt.exe", exe));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badFile);
        Assert.Contains("このファイルは受け付けられません", fileRefused, StringComparison.Ordinal);

        // A post the page refuses (a city's page has no expense form, so no form token to send) answers the status page
        // naming its status: it said "HTTP 0", the status page having no handler for the re-executed POST.
        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        var (refusedPost, cityPage) = await city.PostMultipartAsync($"/proposals/{id}?handler=Expense", Fields("1000", "2015-05-20"));
        Assert.Equal(HttpStatusCode.BadRequest, refusedPost);
        Assert.Contains("<h1>このリクエストを完了できませんでした（HTTP 400）。</h1>", cityPage, StringComparison.Ordinal);

        Assert.Empty((await users.PlatformJp.GetAsync($"/api/proposals/{id}/expenses")).GetProperty("items").EnumerateArray());
        Assert.Contains("支出はまだ記録されていません。", await page.GetAsync($"/proposals/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_platform_records_with_a_receipt_and_marks_paid_and_the_city_reads_the_table()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 500_000m);
        using var page = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.PlatformJp, "ja-JP");

        using var receipt = new ByteArrayContent("%PDF-1.4\n%receipt\n"u8.ToArray());
        var (status, html) = await page.PostMultipartAsync($"/proposals/{id}?handler=Expense", Fields("120000", string.Empty), ("evidence", "receipt-0520.pdf", receipt));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("支出を記録しました。", html, StringComparison.Ordinal);
        Assert.Contains("receipt-0520.pdf</a>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"expense-planned\">120,000 JPY</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"expense-remaining\">380,000 JPY</dd>", html, StringComparison.Ordinal);
        var expenseId = Assert.Single((await users.PlatformJp.GetAsync($"/api/proposals/{id}/expenses")).GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();

        var (outside, refused) = await page.PostFormAsync($"/proposals/{id}?handler=Paid", new Dictionary<string, string> { ["expenseId"] = expenseId.ToString(), ["paidOn"] = "2016-04-01" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside);
        Assert.Contains("2016-04-01 が提案の年度（2015-04-01～2016-03-31）の範囲外です。", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"2016-04-01\"", refused, StringComparison.Ordinal);

        var (paid, after) = await page.PostFormAsync($"/proposals/{id}?handler=Paid", new Dictionary<string, string> { ["expenseId"] = expenseId.ToString(), ["paidOn"] = "2015-05-20" });
        Assert.Equal(HttpStatusCode.OK, paid);
        Assert.Contains("支出を支払済みにしました。", after, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"expense-spent\">120,000 JPY</dd>", after, StringComparison.Ordinal);
        Assert.Contains("data-status=\"paid\"", after, StringComparison.Ordinal);

        using var city = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "zh-CN");
        var read = await city.GetAsync($"/proposals/{id}");
        Assert.Contains("data-testid=\"expense-table\"", read, StringComparison.Ordinal);
        Assert.Contains("旅費・日当", read, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"expense-form\"", read, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"mark-paid\"", read, StringComparison.Ordinal);
        var (cityPost, _) = await city.PostFormAsync($"/proposals/{id}?handler=Paid", new Dictionary<string, string> { ["expenseId"] = expenseId.ToString(), ["paidOn"] = "2015-05-21" });
        Assert.NotEqual(HttpStatusCode.OK, cityPost);
        Assert.Equal("2015-05-20", Assert.Single((await users.Shanghai.GetAsync($"/api/proposals/{id}/expenses")).GetProperty("items").EnumerateArray()).GetProperty("paidOn").GetString());
    }

    [Fact]
    public async Task The_decision_record_names_the_era_year_the_approvals_and_the_amounts()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 2_000_000m);
        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(300_000m) });

        using var ja = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.ShanghaiCity, "ja-JP");
        Assert.Contains($"href=\"/proposals/{id}/record\"", await ja.GetAsync($"/proposals/{id}"), StringComparison.Ordinal);
        var html = System.Net.WebUtility.HtmlDecode(await ja.GetAsync($"/proposals/{id}/record"));
        Assert.Contains("<dd data-testid=\"record-fy\">FY2015（平成27年度）</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"record-approved\">2,000,000 JPY</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"record-requested\">3,000,000 JPY</dd>", html, StringComparison.Ordinal);
        // The activity's 300,000 is its planned cost, shown apart; spent counts paid expenses only.
        Assert.Contains("<dd data-testid=\"record-spent\">0 JPY</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"record-activity-costs\">300,000 JPY</dd>", html, StringComparison.Ordinal);
        Assert.Contains("提案の完了時に確定", html, StringComparison.Ordinal);
        Assert.Contains("北九州", html, StringComparison.Ordinal);

        // Both platforms' matching approvals and the ministry's decision with its amount, in the reader's zone.
        Assert.Equal(2, CountOf(html, "data-action=\"match\""));
        Assert.Equal(1, CountOf(html, "data-action=\"approve\""));
        Assert.Contains(": 2,000,000 JPY</td>", html, StringComparison.Ordinal);
        Assert.Contains("(Asia/", html, StringComparison.Ordinal);

        // The ministry's amendment keeps the state and is a decision of the record, named as the definition names it; its
        // button on the proposal page too.
        // Typed as the API allows (a string of full-width digits): journaled as the number, which the record shows.
        await users.MinistryJp.ActAsync(id, "amend-approval", new { amount = "１，８００，０００", comment = "研修の一部を中止" });
        var journaled = (await users.MinistryJp.JournalAsync(id))[^1].GetProperty("inputs").GetProperty("amount");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, journaled.ValueKind);
        Assert.Equal(1_800_000m, journaled.GetDecimal());
        var amended = System.Net.WebUtility.HtmlDecode(await ja.GetAsync($"/proposals/{id}/record"));
        Assert.Equal(1, CountOf(amended, "data-action=\"amend-approval\""));
        Assert.Contains("承認額を変更: 1,800,000 JPY</td>", amended, StringComparison.Ordinal);
        Assert.Contains("研修の一部を中止", amended, StringComparison.Ordinal);
        using var ministry = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryJp, "ja-JP");
        var details = System.Net.WebUtility.HtmlDecode(await ministry.GetAsync($"/proposals/{id}"));
        Assert.Contains("承認額を変更", details, StringComparison.Ordinal);
        Assert.DoesNotContain(">amend-approval<", details, StringComparison.Ordinal);
        Assert.DoesNotContain(": amend-approval", details, StringComparison.Ordinal);

        // Closed: what was not spent is released: the whole 1,800,000 approved, as the activity's cost was only planned.
        await users.PlatformJp.ActAsync(id, "close");
        using var en = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.MinistryCn, "en");
        var closed = await en.GetAsync($"/proposals/{id}/record");
        Assert.Contains("<dd data-testid=\"record-released\">1,800,000 JPY</dd>", closed, StringComparison.Ordinal);
        Assert.Contains("<dd data-testid=\"record-fy\">FY2015</dd>", closed, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(closed, "data-action=\"close\""));

        // Someone who may not see the proposal gets 404.
        var other = await users.WalkToAsync("draft");
        using var kitakyushu = await PageClient.SignInAsync(fixture.Factory, CityCoopFactory.KitakyushuCity, "en");
        var hidden = await Assert.ThrowsAsync<HttpRequestException>(() => kitakyushu.GetAsync($"/proposals/{other}/record"));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    private static List<KeyValuePair<string, string>> Fields(string amount, string paidOn) =>
    [
        new("budgetLine", "旅費・日当"),
        new("amount", amount),
        new("currency", "JPY"),
        new("rate", string.Empty),
        new("paidOn", paidOn),
        new("payee", "北九州トラベル"),
    ];

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
