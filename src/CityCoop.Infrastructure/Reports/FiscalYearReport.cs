namespace CityCoop.Infrastructure.Reports;

/// <summary>
/// The report of one Japanese fiscal year: the consultations table and the training-visits table with the columns and
/// order of the source document's FY2014 tables, names in one language, and totals; beside them the tables of the
/// other kinds of activity (local seminars, joint research, model projects); and the year's money (<see cref="FundsReport"/>).
/// </summary>
public sealed record FiscalYearReport(
    int FiscalYear,
    string Language,
    IReadOnlyList<string> ConsultationColumns,
    IReadOnlyList<ConsultationRow> Consultations,
    IReadOnlyList<string> TrainingVisitColumns,
    IReadOnlyList<TrainingVisitRow> TrainingVisits,
    ReportTotals Totals,
    IReadOnlyList<string> LocalSeminarColumns,
    IReadOnlyList<LocalSeminarRow> LocalSeminars,
    IReadOnlyList<string> JointResearchColumns,
    IReadOnlyList<JointResearchRow> JointResearch,
    IReadOnlyList<string> ModelProjectColumns,
    IReadOnlyList<ModelProjectRow> ModelProjects,
    FundsReport Funds);

/// <summary>
/// A row of the local seminars table, by start date: number, period, Chinese host city, Japanese cities sending
/// speakers, topic, participants, and the direct cost in yen (null when none was charged, or not in yen).
/// </summary>
public sealed record LocalSeminarRow(int No, string Period, string ChineseCity, string JapaneseCities, string Topic, int Participants, decimal? Cost, DateOnly StartDate, DateOnly EndDate);

/// <summary>
/// A row of the joint research table, by start date: number, period, the city pair of the proposal it was recorded
/// under (empty for one without), topic, institutions, and the direct cost in yen (null when none, or not in yen).
/// </summary>
public sealed record JointResearchRow(int No, string Period, string CityPair, string Topic, string Institutions, decimal? Cost, DateOnly StartDate, DateOnly EndDate);

/// <summary>
/// A row of the model projects table, by start date: number, period, the city pair of its proposal (empty for one
/// without), title, site, enterprises, and the direct cost in yen (null when none, or not in yen).
/// </summary>
public sealed record ModelProjectRow(int No, string Period, string CityPair, string Title, string Site, string Enterprises, decimal? Cost, DateOnly StartDate, DateOnly EndDate);

/// <summary>
/// A row of the consultations table: number (编号), period (协商时间), Japanese cities (日方城市), Chinese city
/// (中方城市), counterpart bodies and level (协商对象机构), plus the raw dates and whether cooperation was decided.
/// </summary>
public sealed record ConsultationRow(
    int? No,
    string Period,
    string JapaneseCities,
    string ChineseCity,
    string Counterparts,
    DateOnly StartDate,
    DateOnly EndDate,
    bool DecidedToCooperate);

/// <summary>
/// A row of the training-visits table: number (编号), period with days (研修时间(天数)), sending city (派遣城市),
/// receiving cities with the main host first (接收城市), category and head-count (种类、人数等), plus raw values.
/// </summary>
public sealed record TrainingVisitRow(
    int? No,
    string Period,
    string SendingCity,
    string ReceivingCities,
    string CategoryAndTrainees,
    DateOnly StartDate,
    DateOnly EndDate,
    int Days,
    string TraineeCategory,
    int Trainees);

/// <summary>A name with a count (trainees by category, by sending city, by main host), in first-seen order.</summary>
public sealed record NamedCount(string Name, int Count);

/// <summary>
/// Totals of a fiscal year: consultations, consultations that decided cooperation, training visits, trainees,
/// visit-days (sum of days) and trainee-days (sum of trainees × days), and trainee breakdowns.
/// </summary>
public sealed record ReportTotals(
    int Consultations,
    int ConsultationsDecidingCooperation,
    int TrainingVisits,
    int Trainees,
    int VisitDays,
    int TraineeDays,
    IReadOnlyList<NamedCount> TraineesByCategory,
    IReadOnlyList<NamedCount> TraineesBySendingCity,
    IReadOnlyList<NamedCount> TraineesByMainHost);
