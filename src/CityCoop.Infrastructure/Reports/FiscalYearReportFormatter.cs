using System.Globalization;
using System.Text;
using CsvHelper;

namespace CityCoop.Infrastructure.Reports;

/// <summary>Writes a <see cref="FiscalYearReport"/> as an aligned text table or as CSV.</summary>
public static class FiscalYearReportFormatter
{
    /// <summary>
    /// CSV in sections separated by a blank line: the consultations table, the training-visits table, the totals as
    /// item, breakdown, value rows (<c>total,name,value</c> in English); then the local seminars, joint research and model
    /// projects tables; then the funds: the summary (item, yen), per city pair, per activity kind, per budget line and per
    /// month. Headings and names are in the report's language; amounts are plain whole numbers of yen.
    /// </summary>
    public static string ToCsv(FiscalYearReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            WriteRows(csv, report.ConsultationColumns, ConsultationCells(report));
            csv.NextRecord();
            WriteRows(csv, report.TrainingVisitColumns, VisitCells(report));
            csv.NextRecord();
            WriteRows(csv, ReportText.For(report.Language).TotalColumns, TotalCells(report));
            foreach (var section in ExtraSections(report))
            {
                csv.NextRecord();
                WriteRows(csv, section.Header, section.Rows.Select(r => r.Select(Plain).ToArray()));
            }
        }

