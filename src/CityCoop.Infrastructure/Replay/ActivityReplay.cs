using System.Globalization;
using CityCoop.Domain.Activities;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Funding;
using CityCoop.Domain.Proposals;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Import;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using static CityCoop.Infrastructure.Replay.ReplaySteps;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Replay;

/// <summary>
/// Runs a year of recorded activities (the sample-data format) through the cooperation-proposal workflow itself,
/// with the clock set to the recorded dates: one proposal per Chinese city's cooperation; each consultation is
/// recorded in whatever step the proposal is in on its date; <c>match</c> happens at the end of the consultation
/// that decided cooperation and ministry approval the next day; training visits are recorded in fund execution.
/// A cooperation with training visits but no deciding consultation was decided in an earlier year (Tianjin's, in
/// FY2013) and starts the year already approved. Every journal entry says whether its date came from the data
/// (<c>recorded</c>) or was assumed (<c>assumed</c>).
/// </summary>
public sealed class ActivityReplay(CityCoopDbContext db, SampleDataImporter importer, ProposalWorkflow workflow)
{
    // The seed records no money; approval needs an amount, so the replay assumes one and says so in the journal.
    private static readonly Money AssumedAmount = new(1_000_000m, Currency.JPY);


    /// <summary>Imports the folder's cities and friendship relations, then replays its activities; refuses a database that already holds activities or proposals of those years.</summary>
    public async Task<ReplayResult> RunAsync(string folder, CancellationToken ct = default)
    {
        var (data, problems) = await importer.ReadAsync(folder, ct);
        if (problems.Count > 0)
        {
            return new ReplayResult([], [.. problems.Select(p => p.ToString())]);
        }

        var years = data.Activities.Select(a => a.FiscalYear).Distinct().ToList();
        if (await db.Activities.AnyAsync(a => years.Contains(a.FiscalYear), ct) || await db.Proposals.AnyAsync(p => years.Contains(p.FiscalYear), ct))
        {
            return new ReplayResult([], [$"The database already holds activities or proposals of FY{string.Join(", FY", years)}; replay into a fresh database (e.g. a new --data-dir with --CityCoop:SeedSampleData=false)."]);
        }

        var imported = await importer.ImportAsync(folder, includeActivities: false, cancellationToken: ct);
        if (!imported.Succeeded)
        {
            return new ReplayResult([], [.. imported.Problems.Select(p => p.ToString())]);
        }

        var cities = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        var friendships = await db.FriendshipRelations.AsNoTracking().ToListAsync(ct);
        var replayed = new List<ReplayedProposal>();
        foreach (var cooperation in Cooperations(data.Activities).OrderBy(c => c.FirstDate))
        {
            replayed.Add(await ReplayAsync(cooperation, cities, friendships, ct));
            db.ChangeTracker.Clear();
        }

        return new ReplayResult(replayed, []);
    }

    private static List<Cooperation> Cooperations(IReadOnlyList<Activity> activities) =>
        [.. activities
            .GroupBy(a => a switch { OnSiteConsultation c => c.ChineseCityCode, TrainingVisit v => v.SendingCityCode, _ => string.Empty })
            .Where(g => g.Key.Length > 0)
            .Select(g => new Cooperation(g.Key, [.. g.OrderBy(a => a.StartDate).ThenBy(a => a.Number)]))];

