using CityCoop.Workflows;
namespace CityCoop.Domain.Memorandums;

/// <summary>
/// A visit the Japanese platform plans to a Chinese city in a month of the fiscal year, to arrange the activities there;
/// when the plan says only "from July", the month is the earliest it names.
/// </summary>
/// <param name="ChineseCityCode">Code of the Chinese city, province or municipality visited.</param>
/// <param name="Year">Calendar year of the month (2015 for July 2015, 2016 for January of FY2015).</param>
/// <param name="Month">Calendar month, 1–12.</param>
public sealed record PlannedVisit(string ChineseCityCode, int Year, int Month)
{
    /// <summary>The month as <c>yyyy-MM</c>, e.g. <c>2015-07</c>.</summary>
    public string MonthText => $"{Year:D4}-{Month:D2}";

    /// <summary>"wuhan 2015-07".</summary>
    public override string ToString() => $"{ChineseCityCode} {MonthText}";
}