        return writer.ToString();
    }

    /// <summary>
    /// The report as an Excel workbook (<c>.xlsx</c>): one sheet per table — consultations, training visits, totals, local
    /// seminars, joint research, model projects, funds, funds by city pair, by activity kind, by budget line, by month —
    /// each named by its heading and headed by its columns in the report's language; numbers (row numbers, counts,
    /// amounts in yen) as numbers.
    /// </summary>
    public static byte[] ToXlsx(FiscalYearReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = ReportText.For(report.Language);
        static object?[] Numbered(string[] cells) => [int.TryParse(cells[0], CultureInfo.InvariantCulture, out var no) ? no : null, .. cells.Skip(1)];
        return Exports.XlsxWorkbook.Write(
        [
            new(text.Heading("heading.consultations", report.FiscalYear), report.ConsultationColumns, [.. ConsultationCells(report).Select(Numbered)]),
            new(text.Heading("heading.visits", report.FiscalYear), report.TrainingVisitColumns, [.. VisitCells(report).Select(Numbered)]),
            new(text.Heading("heading.totals", report.FiscalYear), text.TotalColumns, [.. TotalCells(report).Select(c => new object?[] { c[0], c[1], int.Parse(c[2], CultureInfo.InvariantCulture) })]),
            .. ExtraSections(report).Select(s => new Exports.XlsxSheet(s.Title, s.Header, s.Rows)),
        ]);
    }

    /// <summary>Both tables and the totals as aligned plain text (CJK characters count as two columns).</summary>
    public static string ToTable(FiscalYearReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var text = ReportText.For(report.Language);
        var title = (text.Heading("heading.consultations", report.FiscalYear), text.Heading("heading.visits", report.FiscalYear), text.Heading("heading.totals", report.FiscalYear));
        sb.AppendLine(title.Item1);
        AppendTable(sb, report.ConsultationColumns, ConsultationCells(report));
        sb.AppendLine();
        sb.AppendLine(title.Item2);
        AppendTable(sb, report.TrainingVisitColumns, VisitCells(report));
        sb.AppendLine();
        sb.AppendLine(title.Item3);
        AppendTable(sb, ReportText.For(report.Language).TotalColumns, TotalCells(report));
        foreach (var section in ExtraSections(report))
        {
            sb.AppendLine();
            sb.AppendLine(section.Title);
            AppendTable(sb, section.Header, section.Rows.Select(r => r.Select(Plain).ToArray()));
        }

        return sb.ToString();
    }

    // The tables after the totals, with typed cells (text, int, decimal or null): CSV and text write them plainly, xlsx as numbers.
    private static IEnumerable<(string Title, IReadOnlyList<string> Header, IReadOnlyList<object?[]> Rows)> ExtraSections(FiscalYearReport r)
    {
        var text = ReportText.For(r.Language);
        var f = r.Funds;
        yield return (text.Heading("heading.seminars", r.FiscalYear), r.LocalSeminarColumns,
            [.. r.LocalSeminars.Select(s => new object?[] { s.No, s.Period, s.ChineseCity, s.JapaneseCities, s.Topic, s.Participants, s.Cost })]);
        yield return (text.Heading("heading.research", r.FiscalYear), r.JointResearchColumns,
            [.. r.JointResearch.Select(j => new object?[] { j.No, j.Period, j.CityPair, j.Topic, j.Institutions, j.Cost })]);
        yield return (text.Heading("heading.models", r.FiscalYear), r.ModelProjectColumns,
            [.. r.ModelProjects.Select(m => new object?[] { m.No, m.Period, m.CityPair, m.Title, m.Site, m.Enterprises, m.Cost })]);
        yield return (text.Heading("heading.funds", r.FiscalYear), text.FundsColumns,
        [
            [text.Funds("envelope"), f.Envelope],
            [text.Funds("committed"), f.Committed],
            [text.Funds("spent"), f.Spent],
            [text.Funds("released"), f.Released],
            [text.Funds("remaining"), f.Remaining],
        ]);
        yield return (text.Heading("heading.fundsPairs", r.FiscalYear), text.FundsPairColumns,
            [.. f.ByCityPair.Select(p => new object?[] { p.JapaneseCities, p.ChineseCity, p.Proposals, p.Approved, p.Spent })]);
        yield return (text.Heading("heading.fundsKinds", r.FiscalYear), text.FundsKindColumns,
            [.. f.ByActivityKind.Select(k => new object?[] { k.Name, k.Count, k.PlannedCost, k.ActualCost })]);
        yield return (text.Heading("heading.fundsLines", r.FiscalYear), text.FundsLineColumns,
            [.. f.ByBudgetLine.Select(l => new object?[] { l.Name, l.Amount, l.Spent })]);
        yield return (text.Heading("heading.fundsMonths", r.FiscalYear), text.FundsMonthColumns,
            [.. f.ByMonth.Select(m => new object?[] { m.Month, m.CumulativeCommitted, m.CumulativeSpent })]);
    }

    // Whole yen print without decimals ("1500000"), whatever scale the database gave the decimal.
    private static string Plain(object? cell) => cell switch
    {
        null => string.Empty,
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        var other => other.ToString() ?? string.Empty,
    };

    private static IEnumerable<string[]> ConsultationCells(FiscalYearReport r) =>
        r.Consultations.Select(c => new[] { c.No?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, c.Period, c.JapaneseCities, c.ChineseCity, c.Counterparts });

    private static IEnumerable<string[]> VisitCells(FiscalYearReport r) =>
        r.TrainingVisits.Select(v => new[] { v.No?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, v.Period, v.SendingCity, v.ReceivingCities, v.CategoryAndTrainees });

    private static IEnumerable<string[]> TotalCells(FiscalYearReport r)
    {
        var t = r.Totals;
        var text = ReportText.For(r.Language);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        string[] Row(string key, string name, int value) => [text.Total(key), name, N(value)];
        yield return Row("consultations", string.Empty, t.Consultations);
        yield return Row("consultations_deciding_cooperation", string.Empty, t.ConsultationsDecidingCooperation);
        yield return Row("training_visits", string.Empty, t.TrainingVisits);
        yield return Row("trainees", string.Empty, t.Trainees);
        yield return Row("visit_days", string.Empty, t.VisitDays);
        yield return Row("trainee_days", string.Empty, t.TraineeDays);
        foreach (var c in t.TraineesByCategory)
        {
            yield return Row("trainees_by_category", c.Name, c.Count);
        }

        foreach (var c in t.TraineesBySendingCity)
        {
            yield return Row("trainees_by_sending_city", c.Name, c.Count);
        }

        foreach (var c in t.TraineesByMainHost)
        {
            yield return Row("trainees_by_main_host", c.Name, c.Count);
        }
    }

    private static void WriteRows(CsvWriter csv, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        foreach (var h in header)
        {
            csv.WriteField(SpreadsheetText.Cell(h));
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                csv.WriteField(SpreadsheetText.Cell(cell));
            }

            csv.NextRecord();
        }
    }

    private static void AppendTable(StringBuilder sb, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header.ToArray() };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(i => all.Max(r => Width(r[i]))).ToArray();
        foreach (var row in all)
        {
            for (var i = 0; i < row.Length; i++)
            {
                sb.Append(row[i]);
                if (i < row.Length - 1)
                {
                    sb.Append(' ', widths[i] - Width(row[i]) + 2);
                }
            }

            sb.AppendLine();
        }
    }

    // East Asian wide characters take two terminal columns.
    private static int Width(string s) => s.Sum(ch => ch >= 0x1100 && (ch <= 0x115F || (ch >= 0x2E80 && ch <= 0xA4CF) || (ch >= 0xAC00 && ch <= 0xD7A3) || (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFF00 && ch <= 0xFF60) || (ch >= 0xFFE0 && ch <= 0xFFE6)) ? 2 : 1);
}
