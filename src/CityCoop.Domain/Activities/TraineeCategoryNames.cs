namespace CityCoop.Domain.Activities;

/// <summary>Names of trainee categories in the source document's Chinese and in English and Japanese.</summary>
public static class TraineeCategoryNames
{
    private static readonly (TraineeCategory Category, string Zh, string Ja, string En)[] Names =
    [
        (TraineeCategory.OperationalStaff, "业务人员", "業務職員", "operational staff"),
        (TraineeCategory.AdministrativeOfficials, "行政干部", "行政幹部", "administrative officials"),
        (TraineeCategory.TechnicalStaff, "技术人员", "技術職員", "technical staff"),
        (TraineeCategory.AdministrativeAndOperationalStaff, "行政业务人员", "行政業務職員", "administrative and operational staff"),
    ];

    /// <summary>The name in "zh", "ja" or (anything else) English.</summary>
    public static string Name(TraineeCategory category, string language)
    {
        var n = Names.Single(x => x.Category == category);
        return language switch { "zh" => n.Zh, "ja" => n.Ja, _ => n.En };
    }

    /// <summary>Finds a category by its Chinese or English name (as in the CSV files); null if none matches.</summary>
    public static TraineeCategory? Find(string? zh, string? en)
    {
        foreach (var n in Names)
        {
            if (n.Zh == zh?.Trim() || string.Equals(n.En, en?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return n.Category;
            }
        }

        return null;
    }
}
