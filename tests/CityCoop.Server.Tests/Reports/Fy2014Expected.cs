using CityCoop.Infrastructure.Reports;

namespace CityCoop.Server.Tests.Reports;

/// <summary>
/// The FY2014 report as it must come out of data/*.csv (the source document's tables as printed, fy2014-tables-as-printed.tsv), written out by hand.
/// Totals, worked from fy2014-training-visits.csv:
/// <code>
/// no days trainees trainee-days sending  main host  category
///  1   16     6        96       tianjin  yokkaichi  业务人员
///  2    2     5        10       wuhan    kitakyushu 行政干部
///  3   11     5        55       jiangsu  fukuoka    技术人员
///  4   10     7        70       shanghai kitakyushu 技术人员
///  5   10     6        60       shanghai kitakyushu 行政业务人员
///  6    5     4        20       shenyang kawasaki   技术人员
///  7    5     6        30       jiangsu  fukuoka    行政业务人员
///  8   14     7        98       tianjin  kitakyushu 业务人员
///     ---   ---       ---
///      73    46       439
/// </code>
/// Consultations deciding cooperation (fy2014-consultations.csv, decided_to_cooperate = true): nos 1, 2, 3, 4, 6, 13 = 6.
/// </summary>
internal static class Fy2014Expected
{
    public const int Consultations = 13;
    public const int ConsultationsDecidingCooperation = 6;
    public const int TrainingVisits = 8;
    public const int Trainees = 46;
    public const int VisitDays = 73;
    public const int TraineeDays = 439;

    /// <summary>No, period, Japanese cities, Chinese city, counterparts (zh).</summary>
    public static readonly (int No, string Period, string JapaneseCities, string ChineseCity, string Counterparts, bool Decided)[] ConsultationRows =
    [
        (1, "2014. 8. 5~6", "北九州市", "上海市", "与外事办公室、环保局的局长级协商", true),
        (2, "2014. 8. 7~8", "北九州市", "武汉市", "与外事办公室、环保局等的局长级协商等", true),
        (3, "2014. 8. 28~30", "兵库县", "广东省", "与外事办公室、环保厅等的局长级协商等", true),
        (4, "2014. 9. 1~3", "福冈县", "江苏省", "与环保厅等的局长级协商等", true),
        (5, "2014. 9. 15~18", "四日市市 北九州市", "天津市", "与外事办公室、环保局的局长级协商等", false),
        (6, "2014. 9. 24~26", "川崎市", "沈阳市", "与环保局的局长级协商等", true),
        (7, "2014. 10. 26~28", "兵库县", "广东省", "与环保厅的局长级协商等", false),
        (8, "2014. 10. 29~30", "北九州市", "上海市", "与环保局的局长级协商等", false),
        (9, "2014. 11. 16~18", "北九州市", "邯郸市", "与外事办公室、环保局的局长级协商等", false),
        (10, "2015. 1. 12~14", "长野县", "河北省", "与环保厅的研究所处室长级协商", false),
        (11, "2015. 3. 9~11", "福冈县", "江苏省", "与环保厅等的协商等", false),
        (12, "2015. 3. 14~15", "北九州市", "天津市", "与环保局的处室长级协商", false),
        (13, "2015. 3. 16~18", "埼玉县", "山西省", "与环保厅的局长级协商", true),
    ];

    /// <summary>No, period with days, sending city, receiving cities (main host first), category and head-count (zh).</summary>
    public static readonly (int No, string Period, string SendingCity, string ReceivingCities, string CategoryAndTrainees, int Days, int Trainees)[] VisitRows =
    [
        (1, "2014. 10. 15-30(16)", "天津市", "四日市市(神户市 北九州市)", "业务人员6人", 16, 6),
        (2, "2014. 11. 5-6(2)", "武汉市", "北九州市", "行政干部5人", 2, 5),
        (3, "2014. 11. 11-21(11)", "江苏省", "福冈县", "技术人员5人", 11, 5),
        (4, "2014. 11. 24-12. 3(10)", "上海市", "北九州市", "技术人员7人", 10, 7),
        (5, "2014. 12. 7-16(10)", "上海市", "北九州市", "行政业务人员6人", 10, 6),
        (6, "2015. 1. 19-23(5)", "沈阳市", "川崎市", "技术人员4人", 5, 4),
        (7, "2015. 1. 26-30(5)", "江苏省", "福冈县", "行政业务人员6人", 5, 6),
        (8, "2015. 1. 25-2. 7(14)", "天津市", "北九州市(神户市)", "业务人员7人", 14, 7),
    ];