    private async Task<ReplayedProposal> ReplayAsync(Cooperation cooperation, Dictionary<string, City> cities, List<FriendshipRelation> friendships, CancellationToken ct)
    {
        var chinese = cities[cooperation.ChineseCityCode];
        var japanese = cooperation.JapaneseCityCodes;
        var year = cooperation.Activities[0].FiscalYear;
        var city = Actor($"replay:city:{chinese.Code}", $"{chinese.NameEn} (replay)", CityCoopRoles.City, chinese.OrganizationCode, OrganizationKind.City, "CN");
        var strengthened = japanese.Any(j => friendships.Any(f => f.JapaneseCityCode == j && f.ChineseCityCode == chinese.Code));
        var draft = new ProposalDraft(
            $"{chinese.NameZh}–{string.Join("・", japanese.Select(j => cities[j].NameJa))} 大气污染防治城市间协作 FY{year}",
            "Replayed from the source document's FY tables; dates marked 'assumed' in the journal are not in the data.",
            japanese,
            CooperationStrand.GovernmentStaff,
            GovernmentLevel.Local,
            strengthened ? CooperationKind.Strengthened : CooperationKind.New,
            ["Air-pollution control cooperation (as decided in consultation)"],
            [],
            [ActivityKind.OnSiteConsultation, ActivityKind.TrainingVisit],
            year,
            AssumedAmount);

        var decided = cooperation.Activities.OfType<OnSiteConsultation>().FirstOrDefault(c => c.DecidedToCooperate);
        var decidedEarlier = decided is null && cooperation.Activities.OfType<TrainingVisit>().Any();
        var start = decidedEarlier ? new FiscalYear(year).Start : cooperation.FirstDate;
        var record = await workflow.CreateAsync(draft, city, At(start, 0), JournalDateSource.Assumed, ct);
        var id = record.Proposal.Id;
        await StepAsync(id, city, "submit", new { comment = "Proposal as of the first recorded contact." }, At(start, 1), JournalDateSource.Assumed, ct);
        if (decidedEarlier)
        {
            await DecideAsync(id, start, JournalDateSource.Assumed, "Decided in an earlier fiscal year.", ct);
        }

        var consultations = 0;
        var visits = 0;
        foreach (var activity in cooperation.Activities)
        {
            if (activity is OnSiteConsultation c)
            {
                await StepAsync(id, PlatformJp, "record-consultation", new { consultation = ConsultationInput(c) }, At(c.StartDate, 2), JournalDateSource.Recorded, ct);
                consultations++;
                if (ReferenceEquals(c, decided))
                {
                    await DecideAsync(id, c.EndDate, JournalDateSource.Recorded, $"Cooperation decided at consultation no. {c.Number}.", ct);
                }
            }
            else if (activity is TrainingVisit v)
            {
                await StepAsync(id, PlatformJp, "record-activity", new { activity = VisitInput(v) }, At(v.StartDate, 2), JournalDateSource.Recorded, ct);
                visits++;
            }
        }

        var final = await db.WorkflowInstances.AsNoTracking().Where(i => EF.Property<string>(i, CityCoopDbContext.InstanceSubjectType) == ProposalModule.Type && EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == id).Select(i => i.CurrentState).FirstAsync(ct);
        return new ReplayedProposal(id, chinese.Code, japanese, final, consultations, visits);
    }

    // match by both platforms on the deciding day, ministry approval the next day (no date for it in the data).
    private async Task DecideAsync(Guid id, DateOnly day, string dateSource, string comment, CancellationToken ct)
    {
        var items = new[] { new { wished = "Air-pollution control cooperation (as decided in consultation)", offered = "Japanese city's experience and technology" } };
        await StepAsync(id, PlatformJp, "record-matches", new { items, comment = "Matched items assumed: the source names none." }, At(day, 3), JournalDateSource.Assumed, ct);
        await StepAsync(id, PlatformJp, "match", new { comment }, At(day, 4), dateSource, ct);
        await StepAsync(id, PlatformCn, "match", new { comment }, At(day, 5), dateSource, ct);
        await StepAsync(id, MinistryJp, "approve", new { amount = AssumedAmount.Amount, comment = "Approval date and amount assumed: the source records neither." }, At(day.AddDays(1), 0), JournalDateSource.Assumed, ct);
    }

    private async Task StepAsync(Guid id, WorkflowActor actor, string action, object inputs, DateTimeOffset at, string dateSource, CancellationToken ct)
    {
        ReplaySteps.Require(await workflow.ExecuteAsync(id, actor, action, ReplaySteps.Inputs(inputs), at: at, dateSource: dateSource, ct: ct), "Replay", action, at);
        db.ChangeTracker.Clear();
    }

    private static object ConsultationInput(OnSiteConsultation c) => new
    {
        kind = "on-site-consultation",
        startDate = c.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        endDate = c.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        number = c.Number,
        japaneseCities = c.JapaneseCityCodes,
        chineseCity = c.ChineseCityCode,
        counterpartsZh = c.CounterpartsZh,
        counterpartsEn = c.CounterpartsEn,
        level = c.Level switch { ConsultationLevel.BureauChief => "bureau-chief", ConsultationLevel.DivisionChief => "division-chief", _ => "unspecified" },
        decidedToCooperate = c.DecidedToCooperate,
        andOtherBusiness = c.AndOtherBusiness,
        printedCounterpartsZh = c.PrintedCounterpartsZh,
    };

    private static object VisitInput(TrainingVisit v) => new
    {
        kind = "training-visit",
        startDate = v.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        endDate = v.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        number = v.Number,
        days = v.Days,
        sendingCity = v.SendingCityCode,
        receivingCities = v.ReceivingCityCodes,
        traineeCategory = v.TraineeCategory.ToString(),
        trainees = v.Trainees,
    };

    // Events of one day are ordered by minutes after 09:00 Tokyo; only the date is ever recorded.
    private sealed record Cooperation(string ChineseCityCode, IReadOnlyList<Activity> Activities)
    {
        public DateOnly FirstDate => Activities[0].StartDate;

        public IReadOnlyList<string> JapaneseCityCodes =>
            [.. Activities.SelectMany(a => a switch
            {
                OnSiteConsultation c => c.JapaneseCityCodes,
                TrainingVisit v => v.ReceivingCityCodes,
                _ => [],
            }).Distinct()];
    }
}
