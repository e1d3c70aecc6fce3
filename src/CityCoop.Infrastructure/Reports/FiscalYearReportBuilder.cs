using CityCoop.Domain.Activities;
using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Reports;

/// <summary>
/// Builds the <see cref="FiscalYearReport"/> of a fiscal year from the activities, approvals and expenses in the
/// database; voided activities are left out. Money is as of the Tokyo date of <paramref name="time"/> (expenses paid later are not spent yet).
/// </summary>
public sealed class FiscalYearReportBuilder(CityCoopDbContext db, TimeProvider time)
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

        // The other kinds have no number in any source; they are numbered by date.
        var pairOf = await ProposalPairsAsync(activities, cancellationToken);
        string PairOf(Guid? proposalId) => proposalId is { } id && pairOf.TryGetValue(id, out var pair) ? text.Pair(string.Join(text.ListSeparator, pair.Japanese.Select(Name)), Name(pair.Chinese)) : string.Empty;
        var seminars = activities.OfType<LocalSeminar>().OrderBy(a => a.StartDate).ThenBy(a => a.Id).Select((s, i) => new LocalSeminarRow(
            i + 1, text.Period(s.StartDate, s.EndDate, '~'), Name(s.ChineseCityCode), string.Join(text.ListSeparator, s.JapaneseCityCodes.Select(Name)), s.Topic, s.Participants, FundsReportBuilder.CostCell(s), s.StartDate, s.EndDate)).ToList();
        var research = activities.OfType<JointResearch>().OrderBy(a => a.StartDate).ThenBy(a => a.Id).Select((r, i) => new JointResearchRow(
            i + 1, text.Period(r.StartDate, r.EndDate, '~'), PairOf(r.ProposalId), r.Topic, r.Institutions, FundsReportBuilder.CostCell(r), r.StartDate, r.EndDate)).ToList();
        var models = activities.OfType<ModelProject>().OrderBy(a => a.StartDate).ThenBy(a => a.Id).Select((m, i) => new ModelProjectRow(
            i + 1, text.Period(m.StartDate, m.EndDate, '~'), PairOf(m.ProposalId), m.Title, m.Site, m.Enterprises, FundsReportBuilder.CostCell(m), m.StartDate, m.EndDate)).ToList();

        var asOf = Expenses.ExpenseBook.Today(time.GetUtcNow());
        var funds = await FundsReportBuilder.BuildAsync(db, year, text, Name, activities, asOf, cancellationToken);

        return new FiscalYearReport(
            year,
            language,
            text.ConsultationColumns,
            consultationRows,
            text.TrainingVisitColumns,
            visitRows,
            totals,
            text.LocalSeminarColumns,
            seminars,
            text.JointResearchColumns,
            research,
            text.ModelProjectColumns,
            models,
            funds);
    }

    // The Japanese cities and Chinese city of the proposals the activities were recorded under.
    private async Task<Dictionary<Guid, (IReadOnlyList<string> Japanese, string Chinese)>> ProposalPairsAsync(List<Activity> activities, CancellationToken ct)
    {
        var ids = activities.Where(a => a.Kind is ActivityKind.JointResearch or ActivityKind.ModelProject).Select(a => a.ProposalId).OfType<Guid>().Distinct().ToList();
        var proposals = ids.Count == 0 ? [] : await db.Proposals.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return proposals.Where(p => p.ChineseCityCode is not null).ToDictionary(p => p.Id, p => (p.JapaneseCityCodes, p.ChineseCityCode!));
    }

    private static List<NamedCount> CountBy(List<TrainingVisit> visits, Func<TrainingVisit, string> key) =>
        [.. visits.GroupBy(key).Select(g => new NamedCount(g.Key, g.Sum(v => v.Trainees)))];

    // Rows without a seed number are ordered after the numbered ones; they continue the seed's numbering.
    private static int RowNumber(IEnumerable<int?> numbers, int index) =>
        Math.Max(index + 1, (numbers.Max() ?? 0) + 1 + index - numbers.Count(n => n is not null));
}
