using System.Text.Json;

namespace CityCoop.Server.Tests.Input;

/// <summary>
/// A sweep of malformed input against every endpoint that takes a body or a query, on SQLite and on PostgreSQL: each
/// request gets the same answer on both — a 4xx problem naming the field with its code — and nothing is written.
/// Wrong JSON types inside action inputs, duplicate keys, enums by number, a missing currency, values no column holds
/// (NUL and other control characters, broken UTF-8, amounts beyond decimal(18,2)), more decimals than the currency has,
/// activity dates outside the proposal's fiscal year, and unreadable query values.
/// </summary>
public sealed class MalformedInputSweepTests(SweepServers servers) : IClassFixture<SweepServers>
{
    private const string Proposals = "/api/proposals";
    private const string Draft = "/api/proposals/{draft}";
    private const string Submit = "/api/proposals/{draft}/actions/submit";
    private const string Matching = "/api/proposals/{platform-matching}/actions/";
    private const string Approve = "/api/proposals/{ministry-approval}/actions/approve";
    private const string Execution = "/api/proposals/{fund-execution}/actions/";

    private static readonly (string Key, string Json)[] ProposalMembers =
    [
        ("title", "\"Sweep\""),
        ("description", "\"Line one\\nLine two\\tindented\""),
        ("strand", "\"government-staff\""),
        ("cooperationKind", "\"new\""),
        ("wishedItems", "[\"VOC control\"]"),
        ("fiscalYear", "2015"),
        ("requestedAmount", "{\"amount\":1000000,\"currency\":\"JPY\"}"),
    ];

    // The members of a valid training visit of the FY2015 proposals, without braces.
    private const string Visit = "\"kind\":\"training-visit\",\"startDate\":\"2015-07-01\",\"endDate\":\"2015-07-05\",\"sendingCity\":\"shanghai\",\"receivingCities\":[\"kitakyushu\"],\"traineeCategory\":\"TechnicalStaff\",\"trainees\":5";

