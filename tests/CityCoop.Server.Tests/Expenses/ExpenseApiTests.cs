using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Server.Tests.Workflows;

namespace CityCoop.Server.Tests.Expenses;

/// <summary>
/// <c>/api/proposals/{id}/expenses</c> on PostgreSQL, clock on 2015-06-01 (Tokyo): JPY and CNY with the platform's rate,
/// planned vs paid (only a paid date on or before today counts as spent), the approval as the cap also under concurrency,
/// who may record and when, the evidence file, and the budget's spent figure.
/// </summary>
public sealed class ExpenseApiTests(WorkflowApiFixture fixture) : IClassFixture<WorkflowApiFixture>
{
    [Fact]
    public async Task Paid_scheduled_and_planned_expenses_in_JPY_and_CNY_add_up_as_worked_by_hand()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var budgetBefore = await users.MinistryJp.GetAsync("/api/budgets/2015");
        var id = await users.WalkToAsync("fund-execution", approved: 1_000_000m);
        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(100_000m) });

        var jpy = await RecordAsync(users.PlatformJp, id, new { budgetLine = "travel and per diem", amount = 200_000, currency = "JPY", paidOn = "2015-05-20", payee = "Kitakyushu Travel" });
        Assert.Equal("paid", jpy.GetProperty("status").GetString());
        Assert.Equal(200_000m, jpy.GetProperty("amountJpy").GetDecimal());

        // 1,234.56 CNY at 20.5 JPY/CNY = 25,308.48 JPY, counted as 25,308 (whole yen, half away from zero).
        var cny = await RecordAsync(users.PlatformCn, id, new { budgetLine = "interpretation and translation", amount = 1234.56m, currency = "CNY", rate = 20.5m, paidOn = "2015-05-25", payee = "上海翻译社" });
        Assert.Equal(25_308m, cny.GetProperty("amountJpy").GetDecimal());
        Assert.Equal(20.5m, cny.GetProperty("rate").GetDecimal());
        Assert.Equal("CNY", cny.GetProperty("currency").GetString());

        // Dated next month: not spent yet. Without a date: planned.
        Assert.Equal("scheduled", (await RecordAsync(users.PlatformJp, id, new { budgetLine = "venues and events", amount = 50_000, currency = "JPY", paidOn = "2015-07-15", payee = "Wuhan hall" })).GetProperty("status").GetString());
        Assert.Equal("planned", (await RecordAsync(users.PlatformJp, id, new { budgetLine = "other direct costs", amount = 30_000, currency = "JPY", payee = "Courier" })).GetProperty("status").GetString());

        var list = await users.MinistryJp.GetAsync($"/api/proposals/{id}/expenses");
        Assert.Equal(1_000_000m, list.GetProperty("approved").GetDecimal());
        Assert.Equal(100_000m, list.GetProperty("activityCosts").GetDecimal());
        Assert.Equal(225_308m, list.GetProperty("expensesPaid").GetDecimal());
        Assert.Equal(50_000m, list.GetProperty("expensesScheduled").GetDecimal());
        Assert.Equal(30_000m, list.GetProperty("expensesPlanned").GetDecimal());
        Assert.Equal(225_308m, list.GetProperty("spent").GetDecimal());
        Assert.Equal(694_692m, list.GetProperty("remaining").GetDecimal());
        Assert.Equal(["paid", "paid", "scheduled", "planned"], list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("status").GetString()));

        // The year's budget counts the paid expenses only, not the activity's planned cost.
        var budgetAfter = await users.MinistryJp.GetAsync("/api/budgets/2015");
        Assert.Equal(budgetBefore.GetProperty("spent").GetDecimal() + 225_308m, budgetAfter.GetProperty("spent").GetDecimal());
        Assert.Equal(budgetBefore.GetProperty("committed").GetDecimal() + 1_000_000m, budgetAfter.GetProperty("committed").GetDecimal());

        // One yen over what remains is refused with the remaining amount; exactly what remains is recorded.
        using (var over = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses", new { budgetLine = "travel and per diem", amount = 694_693, currency = "JPY", paidOn = "2015-05-30", payee = "x" }))
        {
            var problem = await WorkflowApi.JsonOf(over, HttpStatusCode.Conflict);
            Assert.Equal("expense-over-approved", problem.GetProperty("code").GetString());
            Assert.Equal("694692", problem.GetProperty("arguments").GetProperty("remaining").GetString());
        }

        await RecordAsync(users.PlatformJp, id, new { budgetLine = "travel and per diem", amount = 694_692, currency = "JPY", paidOn = "2015-05-30", payee = "x" });
        Assert.Equal(0m, (await users.PlatformJp.GetAsync($"/api/proposals/{id}/expenses")).GetProperty("remaining").GetDecimal());
    }

    [Theory]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":1000,\"currency\":\"CNY\",\"paidOn\":\"2015-05-01\",\"payee\":\"p\"}", "rate", "rate-required")]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":1000,\"currency\":\"JPY\",\"rate\":20,\"payee\":\"p\"}", "rate", "rate-not-for-jpy")]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":1000,\"currency\":\"CNY\",\"rate\":0,\"payee\":\"p\"}", "rate", "rate-out-of-range")]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":1000,\"currency\":\"CNY\",\"rate\":999999,\"payee\":\"p\"}", "rate", "rate-out-of-range")]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":1000.5,\"currency\":\"JPY\",\"payee\":\"p\"}", "amount", "too-many-decimals")]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":0,\"currency\":\"JPY\",\"payee\":\"p\"}", "amount", "expense-not-positive")]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":1000,\"currency\":\"JPY\",\"paidOn\":\"2016-04-01\",\"payee\":\"p\"}", "paidOn", "date-outside-fiscal-year")]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":1000,\"currency\":\"JPY\",\"paidOn\":\"1.5.2015\",\"payee\":\"p\"}", "paidOn", "date-format")]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":1000,\"currency\":\"JPY\"}", "payee", "input-required")]
    [InlineData("{\"budgetLine\":\"travel\",\"amount\":1000,\"currency\":\"USD\",\"payee\":\"p\"}", "currency", "unknown-choice")]
    public async Task Bad_input_is_a_400_naming_the_field_and_writes_nothing(string body, string field, string code)
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 500_000m);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await users.PlatformJp.Client.PostAsync($"/api/proposals/{id}/expenses", content);
        var problem = await WorkflowApi.JsonOf(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Empty((await users.PlatformJp.GetAsync($"/api/proposals/{id}/expenses")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Only_the_platform_records_and_only_in_fund_execution()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var body = new { budgetLine = "travel", amount = 1000, currency = "JPY", payee = "p" };
        var executing = await users.WalkToAsync("fund-execution", approved: 500_000m);
        foreach (var who in new[] { users.Shanghai, users.MinistryJp, users.MinistryCn })
        {
            using var refused = await who.Client.PostAsJsonAsync($"/api/proposals/{executing}/expenses", body);
            Assert.Equal("platform-only", (await WorkflowApi.JsonOf(refused, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        }

        var waiting = await users.WalkToAsync("ministry-approval");
        using (var early = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{waiting}/expenses", body))
        {
            var problem = await WorkflowApi.JsonOf(early, HttpStatusCode.Conflict);
            Assert.Equal("expense-not-in-fund-execution", problem.GetProperty("code").GetString());
            Assert.Equal("ministry-approval", problem.GetProperty("arguments").GetProperty("state").GetString());
        }

        await users.PlatformJp.ActAsync(executing, "close");
        using (var late = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{executing}/expenses", body))
        {
            Assert.Equal("expense-not-in-fund-execution", (await WorkflowApi.JsonOf(late, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        }

        using var unknown = await users.PlatformJp.Client.PostAsJsonAsync($"/api/proposals/{Guid.NewGuid()}/expenses", body);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty((await users.PlatformJp.GetAsync($"/api/proposals/{executing}/expenses")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Ten_concurrent_expenses_against_a_small_approval_record_exactly_those_that_fit()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 1_000_000m);
        var clients = Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? users.PlatformJp : users.PlatformCn).NewClient()).ToList();
        try
        {
            var answers = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"/api/proposals/{id}/expenses", new { budgetLine = "travel", amount = 150_000, currency = "JPY", paidOn = "2015-05-31", payee = "p" })));
            Assert.Equal(6, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
            Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
            foreach (var a in answers)
            {
                a.Dispose();
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        var list = await users.PlatformJp.GetAsync($"/api/proposals/{id}/expenses");
        Assert.Equal(900_000m, list.GetProperty("spent").GetDecimal());
        Assert.Equal(100_000m, list.GetProperty("remaining").GetDecimal());
        Assert.Equal(6, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_receipt_is_attached_as_evidence_and_a_program_is_refused()
    {
        using var users = await DemoUsers.SignInAsync(fixture.Factory);
        var id = await users.WalkToAsync("fund-execution", approved: 500_000m);
        var expense = await RecordAsync(users.PlatformJp, id, new { budgetLine = "travel", amount = 1000, currency = "JPY", paidOn = "2015-05-31", payee = "p" });
        var expenseId = expense.GetProperty("id").GetGuid();

        using (var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%receipt\n"u8.ToArray()), "file", "receipt-0531.pdf" } })
        using (var upload = await users.PlatformCn.Client.PostAsync($"/api/proposals/{id}/expenses/{expenseId}/evidence", form))
        {
            Assert.Equal("receipt-0531.pdf", (await WorkflowApi.JsonOf(upload, HttpStatusCode.OK)).GetProperty("fileName").GetString());
        }

        using (var form = new MultipartFormDataContent { { new ByteArrayContent("MZ\u0090\0"u8.ToArray()), "file", "receipt.exe" } })
        using (var refused = await users.PlatformCn.Client.PostAsync($"/api/proposals/{id}/expenses/{expenseId}/evidence", form))
        {
            var problem = await WorkflowApi.JsonOf(refused, HttpStatusCode.BadRequest);
            Assert.Equal("evidence-notaccepted", problem.GetProperty("code").GetString());
            Assert.Equal("receipt.exe: the file is not a PDF, Office document or image (by its name or its first bytes). Evidence is a PDF, Office document or image of up to 20 MB.", problem.GetProperty("detail").GetString());
        }

        // A form without the file names it as required (the framework's words named IFormFile).
        using (var form = new MultipartFormDataContent { { new StringContent("x"), "note" } })
        using (var missing = await users.PlatformCn.Client.PostAsync($"/api/proposals/{id}/expenses/{expenseId}/evidence", form))
        {
            var problem = await WorkflowApi.JsonOf(missing, HttpStatusCode.BadRequest);
            Assert.Equal(("input-required", "file"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        }

        // A body that claims to be a form and is none, and a form cut short: our words and a code, no .NET type.
        foreach (var (body, type) in new[] { ("garbage", "multipart/form-data"), ("--xx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF", "multipart/form-data; boundary=xx") })
        {
            using var content = new StringContent(body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
            using var unreadable = await users.PlatformCn.Client.PostAsync($"/api/proposals/{id}/expenses/{expenseId}/evidence", content);
            var problem = await WorkflowApi.JsonOf(unreadable, HttpStatusCode.BadRequest);
            Assert.Equal("request-unreadable", problem.GetProperty("code").GetString());
            Assert.DoesNotContain("IFormFile", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var item = Assert.Single((await users.Shanghai.GetAsync($"/api/proposals/{id}/expenses")).GetProperty("items").EnumerateArray());
        var evidence = item.GetProperty("evidence");
        Assert.Equal("receipt-0531.pdf", evidence.GetProperty("fileName").GetString());
        Assert.Equal($"/proposals/{id}/attachments/{evidence.GetProperty("id").GetGuid()}", evidence.GetProperty("download").GetString());
    }

    private static async Task<JsonElement> RecordAsync(WorkflowApi who, Guid id, object body)
    {
        using var response = await who.Client.PostAsJsonAsync($"/api/proposals/{id}/expenses", body);
        return await WorkflowApi.JsonOf(response, HttpStatusCode.Created, "record expense");
    }
}
