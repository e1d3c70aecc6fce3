namespace CityCoop.Infrastructure.Reports;

/// <summary>
/// The fiscal-year report's wording: <c>ReportStrings.resx</c> (English), <c>ReportStrings.zh.resx</c> and
/// <c>ReportStrings.ja.resx</c> in this folder, read by <see cref="ReportText"/>: column headings modelled on the source
/// document's tables, names of totals (English keeps the CSV's machine keys), the source's date style, trainee categories.
/// </summary>
public sealed class ReportStrings
{
    private ReportStrings()
    {
    }
}
