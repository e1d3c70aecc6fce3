using CityCoop.Infrastructure.Import;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityCoop.Server.Tests.Import;

/// <summary>
/// Each kind of bad input is reported with file, line and column, and nothing is written: the database (PostgreSQL,
/// seeded with the sample data) is the same before and after, although the folder also holds a valid new city.
/// </summary>
public class ImportValidationTests(SeededPostgresFixture fixture) : IClassFixture<SeededPostgresFixture>
{
    private const string Visits = ImportFolder.Visits;
    private const string Consultations = ImportFolder.Consultations;

    [Fact]
    public async Task Import_WithUnknownCityCode_ReportsLineAndColumnAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Visits, "9,2014,2015-02-10,2015-02-12,3,atlantis,kitakyushu,技术人员,technical staff,3");

        var problem = await ImportExpectingOneProblemAsync(folder);

        AssertProblem(problem, Visits, ImportFolder.FirstNewVisitLine, "sending_city", "Unknown city code(s): atlantis.");
    }

    [Fact]
    public async Task Import_WithUnknownReceivingCityAmongSeveral_ReportsThatCodeAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Visits, "9,2014,2015-02-10,2015-02-12,3,shanghai,kitakyushu;osaka,技术人员,technical staff,3");

        var problem = await ImportExpectingOneProblemAsync(folder);

        AssertProblem(problem, Visits, ImportFolder.FirstNewVisitLine, "receiving_cities", "Unknown city code(s): osaka.");
    }

    [Fact]
    public async Task Import_WithEndDateBeforeStartDate_ReportsLineAndColumnAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Consultations, "14,2014,2015-03-20,2015-03-19,kitakyushu,shanghai,环保局,Environmental Protection Bureau,bureau-chief,false,false,");

        var problem = await ImportExpectingOneProblemAsync(folder);

        AssertProblem(problem, Consultations, ImportFolder.FirstNewConsultationLine, "end_date", "End date 2015-03-19 is before start date 2015-03-20.");
    }

    [Fact]
    public async Task Import_WithDaysDisagreeingWithDates_ReportsLineAndColumnAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Visits, "9,2014,2015-02-10,2015-02-12,4,shanghai,kitakyushu,技术人员,technical staff,3");

        var problem = await ImportExpectingOneProblemAsync(folder);

        AssertProblem(problem, Visits, ImportFolder.FirstNewVisitLine, "days", "days is 4, but 2015-02-10..2015-02-12 spans 3 days (both ends counted).");
    }

    [Fact]
    public async Task Import_WithANulInAField_ReportsLineAndColumnAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Consultations, "14,2014,2015-03-20,2015-03-20,kitakyushu,shanghai,环保\0局,Environmental Protection Bureau,bureau-chief,false,false,");

        var problem = await ImportExpectingOneProblemAsync(folder);

        AssertProblem(problem, Consultations, ImportFolder.FirstNewConsultationLine, "counterparts_zh", "counterparts_zh contains the control character U+0000 at position 3; remove it.");
    }

    [Fact]
    public async Task Import_WithDuplicateNo_ReportsTheSecondRowAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Visits, "8,2014,2015-02-10,2015-02-12,3,shanghai,kitakyushu,技术人员,technical staff,3");

        var problem = await ImportExpectingOneProblemAsync(folder);

        AssertProblem(problem, Visits, ImportFolder.FirstNewVisitLine, "no", "Duplicate no 8 in FY2014.");
    }

    [Fact]
    public async Task Import_WithBadDate_ReportsLineAndColumnAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Visits, "9,2014,2015-02-30,2015-03-02,1,shanghai,kitakyushu,技术人员,technical staff,3");

        var problem = await ImportExpectingOneProblemAsync(folder);

        AssertProblem(problem, Visits, ImportFolder.FirstNewVisitLine, "start_date", "'2015-02-30' is not a date of the form yyyy-MM-dd.");
    }

    [Fact]
    public async Task Import_WithNegativeHeadCount_ReportsLineAndColumnAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Visits, "9,2014,2015-02-10,2015-02-12,3,shanghai,kitakyushu,技术人员,technical staff,-3");

        var problem = await ImportExpectingOneProblemAsync(folder);

        AssertProblem(problem, Visits, ImportFolder.FirstNewVisitLine, "trainees", "-3 is negative; a count cannot be.");
    }

    [Fact]
    public async Task Import_WithWrongFieldCount_ReportsMalformedCsvAtTheLineAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Visits, "9,2014,2015-02-10,2015-02-12,3,shanghai,kitakyushu,技术人员,3");

        var problem = await ImportExpectingOneProblemAsync(folder);

        AssertProblem(problem, Visits, ImportFolder.FirstNewVisitLine, null, "Expected 10 fields, found 9 (malformed CSV).");
    }

    [Fact]
    public async Task Import_WithUnterminatedQuote_ReportsMalformedCsvAtTheLineAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Consultations, "14,2014,2015-03-20,2015-03-21,kitakyushu,shanghai,环保局,\"Environmental Protection Bureau,bureau-chief,false,false,");

        var result = await ImportExpectingFailureAsync(folder);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(Consultations, problem.File);
        Assert.Equal(ImportFolder.FirstNewConsultationLine, problem.Line);
        Assert.Contains("malformed CSV", problem.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"{Consultations}:{ImportFolder.FirstNewConsultationLine}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithStrayQuoteInsideAField_ReportsMalformedCsvAtTheLineAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Consultations, "14,2014,2015-03-20,2015-03-21,kitakyushu,shanghai,环保\"局,Environmental Protection Bureau,bureau-chief,false,false,");

        var result = await ImportExpectingFailureAsync(folder);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(Consultations, problem.File);
        Assert.Equal(ImportFolder.FirstNewConsultationLine, problem.Line);
        Assert.Contains("Malformed CSV", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithSeveralProblemsInSeveralFiles_ReportsEveryOneAndWritesNothing()
    {
        using var folder = ImportFolder.FromSampleData()
            .AppendLine(Consultations, "14,2014,2015-03-20,2015-03-19,kitakyushu,shanghai,环保局,Environmental Protection Bureau,bureau-chief,false,false,")
            .AppendLine(Visits, "9,2014,2015-02-10,2015-02-12,4,shanghai,kitakyushu,技术人员,technical staff,3")
            .AppendLine(Visits, "10,2014,2015-02-10,2015-02-12,3,shanghai,kitakyushu,技术人员,technical staff,-1");

        var result = await ImportExpectingFailureAsync(folder);

        Assert.Equal(
            [
                $"{Consultations}:15: column end_date: End date 2015-03-19 is before start date 2015-03-20.",
                $"{Visits}:10: column days: days is 4, but 2015-02-10..2015-02-12 spans 3 days (both ends counted).",
                $"{Visits}:11: column trainees: -1 is negative; a count cannot be.",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public async Task Import_OfTheSampleDataIntoTheSeededDatabase_ChangesNothing()
    {
        var before = await SnapshotAsync();
        await using var scope = fixture.Factory.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<SampleDataImporter>().ImportAsync(CityCoopFactory.SampleDataFolder);

        Assert.True(result.Succeeded);
        Assert.Equal((0, 0, 18 + 3 + 13 + 8), (result.Added, result.Updated, result.Unchanged));
        Assert.Equal(before, await SnapshotAsync());
    }

    private static void AssertProblem(ImportProblem problem, string file, int line, string? column, string message)
    {
        Assert.Equal(file, problem.File);
        Assert.Equal(line, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Equal(message, problem.Message);
        var where = column is null ? $"{file}:{line}: " : $"{file}:{line}: column {column}: ";
        Assert.Equal(where + message, problem.ToString());
    }

    private async Task<ImportProblem> ImportExpectingOneProblemAsync(ImportFolder folder)
    {
        var result = await ImportExpectingFailureAsync(folder);
        return Assert.Single(result.Problems);
    }

    /// <summary>Imports the folder, asserts that it failed and that the database is exactly as before.</summary>
    private async Task<ImportResult> ImportExpectingFailureAsync(ImportFolder folder)
    {
        var before = await SnapshotAsync();
        Assert.Equal(18, before.Cities);

        ImportResult result;
        await using (var scope = fixture.Factory.CreateScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<SampleDataImporter>().ImportAsync(folder.Path);
        }

        Assert.False(result.Succeeded);
        Assert.Equal((0, 0, 0), (result.Added, result.Updated, result.Unchanged));
        var after = await SnapshotAsync();
        Assert.Equal(before, after);
        await using (var scope = fixture.Factory.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<CityCoopDbContext>().Cities.AnyAsync(c => c.Code == "dalian"));
        }

        return result;
    }

    private async Task<DatabaseSnapshot> SnapshotAsync()
    {
        await using var scope = fixture.Factory.CreateScope();
        return await DatabaseSnapshot.TakeAsync(scope.ServiceProvider.GetRequiredService<CityCoopDbContext>());
    }
}
