using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Memorandums;
using CityCoop.Domain.Tests.Workflows;
using CityCoop.Workflows;

namespace CityCoop.Domain.Tests.Memorandums;

/// <summary>The real memorandum definition, the cities of <c>data/cities.csv</c> and plans to record.</summary>
internal static class MemorandumFixtures
{
    public static string DefinitionPath => Path.Combine(RepoFiles.Root.Value, "workflows", "fiscal-year-memorandum.json");

    public static string SamplePath => Path.Combine(RepoFiles.Root.Value, "data", "fy2015-memorandum.json");

    public static WorkflowDefinition Definition() =>
        WorkflowDefinitionLoader.FromSchemaFile(RepoFiles.SchemaPath, MemorandumWorkflowHooks.Create()).Load(DefinitionPath, 1);

    // The file has no quoted fields; its columns are code,country,level,name_zh,name_ja,name_en,parent_en,time_zone.
    public static readonly IReadOnlyDictionary<string, City> Cities = File.ReadAllLines(Path.Combine(RepoFiles.Root.Value, "data", "cities.csv"))
        .Skip(1)
        .Where(l => l.Length > 0)
        .Select(l => l.Split(','))
        .Select(c => new City(c[0], Enum.Parse<Country>(c[1]), WorkflowNames.Parse<CityLevel>(c[2]), c[3], c[4], c[5], c[6], c[7]))
        .ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static readonly object PlanInput = new
    {
        pairs = new[] { new { japanese = "kitakyushu", chinese = "shanghai" }, new { japanese = "hyogo", chinese = "guangdong" } },
        activities = new[] { new { kind = "local-seminar", count = 2 }, new { kind = "training-visit", count = 1 } },
        visits = new[] { new { city = "shanghai", month = "2015-07" }, new { city = "guangdong", month = "2016-01" } },
        summary = "Seminars in Shanghai; a training visit from Guangdong.",
    };

    public static MemorandumPlan Plan(
        IReadOnlyList<MemorandumCityPair>? pairs = null,
        IReadOnlyList<PlannedActivity>? activities = null,
        IReadOnlyList<PlannedVisit>? visits = null,
        string summary = "") =>
        new(
            pairs ?? [new("kitakyushu", "shanghai"), new("hyogo", "guangdong")],
            activities ?? [new(Activities.ActivityKind.LocalSeminar, 2), new(Activities.ActivityKind.TrainingVisit, 1)],
            visits ?? [new("shanghai", 2015, 7), new("guangdong", 2016, 1)],
            summary);

    public static FiscalYearMemorandum Memorandum(int fiscalYear = 2015) => new(fiscalYear, "u-pjp", new DateTimeOffset(2015, 2, 2, 0, 0, 0, TimeSpan.Zero));
}
