using CityCoop.Domain;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Organizations;
using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Import;

/// <summary>
/// Imports a folder of CSV files in the format of the product's sample data (cities.csv,
/// friendship-relations.csv, fy&lt;year&gt;-consultations.csv, fy&lt;year&gt;-training-visits.csv).
/// All or nothing: every problem in every file is reported with file, line and column and nothing is written;
/// importing the same files again changes nothing.
/// </summary>
public sealed class SampleDataImporter(CityCoopDbContext db, Workflows.ReferenceDataCache? referenceData = null)
{
    private static readonly string[] CityColumns = ["code", "country", "level", "name_zh", "name_ja", "name_en", "parent_en", "time_zone"];
    private static readonly string[] FriendshipColumns = ["jp_city", "cn_city", "established", "source"];
    private static readonly string[] ConsultationColumns = ["no", "fiscal_year", "start_date", "end_date", "jp_cities", "cn_city", "counterparts_zh", "counterparts_en", "level", "decided_to_cooperate"];
    private static readonly string[] VisitColumns = ["no", "fiscal_year", "start_date", "end_date", "days", "sending_city", "receiving_cities", "trainee_category_zh", "trainee_category_en", "trainees"];

    /// <summary>Validates and imports every known file in <paramref name="folder"/> in one transaction.</summary>
    /// <param name="folder">Folder with the CSV files.</param>
    /// <param name="includeActivities">False imports only cities and friendship relations (the replay records activities through the workflow).</param>
    /// <param name="cancellationToken">Cancels the import; nothing is written then.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public async Task<ImportResult> ImportAsync(string folder, bool includeActivities = true, CancellationToken cancellationToken = default)
    {
        var (data, problems) = await ReadAsync(folder, cancellationToken);
        if (problems.Count > 0)
        {
            return ImportResult.Failed(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var counts = new Counts();
        await UpsertCitiesAsync(data.Cities, counts, cancellationToken);
        await UpsertFriendshipsAsync(data.Relations, counts, cancellationToken);
        if (includeActivities)
        {
            await UpsertActivitiesAsync(data.Activities, counts, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        referenceData?.Invalidate();
        return new ImportResult([], counts.Added, counts.Updated, counts.Unchanged);
    }

    /// <summary>Reads and validates every known file without writing anything.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public async Task<(SampleData Data, IReadOnlyList<ImportProblem> Problems)> ReadAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Folder '{folder}' does not exist.");
        }

        var problems = new List<ImportProblem>();
        var existingCities = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Code, cancellationToken);
        var cities = ReadCities(Path.Combine(folder, "cities.csv"), problems);
        var allCities = new Dictionary<string, City>(existingCities);
        foreach (var c in cities)
        {
            allCities[c.Code] = c;
        }

        var relations = ReadFriendships(Path.Combine(folder, "friendship-relations.csv"), allCities, problems);
        var activities = new List<Activity>();
        foreach (var path in Directory.GetFiles(folder, "fy*-consultations.csv").Order(StringComparer.Ordinal))
        {
            activities.AddRange(ReadConsultations(path, allCities, problems));
        }

        foreach (var path in Directory.GetFiles(folder, "fy*-training-visits.csv").Order(StringComparer.Ordinal))
        {
            activities.AddRange(ReadTrainingVisits(path, allCities, problems));
        }

        if (cities.Count == 0 && relations.Count == 0 && activities.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ImportProblem(folder, 0, null, "No importable files found (cities.csv, friendship-relations.csv, fy*-consultations.csv, fy*-training-visits.csv)."));
        }

        return (new SampleData(cities, relations, activities), problems);
    }

    private static List<City> ReadCities(string path, List<ImportProblem> problems)
    {
        var result = new List<City>();
        if (!File.Exists(path))
        {
            return result;
        }

        var file = CsvFile.Read(path, CityColumns);
        problems.AddRange(file.Problems);
        var seen = new HashSet<string>();
        foreach (var row in file.Rows)
        {
            var before = problems.Count;
            var code = row.Required("code", problems);
            if (code is not null && !seen.Add(code))
            {
                problems.Add(row.Problem("code", $"Duplicate city code '{code}'."));
            }

            var country = Enum.TryParse<Country>(row.Text("country"), ignoreCase: false, out var ct) ? ct : (Country?)null;
            if (country is null)
            {
                problems.Add(row.Problem("country", $"'{row.Text("country")}' is not JP or CN."));
            }

            var level = Enum.TryParse<CityLevel>(row.Text("level"), ignoreCase: true, out var lv) ? lv : (CityLevel?)null;
            if (level is null)
            {
                problems.Add(row.Problem("level", $"'{row.Text("level")}' is not city, prefecture, province or municipality."));
            }

            var zh = row.Required("name_zh", problems);
            var ja = row.Required("name_ja", problems);
            var en = row.Required("name_en", problems);
            var zone = row.Text("time_zone");
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                problems.Add(row.Problem("time_zone", $"'{zone}' is not a known IANA time zone."));
            }

            if (problems.Count == before)
            {
                result.Add(new City(code!, country!.Value, level!.Value, zh!, ja!, en!, row.Text("parent_en"), zone));
            }
        }

