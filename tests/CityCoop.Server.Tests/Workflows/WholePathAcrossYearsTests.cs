using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CityCoop.Server.Tests.Workflows;

/// <summary>
/// The whole proposal path with the server's clock in December 2026, December 2027 and June 2030: every due date each
/// person sees is the end (24:00) of a working day in their own country and zone, whether or not that year's official
/// holiday schedule is bundled, and says "provisional" exactly when it is not.
/// </summary>
public sealed class WholePathAcrossYearsTests
{
    private static readonly string[] Wished = ["PM2.5 source apportionment"];

    private static readonly BusinessCalendars Official = BusinessCalendars.LoadFromFolder(Path.Combine(CityCoopFactory.SampleDataFolder, "calendars"));

    [Theory]
    [InlineData("2026-12-20T01:00:00Z")]
    [InlineData("2027-12-20T01:00:00Z")]
    [InlineData("2030-06-01T01:00:00Z")]
    public async Task WholePath_AtAnyClock_ShowsEachReaderADueDateAtTheEndOfTheirOwnWorkingDay(string clock)
    {
        var now = DateTimeOffset.Parse(clock, CultureInfo.InvariantCulture);
        var fiscalYear = FiscalYear.Of(now).Year;
        await using var factory = new CityCoopFactory { Time = new FakeTimeProvider(now) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(100) } };
        using var users = await DemoUsers.SignInAsync(factory);

        using var created = await users.Shanghai.Client.PostAsJsonAsync("/api/proposals", new
        {
            title = "PM2.5 " + clock,
            description = "Source apportionment",
            strand = "government-staff",
            level = "local",
            cooperationKind = "new",
            wishedItems = Wished,
            fiscalYear,
            requestedAmount = new { amount = 3_000_000, currency = "JPY" },
        });
        var id = (await WorkflowApi.JsonOf(created, System.Net.HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await users.Shanghai.ActAsync(id, "submit");

        // Platform matching is open to both platforms: each reviewer's due date is in their own country.
        await AssertDueAsync(users.PlatformJp, "match-proposal", Country.JP);
        await AssertDueAsync(users.PlatformCn, "match-proposal", Country.CN);

        await users.PlatformJp.ActAsync(id, "set-partner", WorkflowApi.PartnerKitakyushu);
        await users.PlatformJp.ActAsync(id, "record-matches", new { items = new[] { new { wished = "PM2.5 source apportionment", offered = "Air monitoring" } } });
        await users.PlatformJp.ActAsync(id, "match");
        await users.PlatformCn.ActAsync(id, "match");
        await AssertDueAsync(users.MinistryJp, "approve-funding", Country.JP);

        await users.MinistryJp.ActAsync(id, "approve", new { amount = 2_000_000 });
        var start = new FiscalYear(fiscalYear).Start.AddDays(100).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var end = new FiscalYear(fiscalYear).Start.AddDays(104).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await users.PlatformJp.ActAsync(id, "record-activity", new { activity = WorkflowApi.TrainingVisit(1_000_000m, start, end) });
        var closed = await users.PlatformJp.ActAsync(id, "close");
        Assert.Equal("closed", closed.GetProperty("state").GetString());
    }

    private static async Task AssertDueAsync(WorkflowApi reader, string taskName, Country country)
    {
        var row = Assert.Single(await reader.TasksAsync(), t => t.GetProperty("task").GetProperty("name").GetString() == taskName);
        var task = row.GetProperty("task");
        var due = task.GetProperty("dueAt").GetDateTimeOffset();
        Assert.Equal(country.ToString(), task.GetProperty("dueCountry").GetString());

        // 24:00 local: the instant is local midnight, ending a day that is a working day of the reader's country.
        var zone = ProgrammeTimeZones.Of(country);
        var local = TimeZoneInfo.ConvertTime(due, zone);
        Assert.Equal(TimeSpan.Zero, local.TimeOfDay);
        var day = DateOnly.FromDateTime(local.DateTime).AddDays(-1);
        var calendar = Official.For(country);
        Assert.True(calendar.IsWorkingDay(day), $"{taskName} is due at the end of {day} in {country}, which is not a working day there");
        if (country == Country.JP)
        {
            Assert.False(day is { Month: 12, Day: >= 29 } or { Month: 1, Day: <= 3 }, $"{day} lies in the Japanese year-end office closure");
        }

        // Provisional exactly when the count ran through a year without the official file.
        var opened = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(task.GetProperty("openedAt").GetDateTimeOffset(), zone).DateTime);
        var provisional = calendar.AnyProvisional(opened, day);
        Assert.Equal(provisional, task.GetProperty("dueProvisional").ValueKind == JsonValueKind.Object);
        if (provisional)
        {
            Assert.Contains("holiday schedule is not published yet", task.GetProperty("dueProvisional").GetProperty("english").GetString(), StringComparison.Ordinal);
        }
    }
}