    /// <summary>The table.</summary>
    public static IReadOnlyList<BadRequest> Table { get; } =
    [
        // Proposals: duplicate keys, enums by number or by another spelling, a missing currency, characters no column holds.
        BadRequest.Json("proposal: a key given twice", "shanghai", "POST", Proposals, ProposalTwice("title", "\"Sweep again\""), "duplicate-key", "title"),
        BadRequest.Json("proposal: a misspelt key", "shanghai", "POST", Proposals, Proposal(("fiscalYaer", "2015")), "unknown-key", "fiscalYaer"),
        BadRequest.Json("proposal: a key the amount does not have", "shanghai", "POST", Proposals, Proposal(("requestedAmount", "{\"amount\":1000000,\"currency\":\"JPY\",\"note\":\"x\"}")), "unknown-key", "requestedAmount.note"),
        BadRequest.Json("proposal: a key given twice inside the amount", "shanghai", "POST", Proposals, Proposal(("requestedAmount", "{\"amount\":1000000,\"amount\":2,\"currency\":\"JPY\"}")), "duplicate-key", "requestedAmount.amount"),
        BadRequest.Json("proposal: strand 99", "shanghai", "POST", Proposals, Proposal(("strand", "99")), "unknown-choice", "strand"),
        BadRequest.Json("proposal: strand 1, a valid number", "shanghai", "POST", Proposals, Proposal(("strand", "1")), "unknown-choice", "strand"),
        BadRequest.Json("proposal: strand by its C# name", "shanghai", "POST", Proposals, Proposal(("strand", "\"GovernmentStaff\"")), "unknown-choice", "strand"),
        BadRequest.Json("proposal: planned activity by number", "shanghai", "POST", Proposals, Proposal(("plannedActivities", "[1]")), "unknown-choice", "plannedActivities"),
        BadRequest.Json("proposal: currency 9", "shanghai", "POST", Proposals, Proposal(("requestedAmount", "{\"amount\":1000000,\"currency\":9}")), "unknown-choice", "requestedAmount.currency"),
        BadRequest.Json("proposal: no currency", "shanghai", "POST", Proposals, Proposal(("requestedAmount", "{\"amount\":1000000}")), "input-required", "requestedAmount.currency"),
        BadRequest.Json("proposal: NUL in the title", "shanghai", "POST", Proposals, Proposal(("title", "\"PM2.5\\u0000\"")), "text-control-character", "title"),
        BadRequest.Json("proposal: a direction override in the title", "shanghai", "POST", Proposals, Proposal(("title", "\"Plan \\u202Efdp.exe\"")), "text-bidi-control", "title"),
        BadRequest.Json("proposal: NUL in the description", "shanghai", "POST", Proposals, Proposal(("description", "\"two\\nlines\\u0000\"")), "text-control-character", "description"),
        BadRequest.Json("proposal: a bell in a wished item", "shanghai", "POST", Proposals, Proposal(("wishedItems", "[\"VOC\\u0007control\"]")), "text-control-character", "wishedItems"),
        BadRequest.Json("proposal: NUL in a partner city code", "shanghai", "POST", Proposals, Proposal(("partnerCityCodes", "[\"kita\\u0000kyushu\"]")), "text-control-character", "partnerCityCodes"),
        BadRequest.Json("proposal: a partner city that does not exist", "shanghai", "POST", Proposals, Proposal(("partnerCityCodes", "[\"atlantis\"]")), "unknown-cities", "partnerCityCodes"),
        BadRequest.Json("proposal: a broken surrogate in the title", "shanghai", "POST", Proposals, Proposal(("title", "\"PM\\ud800\"")), "text-malformed", "title"),
        BadRequest.Json("proposal: an amount beyond decimal(18,2)", "shanghai", "POST", Proposals, Proposal(("requestedAmount", "{\"amount\":10000000000000000,\"currency\":\"JPY\"}")), "amount-too-large", "requestedAmount"),
        BadRequest.Json("proposal: an amount no decimal holds", "shanghai", "POST", Proposals, Proposal(("requestedAmount", "{\"amount\":1e30,\"currency\":\"JPY\"}")), "amount-too-large", "requestedAmount.amount"),
        BadRequest.Json("proposal: half a yen", "shanghai", "POST", Proposals, Proposal(("requestedAmount", "{\"amount\":1000000.5,\"currency\":\"JPY\"}")), "too-many-decimals", "requestedAmount"),
        BadRequest.Json("proposal: a tenth of a fen", "shanghai", "POST", Proposals, Proposal(("requestedAmount", "{\"amount\":1000.125,\"currency\":\"CNY\"}")), "too-many-decimals", "requestedAmount"),
        BadRequest.Json("proposal: a number for the title", "shanghai", "POST", Proposals, Proposal(("title", "5")), "wrong-type", "title"),
        BadRequest.Json("proposal: a string for the wished items", "shanghai", "POST", Proposals, Proposal(("wishedItems", "\"VOC control\"")), "wrong-type", "wishedItems"),
        BadRequest.Json("proposal: a fiscal year beyond an integer", "shanghai", "POST", Proposals, Proposal(("fiscalYear", "99999999999")), "number-out-of-range", "fiscalYear"),
        BadRequest.Json("draft edit: a key given twice", "shanghai", "PUT", Draft, ProposalTwice("title", "\"Sweep again\""), "duplicate-key", "title"),
        BadRequest.Json("draft edit: NUL in the description", "shanghai", "PUT", Draft, Proposal(("description", "\"\\u0000\"")), "text-control-character", "description"),

        // Action inputs of every type: text, city codes, items, activity, amount.
        BadRequest.Json("submit: NUL in the comment", "shanghai", "POST", Submit, """{"comment":"ok\n\u0000"}""", "text-control-character", "comment"),
        BadRequest.Json("submit: a number for the comment", "shanghai", "POST", Submit, """{"comment":5}""", "expected-text", "comment"),
        BadRequest.Json("submit: the comment given twice", "shanghai", "POST", Submit, """{"comment":"a","comment":"b"}""", "duplicate-key", "comment"),
        new("submit: invalid UTF-8 in the comment", "shanghai", "POST", Submit, [.. "{\"comment\":\"ok "u8, 0xFF, .. "\"}"u8], "text-malformed", "comment"),
        BadRequest.Json("set-partner: a string for the city codes", "platform.jp", "POST", Matching + "set-partner", """{"cityCodes":"kitakyushu"}""", "expected-city-codes", "cityCodes"),
        BadRequest.Json("set-partner: a number for a city code", "platform.jp", "POST", Matching + "set-partner", """{"cityCodes":[5]}""", "city-code-empty", "cityCodes"),
        BadRequest.Json("set-partner: NUL in a city code", "platform.jp", "POST", Matching + "set-partner", """{"cityCodes":["kita\u0000kyushu"]}""", "text-control-character", "cityCodes"),
        BadRequest.Json("record-matches: items as strings", "platform.jp", "POST", Matching + "record-matches", """{"items":["PM2.5 source apportionment","VOC control"]}""", "item-shape", "items"),
        BadRequest.Json("record-matches: items as numbers", "platform.jp", "POST", Matching + "record-matches", """{"items":[1,2]}""", "item-shape", "items"),
        BadRequest.Json("record-matches: a number for the wished item", "platform.jp", "POST", Matching + "record-matches", """{"items":[{"wished":5,"offered":"know-how"}]}""", "item-shape", "items"),
        BadRequest.Json("record-matches: a string for the items", "platform.jp", "POST", Matching + "record-matches", """{"items":"VOC control"}""", "expected-items", "items"),
        BadRequest.Json("record-matches: NUL in an item", "platform.jp", "POST", Matching + "record-matches", """{"items":[{"wished":"PM2.5 source apportionment","offered":"know\u0000how"}]}""", "text-control-character", "items"),
        BadRequest.Json("record-consultation: a string for the consultation", "platform.jp", "POST", Matching + "record-consultation", """{"consultation":"yesterday"}""", "expected-activity", "consultation"),
        BadRequest.Json("record-consultation: a number for the start date", "platform.jp", "POST", Matching + "record-consultation", """{"consultation":{"startDate":5,"japaneseCities":["kitakyushu"],"chineseCity":"shanghai"}}""", "wrong-type", "startDate"),
        BadRequest.Json("record-consultation: a key given twice inside", "platform.jp", "POST", Matching + "record-consultation", """{"consultation":{"startDate":"2015-06-10","startDate":"2015-06-11","japaneseCities":["kitakyushu"],"chineseCity":"shanghai"}}""", "duplicate-key", "consultation"),
        BadRequest.Json("record-consultation: NUL in the counterparts", "platform.jp", "POST", Matching + "record-consultation", """{"consultation":{"startDate":"2015-06-10","japaneseCities":["kitakyushu"],"chineseCity":"shanghai","counterpartsZh":"上海\u0000"}}""", "text-control-character", "counterpartsZh"),
        BadRequest.Json("record-consultation: a date in the next fiscal year", "platform.jp", "POST", Matching + "record-consultation", """{"consultation":{"startDate":"2016-06-10","japaneseCities":["kitakyushu"],"chineseCity":"shanghai"}}""", "date-outside-fiscal-year", "startDate"),
        BadRequest.Json("approve: half a yen", "ministry.jp", "POST", Approve, """{"amount":2500000.5}""", "too-many-decimals", "amount"),
        BadRequest.Json("approve: an amount beyond decimal(18,2)", "ministry.jp", "POST", Approve, """{"amount":10000000000000000}""", "amount-too-large", "amount"),
        BadRequest.Json("approve: an amount no decimal holds", "ministry.jp", "POST", Approve, """{"amount":1e30}""", "amount-too-large", "amount"),
        BadRequest.Json("approve: words for the amount", "ministry.jp", "POST", Approve, """{"amount":"lots"}""", "not-a-number", "amount"),
        BadRequest.Json("record-activity: half a yen of cost", "platform.jp", "POST", Execution + "record-activity", "{\"activity\":{" + Visit + ",\"cost\":1000.5}}", "too-many-decimals", "cost"),
        BadRequest.Json("record-activity: a cost beyond decimal(18,2)", "platform.jp", "POST", Execution + "record-activity", "{\"activity\":{" + Visit + ",\"cost\":10000000000000000}}", "amount-too-large", "cost"),
        BadRequest.Json("record-activity: words for the trainees", "platform.jp", "POST", Execution + "record-activity", """{"activity":{"kind":"training-visit","startDate":"2015-07-01","sendingCity":"shanghai","receivingCities":["kitakyushu"],"traineeCategory":"TechnicalStaff","trainees":"five"}}""", "not-a-number", "trainees"),
        BadRequest.Json("record-activity: a string for the receiving cities", "platform.jp", "POST", Execution + "record-activity", """{"activity":{"kind":"training-visit","startDate":"2015-07-01","sendingCity":"shanghai","receivingCities":"kitakyushu","traineeCategory":"TechnicalStaff","trainees":5}}""", "wrong-type", "receivingCities"),
        BadRequest.Json("record-activity: a visit in the next fiscal year", "platform.jp", "POST", Execution + "record-activity", """{"activity":{"kind":"training-visit","startDate":"2016-07-01","endDate":"2016-07-05","sendingCity":"shanghai","receivingCities":["kitakyushu"],"traineeCategory":"TechnicalStaff","trainees":5}}""", "date-outside-fiscal-year", "startDate"),
        BadRequest.Json("record-activity: a visit ending after the fiscal year", "platform.jp", "POST", Execution + "record-activity", """{"activity":{"kind":"training-visit","startDate":"2016-03-30","endDate":"2016-04-02","sendingCity":"shanghai","receivingCities":["kitakyushu"],"traineeCategory":"TechnicalStaff","trainees":5}}""", "date-outside-fiscal-year", "endDate"),
        BadRequest.Json("record-activity: NUL in the sending city", "platform.jp", "POST", Execution + "record-activity", """{"activity":{"kind":"training-visit","startDate":"2015-07-01","sendingCity":"shang\u0000hai","receivingCities":["kitakyushu"],"traineeCategory":"TechnicalStaff","trainees":5}}""", "text-control-character", "sendingCity"),
        BadRequest.Json("activities: a key given twice", "platform.jp", "POST", "/api/proposals/{fund-execution}/activities", "{" + Visit + ",\"trainees\":6}", "duplicate-key", "body"),
        BadRequest.Json("void-activity: NUL in the activity id", "platform.jp", "POST", Execution + "void-activity", """{"activityId":"\u0000","comment":"twice"}""", "text-control-character", "activityId"),

        // The account, sign-in, reports and the proposal list.
        BadRequest.Json("me: a number for the language", "shanghai", "PUT", "/api/me", """{"language":5}""", "wrong-type", "language"),
        BadRequest.Json("me: the language given twice", "shanghai", "PUT", "/api/me", """{"language":"ja-JP","language":"en"}""", "duplicate-key", "language"),
        BadRequest.Json("me: NUL in the time zone", "shanghai", "PUT", "/api/me", """{"timeZone":"Asia/Tokyo\u0000"}""", "unknown-choice", "timeZone"),
        BadRequest.Json("me: words for the digest", "shanghai", "PUT", "/api/me", """{"dailyDigest":"yes"}""", "wrong-type", "dailyDigest"),
        BadRequest.Json("token: NUL in the email", null, "POST", "/api/auth/token", """{"email":"shanghai@demo.citycoop.example\u0000","password":"CityCoop-2014"}""", "text-control-character", "email"),
        BadRequest.Json("token: the email given twice", null, "POST", "/api/auth/token", """{"email":"a@b.example","email":"shanghai@demo.citycoop.example","password":"x"}""", "duplicate-key", "email"),
        BadRequest.Json("token: a number for the email", null, "POST", "/api/auth/token", """{"email":5,"password":"x"}""", "wrong-type", "email"),
        BadRequest.Json("token: no password", null, "POST", "/api/auth/token", """{"email":"shanghai@demo.citycoop.example"}""", "input-required", "password"),
        BadRequest.Get("report: NUL for the language", "platform.jp", "/api/reports/fiscal-years/2014?lang=%00", "text-control-character", "lang"),
        BadRequest.Get("report: an unknown format", "platform.jp", "/api/reports/fiscal-years/2014?format=xml", "unknown-choice", "format"),
        BadRequest.Get("report: a year before the programme", "platform.jp", "/api/reports/fiscal-years/1999", "number-out-of-range", "year"),
        BadRequest.Get("report: the year before the programme's first", "platform.jp", "/api/reports/fiscal-years/2013", "number-out-of-range", "year"),
        BadRequest.Get("memorandum: a year before the programme", "platform.jp", "/api/memorandums/for-year/1900", "number-out-of-range", "fiscalYear"),
        BadRequest.Get("list: NUL in the search text", "shanghai", "/api/proposals?q=PM%00", "text-control-character", "q"),
        BadRequest.Get("list: NUL in the state", "shanghai", "/api/proposals?state=draft%00", "text-control-character", "state"),
        BadRequest.Get("list: a state the proposal workflow does not have", "shanghai", "/api/proposals?state=approved", "unknown-choice", "state"),
        BadRequest.Get("list export: a state the proposal workflow does not have", "shanghai", "/api/proposals?format=csv&state=approved", "unknown-choice", "state"),
        BadRequest.Get("list: a control character in the city", "shanghai", "/api/proposals?city=%01", "text-control-character", "city"),
        BadRequest.Get("list: words for the fiscal year", "shanghai", "/api/proposals?fiscalYear=abc", "fiscal-year-format", "fiscalYear"),
        BadRequest.Get("list: a fiscal year in Arabic-Indic digits", "shanghai", "/api/proposals?fiscalYear=%D9%A2%D9%A0%D9%A2%D9%A6", "fiscal-year-format", "fiscalYear"),
        BadRequest.Get("budget: a fiscal year in Devanagari digits", "platform.jp", "/api/budgets/FY%E0%A5%A8%E0%A5%A6%E0%A5%A8%E0%A5%AC", "fiscal-year-format", "fiscalYear"),
        BadRequest.Json("record-consultation: a training visit", "platform.jp", "POST", Matching + "record-consultation", "{\"consultation\":{" + Visit + "}}", "unknown-choice", "kind"),
        BadRequest.Json("proposal: a fiscal year in Arabic-Indic digits", "shanghai", "POST", Proposals, Proposal(("fiscalYear", "\"٢٠٢٦\"")), "fiscal-year-format", "fiscalYear"),
        BadRequest.Get("list: half a fiscal year", "shanghai", "/api/proposals?fiscalYear=2015.5", "fiscal-year-format", "fiscalYear"),
        BadRequest.Get("list: words for the page", "shanghai", "/api/proposals?page=x", "not-a-number", "page"),
        BadRequest.Get("list: neither true nor false for mine", "shanghai", "/api/proposals?mine=maybe", "unknown-choice", "mine"),
        BadRequest.Json("record-activity: a negative cost", "platform.jp", "POST", Execution + "record-activity", "{\"activity\":{" + Visit + ",\"cost\":-5}}", "cost-negative", "cost"),
        BadRequest.Json("add activity: a negative cost", "platform.jp", "POST", "/api/proposals/{fund-execution}/activities", "{" + Visit + ",\"cost\":-5}", "cost-negative", "cost"),
        BadRequest.Json("proposal: words for the fiscal year", "shanghai", "POST", Proposals, Proposal(("fiscalYear", "\"next year\"")), "fiscal-year-format", "fiscalYear"),
        BadRequest.Json("proposal: an object for the fiscal year", "shanghai", "POST", Proposals, Proposal(("fiscalYear", "{}")), "wrong-type", "fiscalYear"),
        new("action: inputs sent as text", "shanghai", "POST", Submit, "{}"u8.ToArray(), "not-json", "body", 415, "text/plain"),
        new("proposal: sent as a form", "shanghai", "POST", Proposals, "title=x"u8.ToArray(), "not-json", "body", 415, "application/x-www-form-urlencoded"),
        BadRequest.Json("action: null for the inputs", "shanghai", "POST", Submit, "null", "wrong-type", "body"),
        BadRequest.Json("budget: null for a line", "ministry.jp", "PUT", "/api/budgets/2016", """{"envelope":1000,"lines":[null]}""", "input-required", "lines[0]"),
        BadRequest.Get("proposal: an id that is none", "shanghai", "/api/proposals/not-a-guid", "not-found", null) with { Status = 404 },
        BadRequest.Json("proposal: no body", "shanghai", "POST", Proposals, "", "body-missing", "body"),
        BadRequest.Json("proposal: an array for the body", "shanghai", "POST", Proposals, "[]", "wrong-type", "body"),
        new("action: one the workflow does not have", "shanghai", "POST", Draft + "/actions/frobnicate", "{}"u8.ToArray(), "unknown-action", null, 404),
        BadRequest.Get("budget: words for the fiscal year", "platform.jp", "/api/budgets/abc", "fiscal-year-format", "fiscalYear"),
        BadRequest.Get("settlement: half a fiscal year", "platform.jp", "/api/budgets/2015.5/settlement", "fiscal-year-format", "fiscalYear"),
        BadRequest.Get("memorandum: words for the fiscal year", "platform.jp", "/api/memorandums/for-year/abc", "fiscal-year-format", "fiscalYear"),
        BadRequest.Get("report: words for the fiscal year", "platform.jp", "/api/reports/fiscal-years/abc", "fiscal-year-format", "year"),
        BadRequest.Get("outbox: a status no email has", "admin", "/api/admin/outbox?status=zzz", "unknown-choice", "status"),
        BadRequest.Get("outbox: words for take", "admin", "/api/admin/outbox?take=x", "not-a-number", "take"),
        BadRequest.Get("workflow diagram: NUL for the state", "shanghai", "/api/workflows/cooperation-proposal/versions/1/diagram?state=%00", "text-control-character", "state"),

        // Query values are text as bodies are: bytes that are not UTF-8 (which ASP.NET Core would turn into U+FFFD) and
        // control characters, in any endpoint's query, before it binds.
        BadRequest.Get("list: a byte that is not UTF-8 in the search text", "shanghai", "/api/proposals?q=PM%FF", "text-malformed", "q"),
        BadRequest.Get("list: half a Chinese character in the search text", "shanghai", "/api/proposals?q=%E4%B8", "text-malformed", "q"),
        BadRequest.Get("list: a query key that is not UTF-8", "shanghai", "/api/proposals?%FF=1", "text-malformed", "query"),
        BadRequest.Get("audit: NUL in the user", "admin", "/api/admin/audit?user=%00", "text-control-character", "user"),
        BadRequest.Get("tasks: a byte that is not UTF-8 in the page", "shanghai", "/api/tasks?page=%C0", "text-malformed", "page"),

        // A list whose elements are declared non-nullable refuses null at the index it stands (JsonInput's NullElementRule).
        BadRequest.Json("proposal: null among the wished items", "shanghai", "POST", Proposals, Proposal(("wishedItems", "[\"VOC control\",null]")), "input-required", "wishedItems[1]"),
        BadRequest.Json("proposal: null for a partner city", "shanghai", "POST", Proposals, Proposal(("partnerCityCodes", "[null]")), "input-required", "partnerCityCodes[0]"),
        BadRequest.Json("proposal: null for a planned activity", "shanghai", "POST", Proposals, Proposal(("plannedActivities", "[null]")), "unknown-choice", "plannedActivities"),
        BadRequest.Json("draft edit: null among the offered items", "shanghai", "PUT", Draft, Proposal(("offeredItems", "[null]")), "input-required", "offeredItems[0]"),
    ];