    /// <summary>Trainees by category in first-seen order: 6+7, 5, 5+7+4, 6+6.</summary>
    public static readonly NamedCount[] ByCategory =
        [new("业务人员", 13), new("行政干部", 5), new("技术人员", 16), new("行政业务人员", 12)];

    /// <summary>Trainees by sending city: tianjin 6+7, wuhan 5, jiangsu 5+6, shanghai 7+6, shenyang 4.</summary>
    public static readonly NamedCount[] BySendingCity =
        [new("天津市", 13), new("武汉市", 5), new("江苏省", 11), new("上海市", 13), new("沈阳市", 4)];

    /// <summary>Trainees by main host (first receiving city): yokkaichi 6, kitakyushu 5+7+6+7, fukuoka 5+6, kawasaki 4.</summary>
    public static readonly NamedCount[] ByMainHost =
        [new("四日市市", 6), new("北九州市", 25), new("福冈县", 11), new("川崎市", 4)];

    /// <summary>Asserts every row's key cells and every total of a Chinese FY2014 report.</summary>
    public static void AssertReport(FiscalYearReport report)
    {
        Assert.Equal(2014, report.FiscalYear);
        Assert.Equal("zh", report.Language);
        Assert.Equal(["编号", "协商时间", "日方城市", "中方城市", "协商对象机构"], report.ConsultationColumns);
        Assert.Equal(["编号", "研修时间(天数)", "派遣城市", "接收城市", "种类、人数等"], report.TrainingVisitColumns);

        Assert.Equal(ConsultationRows.Length, report.Consultations.Count);
        for (var i = 0; i < ConsultationRows.Length; i++)
        {
            var expected = ConsultationRows[i];
            var actual = report.Consultations[i];
            Assert.Equal(expected.No, actual.No);
            Assert.Equal(expected.Period, actual.Period);
            Assert.Equal(expected.JapaneseCities, actual.JapaneseCities);
            Assert.Equal(expected.ChineseCity, actual.ChineseCity);
            Assert.Equal(expected.Counterparts, actual.Counterparts);
            Assert.Equal(expected.Decided, actual.DecidedToCooperate);
        }

        Assert.Equal(VisitRows.Length, report.TrainingVisits.Count);
        for (var i = 0; i < VisitRows.Length; i++)
        {
            var expected = VisitRows[i];
            var actual = report.TrainingVisits[i];
            Assert.Equal(expected.No, actual.No);
            Assert.Equal(expected.Period, actual.Period);
            Assert.Equal(expected.SendingCity, actual.SendingCity);
            Assert.Equal(expected.ReceivingCities, actual.ReceivingCities);
            Assert.Equal(expected.CategoryAndTrainees, actual.CategoryAndTrainees);
            Assert.Equal(expected.Days, actual.Days);
            Assert.Equal(expected.Trainees, actual.Trainees);
        }

        var t = report.Totals;
        Assert.Equal(Consultations, t.Consultations);
        Assert.Equal(ConsultationsDecidingCooperation, t.ConsultationsDecidingCooperation);
        Assert.Equal(TrainingVisits, t.TrainingVisits);
        Assert.Equal(Trainees, t.Trainees);
        Assert.Equal(VisitDays, t.VisitDays);
        Assert.Equal(TraineeDays, t.TraineeDays);
        Assert.Equal(ByCategory, t.TraineesByCategory);
        Assert.Equal(BySendingCity, t.TraineesBySendingCity);
        Assert.Equal(ByMainHost, t.TraineesByMainHost);
    }
}
