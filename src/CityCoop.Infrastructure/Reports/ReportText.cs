using CityCoop.Domain.Activities;

namespace CityCoop.Infrastructure.Reports;

/// <summary>Column headings and cell wording of the fiscal-year report in one language, modelled on the source document's tables.</summary>
internal sealed class ReportText
{
    private static readonly ReportText Zh = new(
        "zh",
        ["编号", "协商时间", "日方城市", "中方城市", "协商对象机构"],
        ["编号", "研修时间(天数)", "派遣城市", "接收城市", "种类、人数等"],
        " ");

    private static readonly ReportText Ja = new(
        "ja",
        ["番号", "協議期間", "日本側都市", "中国側都市", "協議先機関"],
        ["番号", "研修期間(日数)", "派遣都市", "受入都市", "種別・人数"],
        " ");

    private static readonly ReportText En = new(
        "en",
        ["No.", "Dates", "Japanese cities", "Chinese city", "Counterparts"],
        ["No.", "Dates (days)", "Sending city", "Receiving cities", "Category, trainees"],
        "; ");

    private ReportText(string language, string[] consultationColumns, string[] trainingVisitColumns, string listSeparator)
    {
        Language = language;
        ConsultationColumns = consultationColumns;
        TrainingVisitColumns = trainingVisitColumns;
        ListSeparator = listSeparator;
    }

    public string Language { get; }

    public IReadOnlyList<string> ConsultationColumns { get; }

    public IReadOnlyList<string> TrainingVisitColumns { get; }

    public string ListSeparator { get; }

    public static ReportText For(string language) => language switch
    {
        "zh" => Zh,
        "ja" => Ja,
        _ => En,
    };

    /// <summary>The source's period style, "2014. 8. 5~6", "2014. 11. 24-12. 3", "2015. 1. 25-2. 7"; ISO dates in English.</summary>
    public string Period(DateOnly start, DateOnly end, char separator)
    {
        if (Language == "en")
        {
            return start == end ? $"{start:yyyy-MM-dd}" : $"{start:yyyy-MM-dd}{separator}{end:yyyy-MM-dd}";
        }

        var head = $"{start.Year}. {start.Month}. {start.Day}";
        if (start == end)
        {
            return head;
        }

        var tail = start.Year != end.Year ? $"{end.Year}. {end.Month}. {end.Day}"
            : start.Month != end.Month ? $"{end.Month}. {end.Day}"
            : $"{end.Day}";
        return head + separator + tail;
    }

    /// <summary>Heading of the totals section: item, breakdown, value. English keeps the machine keys scripts already read.</summary>
    public IReadOnlyList<string> TotalColumns => Language switch
    {
        "zh" => ["合计项目", "分项", "数值"],
        "ja" => ["集計項目", "内訳", "値"],
        _ => ["total", "name", "value"],
    };

    /// <summary>The name of a total (keys as in the English CSV, e.g. <c>trainee_days</c>) in this language.</summary>
    public string Total(string key) => Language switch
    {
        "zh" => key switch
        {
            "consultations" => "现场协商次数",
            "consultations_deciding_cooperation" => "决定开展协作的协商次数",
            "training_visits" => "访日研修次数",
            "trainees" => "研修人数",
            "visit_days" => "研修天数",
            "trainee_days" => "研修人天数",
            "trainees_by_category" => "按类别的研修人数",
            "trainees_by_sending_city" => "按派遣城市的研修人数",
            "trainees_by_main_host" => "按主要接收城市的研修人数",
            _ => key,
        },
        "ja" => key switch
        {
            "consultations" => "現地協議の件数",
            "consultations_deciding_cooperation" => "協力を決定した協議の件数",
            "training_visits" => "訪日研修の件数",
            "trainees" => "研修員数",
            "visit_days" => "研修日数",
            "trainee_days" => "研修員延べ日数",
            "trainees_by_category" => "区分別の研修員数",
            "trainees_by_sending_city" => "派遣都市別の研修員数",
            "trainees_by_main_host" => "主な受入都市別の研修員数",
            _ => key,
        },
        _ => key,
    };

    public string Counterparts(OnSiteConsultation c) => Language switch
    {
        "zh" => $"与{c.CounterpartsIn("zh")}的{c.Level switch { ConsultationLevel.BureauChief => "局长级", ConsultationLevel.DivisionChief => "处室长级", _ => string.Empty }}协商",
        "ja" => $"{c.CounterpartsIn("ja")}との{c.Level switch { ConsultationLevel.BureauChief => "局長級", ConsultationLevel.DivisionChief => "課長級", _ => string.Empty }}協議",
        _ => $"{c.Level switch { ConsultationLevel.BureauChief => "Bureau-chief-level consultation", ConsultationLevel.DivisionChief => "Division-chief-level consultation", _ => "Consultation" }} with {c.CounterpartsIn("en")}",
    };

    public string CategoryAndTrainees(TraineeCategory category, int trainees) => Language switch
    {
        "zh" => $"{TraineeCategoryNames.Name(category, "zh")}{trainees}人",
        "ja" => $"{TraineeCategoryNames.Name(category, "ja")}{trainees}人",
        _ => $"{trainees} {TraineeCategoryNames.Name(category, "en")}",
    };
}