    /// <summary>Every request of the table on every provider.</summary>
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var provider in SweepServers.Providers)
            {
                foreach (var bad in Table)
                {
                    data.Add(provider, bad.Name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedRequest_IsA400ProblemNamingTheFieldWithItsCode_AndWritesNothing(string provider, string name)
    {
        var server = servers[provider];
        var bad = Table.Single(b => b.Name == name);
        var before = await server.SnapshotAsync();

        using var response = await server.SendAsync(bad);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == bad.Status, $"{provider}, {name}: expected {bad.Status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        var root = problem.RootElement;
        Assert.Equal(bad.Status, root.GetProperty("status").GetInt32());
        Assert.True(
            (bad.Code, bad.Field) == (Member(root, "code"), Member(root, "field")),
            $"{provider}, {name}: expected code {bad.Code} on {bad.Field}, got {body}");
        Assert.Equal(JsonValueKind.Object, root.GetProperty("arguments").ValueKind);
        // The framework's own words name .NET types (System.Int32, CityCoop.Server.Proposals.ProposalRequest); ours never do.
        var detail = Member(root, "detail") ?? "";
        Assert.False(detail.Contains("System.", StringComparison.Ordinal) || detail.Contains("CityCoop.", StringComparison.Ordinal), $"{provider}, {name}: {detail}");
        Assert.Equal(before, await server.SnapshotAsync());
    }

    [Fact]
    public void Table_CoversEveryInputTypeAndEveryEndpointWithABodyOrQuery()
    {
        var paths = Table.Select(b => (b.Method, Path: b.Path.Split('?')[0])).ToHashSet();

        Assert.Contains(("POST", Proposals), paths);
        Assert.Contains(("PUT", Draft), paths);
        Assert.Contains(("PUT", "/api/me"), paths);
        Assert.Contains(("POST", "/api/auth/token"), paths);
        Assert.Contains(("GET", Proposals), paths);
        Assert.Contains(("POST", "/api/proposals/{fund-execution}/activities"), paths);
        Assert.Contains(Table, b => b.Path.StartsWith("/api/reports/", StringComparison.Ordinal));
        foreach (var action in new[] { Submit, Matching + "set-partner", Matching + "record-matches", Matching + "record-consultation", Approve, Execution + "record-activity", Execution + "void-activity" })
        {
            Assert.Contains(("POST", action), paths);
        }

        Assert.Equal(Table.Count, Table.Select(b => b.Name).Distinct().Count());
    }

    private static string? Member(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The valid draft body with one member replaced (or added when the draft has none of that name).
    private static string Proposal((string Key, string Json) change)
    {
        var members = ProposalMembers.Select(m => m.Key == change.Key ? change : m).ToList();
        if (ProposalMembers.All(m => m.Key != change.Key))
        {
            members.Add(change);
        }

        return "{" + string.Join(",", members.Select(m => $"\"{m.Key}\":{m.Json}")) + "}";
    }

    // The valid draft body with one of its members given a second time.
    private static string ProposalTwice(string key, string json) => Proposal(ProposalMembers[0])[..^1] + $",\"{key}\":{json}}}";
}
