using CityCoop.Domain.Activities;
using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Reports;

/// <summary>Builds the <see cref="FiscalYearReport"/> of a fiscal year from the activities in the database; voided activities are left out.</summary>
public sealed class FiscalYearReportBuilder(CityCoopDbContext db)
{
    /// <summary>Languages a report can be written in.</summary>
    public static IReadOnlyList<string> Languages { get; } = Domain.Languages.Codes;

    /// <summary>Builds the report of fiscal year <paramref name="year"/> (e.g. 2014) with names in "zh", "ja" or "en".</summary>
    /// <exception cref="ArgumentException">The language is not one of <see cref="Languages"/>.</exception>
    public async Task<FiscalYearReport> BuildAsync(int year, string language = "zh", CancellationToken cancellationToken = default)
    {
        if (!Languages.Contains(language))
        {
            throw new ArgumentException($"Language '{language}' is not zh, ja or en.", nameof(language));
        }

        var cities = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name(language), cancellationToken);
        string Name(string code) => cities.TryGetValue(code, out var n) ? n : code;

        // A voided record was a mistake: it stays stored for the audit trail but is not something that happened.
        var activities = await db.Activities.AsNoTracking().Where(a => a.FiscalYear == year && a.VoidedAt == null).ToListAsync(cancellationToken);
        var consultations = activities.OfType<OnSiteConsultation>().OrderBy(a => a.Number ?? int.MaxValue).ThenBy(a => a.StartDate).ToList();
        var visits = activities.OfType<TrainingVisit>().OrderBy(a => a.Number ?? int.MaxValue).ThenBy(a => a.StartDate).ToList();
        var text = ReportText.For(language);

        // The seed numbers its rows; activities recorded through the workflow have no number and continue the sequence.
        var consultationRows = consultations.Select((c, i) => new ConsultationRow(
            c.Number ?? RowNumber(consultations.Select(x => x.Number), i),
            text.Period(c.StartDate, c.EndDate, '~'),
            string.Join(text.ListSeparator, c.JapaneseCityCodes.Select(Name)),
            Name(c.ChineseCityCode),
            text.Counterparts(c),
            c.StartDate,
            c.EndDate,
            c.DecidedToCooperate)).ToList();

        var visitRows = visits.Select((v, i) => new TrainingVisitRow(
            v.Number ?? RowNumber(visits.Select(x => x.Number), i),
            $"{text.Period(v.StartDate, v.EndDate, '-')}({v.Days})",
            Name(v.SendingCityCode),
            v.ReceivingCityCodes.Count == 1
                ? Name(v.MainHostCityCode)
                : $"{Name(v.MainHostCityCode)}({string.Join(text.ListSeparator, v.ReceivingCityCodes.Skip(1).Select(Name))})",
            text.CategoryAndTrainees(v.TraineeCategory, v.Trainees),
            v.StartDate,
            v.EndDate,
            v.Days,
            ReportText.TraineeCategory(v.TraineeCategory, language),
            v.Trainees)).ToList();

        var totals = new ReportTotals(
            consultations.Count,
            consultations.Count(c => c.DecidedToCooperate),
            visits.Count,
            visits.Sum(v => v.Trainees),
            visits.Sum(v => v.Days),
            visits.Sum(v => v.TraineeDays),
            CountBy(visits, v => ReportText.TraineeCategory(v.TraineeCategory, language)),
            CountBy(visits, v => Name(v.SendingCityCode)),
            CountBy(visits, v => Name(v.MainHostCityCode)));

        return new FiscalYearReport(year, language, text.ConsultationColumns, consultationRows, text.TrainingVisitColumns, visitRows, totals);
    }

    private static List<NamedCount> CountBy(List<TrainingVisit> visits, Func<TrainingVisit, string> key) =>
        [.. visits.GroupBy(key).Select(g => new NamedCount(g.Key, g.Sum(v => v.Trainees)))];

    // Rows without a seed number are ordered after the numbered ones; they continue the seed's numbering.
    private static int RowNumber(IEnumerable<int?> numbers, int index) =>
        Math.Max(index + 1, (numbers.Max() ?? 0) + 1 + index - numbers.Count(n => n is not null));
}