        return result;
    }

    private static List<FriendshipRelation> ReadFriendships(string path, Dictionary<string, City> cities, List<ImportProblem> problems)
    {
        var result = new List<FriendshipRelation>();
        if (!File.Exists(path))
        {
            return result;
        }

        var file = CsvFile.Read(path, FriendshipColumns);
        problems.AddRange(file.Problems);
        var seen = new HashSet<(string, string)>();
        foreach (var row in file.Rows)
        {
            var before = problems.Count;
            var jp = CityOf(row, "jp_city", Country.JP, cities, problems);
            var cn = CityOf(row, "cn_city", Country.CN, cities, problems);
            var established = PartialDate.Unknown;
            try
            {
                established = PartialDate.Parse(row.Text("established"));
            }
            catch (FormatException e)
            {
                problems.Add(row.Problem("established", e.Message));
            }

            if (jp is not null && cn is not null && !seen.Add((jp, cn)))
            {
                problems.Add(row.Problem(null, $"Duplicate friendship relation {jp}–{cn}."));
            }

            if (problems.Count == before)
            {
                result.Add(new FriendshipRelation(jp!, cn!, established, row.Text("source")));
            }
        }

        return result;
    }

    private static List<Activity> ReadConsultations(string path, Dictionary<string, City> cities, List<ImportProblem> problems)
    {
        var result = new List<Activity>();
        var file = CsvFile.Read(path, ConsultationColumns);
        problems.AddRange(file.Problems);
        var numbers = new HashSet<(int, int)>();
        foreach (var row in file.Rows)
        {
            var before = problems.Count;
            var (no, _, start, end) = ReadCommon(row, numbers, problems);
            var jpCities = CitiesOf(row, "jp_cities", Country.JP, cities, problems);
            var cn = CityOf(row, "cn_city", Country.CN, cities, problems);
            var level = ParseLevel(row, problems);
            var decided = row.Boolean("decided_to_cooperate", problems);

            // Optional columns (files written before them still import): the source's 协商等, and a cell as printed.
            var andOther = row.Optional("and_other_business") is null ? false : row.Boolean("and_other_business", problems);
            if (problems.Count == before)
            {
                result.Add(new OnSiteConsultation(
                    start!.Value, end!.Value, jpCities!, cn!, row.Text("counterparts_zh"), row.Text("counterparts_en"), level, decided!.Value, no, andOther!.Value, row.Optional("counterparts_printed_zh")));
            }
        }

        return result;
    }

    private static List<Activity> ReadTrainingVisits(string path, Dictionary<string, City> cities, List<ImportProblem> problems)
    {
        var result = new List<Activity>();
        var file = CsvFile.Read(path, VisitColumns);
        problems.AddRange(file.Problems);
        var numbers = new HashSet<(int, int)>();
        foreach (var row in file.Rows)
        {
            var before = problems.Count;
            var (no, _, start, end) = ReadCommon(row, numbers, problems);
            var days = row.WholeNumber("days", problems);
            if (days is not null && start is not null && end is not null && end >= start && days != end.Value.DayNumber - start.Value.DayNumber + 1)
            {
                problems.Add(row.Problem("days", $"days is {days}, but {start:yyyy-MM-dd}..{end:yyyy-MM-dd} spans {end.Value.DayNumber - start.Value.DayNumber + 1} days (both ends counted)."));
            }

            var sending = CityOf(row, "sending_city", Country.CN, cities, problems);
            var receiving = CitiesOf(row, "receiving_cities", Country.JP, cities, problems);
            var category = TraineeCategoryNames.Find(row.Text("trainee_category_zh"), row.Text("trainee_category_en"));
            if (category is null)
            {
                problems.Add(row.Problem("trainee_category_zh", $"'{row.Text("trainee_category_zh")}' / '{row.Text("trainee_category_en")}' is not a known trainee category."));
            }

            var trainees = row.WholeNumber("trainees", problems, nonNegative: true);
            if (problems.Count == before)
            {
                result.Add(new TrainingVisit(start!.Value, end!.Value, days!.Value, sending!, receiving!, category!.Value, trainees!.Value, no));
            }
        }

        return result;
    }

    private static (int? No, int? FiscalYear, DateOnly? Start, DateOnly? End) ReadCommon(CsvRow row, HashSet<(int, int)> numbers, List<ImportProblem> problems)
    {
        var no = row.WholeNumber("no", problems, nonNegative: true);
        var fy = row.WholeNumber("fiscal_year", problems);
        var start = row.Date("start_date", problems);
        var end = row.Date("end_date", problems);
        if (start is not null && end is not null && end < start)
        {
            problems.Add(row.Problem("end_date", $"End date {end:yyyy-MM-dd} is before start date {start:yyyy-MM-dd}."));
        }

        if (fy is not null && start is not null && FiscalYear.Of(start.Value).Year != fy)
        {
            problems.Add(row.Problem("fiscal_year", $"Start date {start:yyyy-MM-dd} is in FY{FiscalYear.Of(start.Value).Year}, not FY{fy}."));
        }

        if (no is not null && fy is not null && !numbers.Add((fy.Value, no.Value)))
        {
            problems.Add(row.Problem("no", $"Duplicate no {no} in FY{fy}."));
        }

        return (no, fy, start, end);
    }

    private static string? CityOf(CsvRow row, string column, Country country, Dictionary<string, City> cities, List<ImportProblem> problems)
    {
        var codes = CitiesOf(row, column, country, cities, problems);
        if (codes is null)
        {
            return null;
        }

        if (codes.Count != 1)
        {
            problems.Add(row.Problem(column, "Exactly one city code is expected."));
            return null;
        }

        return codes[0];
    }

    private static IReadOnlyList<string>? CitiesOf(CsvRow row, string column, Country country, Dictionary<string, City> cities, List<ImportProblem> problems)
    {
        var codes = row.CityCodes(column, cities.Keys.ToHashSet(), problems);
        if (codes is null)
        {
            return null;
        }

        var wrong = codes.Where(c => cities[c].Country != country).ToList();
        if (wrong.Count > 0)
        {
            problems.Add(row.Problem(column, $"{string.Join(", ", wrong)} is not a city of {country}."));
            return null;
        }

        return codes;
    }

    private static ConsultationLevel ParseLevel(CsvRow row, List<ImportProblem> problems)
    {
        switch (row.Text("level"))
        {
            case "bureau-chief":
                return ConsultationLevel.BureauChief;
            case "division-chief":
                return ConsultationLevel.DivisionChief;
            case "unspecified" or "":
                return ConsultationLevel.Unspecified;
            default:
                problems.Add(row.Problem("level", $"'{row.Text("level")}' is not bureau-chief, division-chief or unspecified."));
                return ConsultationLevel.Unspecified;
        }
    }

    private async Task UpsertCitiesAsync(IReadOnlyList<City> cities, Counts counts, CancellationToken ct)
    {
        var existing = await db.Cities.ToDictionaryAsync(c => c.Code, ct);
        var organizations = await db.Organizations.Select(o => o.Code).ToHashSetAsync(ct);
        foreach (var org in Organization.National().Where(o => !organizations.Contains(o.Code)))
        {
            db.Organizations.Add(org);
        }

        foreach (var city in cities)
        {
            if (existing.TryGetValue(city.Code, out var old))
            {
                var changed = old.NameZh != city.NameZh || old.NameJa != city.NameJa || old.NameEn != city.NameEn
                    || old.Country != city.Country || old.Level != city.Level || old.ParentEn != city.ParentEn || old.TimeZone != city.TimeZone;
                old.UpdateFrom(city);
                counts.Count(changed);
            }
            else
            {
                db.Cities.Add(city);
                counts.Added++;
            }

            if (!organizations.Contains(city.OrganizationCode))
            {
                db.Organizations.Add(Organization.ForCity(city));
            }
        }
    }

    private async Task UpsertFriendshipsAsync(IReadOnlyList<FriendshipRelation> relations, Counts counts, CancellationToken ct)
    {
        var existing = await db.FriendshipRelations.ToDictionaryAsync(f => (f.JapaneseCityCode, f.ChineseCityCode), ct);
        foreach (var relation in relations)
        {
            if (existing.TryGetValue((relation.JapaneseCityCode, relation.ChineseCityCode), out var old))
            {
                var changed = old.Established != relation.Established || old.Source != relation.Source;
                old.UpdateFrom(relation);
                counts.Count(changed);
            }
            else
            {
                db.FriendshipRelations.Add(relation);
                counts.Added++;
            }
        }
    }

    private async Task UpsertActivitiesAsync(IReadOnlyList<Activity> activities, Counts counts, CancellationToken ct)
    {
        var imported = await db.Activities.Where(a => a.Number != null && a.ProposalId == null).ToListAsync(ct);
        foreach (var activity in activities)
        {
            var old = imported.FirstOrDefault(a => a.Kind == activity.Kind && a.FiscalYear == activity.FiscalYear && a.Number == activity.Number);
            var same = (old, activity) switch
            {
                (OnSiteConsultation o, OnSiteConsultation n) => o.SameAs(n),
                (TrainingVisit o, TrainingVisit n) => o.SameAs(n),
                _ => false,
            };
            if (same)
            {
                counts.Unchanged++;
                continue;
            }

            if (old is not null)
            {
                // Rows are immutable records of what happened; a corrected row replaces the old one.
                db.Activities.Remove(old);
                await db.SaveChangesAsync(ct);
                counts.Updated++;
            }
            else
            {
                counts.Added++;
            }

            db.Activities.Add(activity);
        }
    }

    private sealed class Counts
    {
        public int Added { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public void Count(bool changed)
        {
            if (changed)
            {
                Updated++;
            }
            else
            {
                Unchanged++;
            }
        }
    }
}
