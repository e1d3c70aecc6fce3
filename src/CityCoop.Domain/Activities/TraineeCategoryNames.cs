namespace CityCoop.Domain.Activities;

/// <summary>
/// Trainee categories by the names the data is written in: the source document's Chinese and the English of the CSV
/// files and the API. These are the data's vocabulary, not display text; the names shown to readers in their language
/// are resources (<c>trainee.*</c> in the report's <c>ReportStrings</c>).
/// </summary>
public static class TraineeCategoryNames
{
    private static readonly (TraineeCategory Category, string Zh, string En)[] Names =
    [
        (TraineeCategory.OperationalStaff, "业务人员", "operational staff"),
        (TraineeCategory.AdministrativeOfficials, "行政干部", "administrative officials"),
        (TraineeCategory.TechnicalStaff, "技术人员", "technical staff"),
        (TraineeCategory.AdministrativeAndOperationalStaff, "行政业务人员", "administrative and operational staff"),
    ];

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
