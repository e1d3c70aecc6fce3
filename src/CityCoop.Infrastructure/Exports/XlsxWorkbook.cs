using System.Data;
using System.Globalization;
using MiniExcelLibs;

namespace CityCoop.Infrastructure.Exports;

/// <summary>
/// Writes sheets as an Excel workbook (<c>.xlsx</c>, Office Open XML) with MiniExcel: one sheet per table, the header in
/// the first row, numbers as numbers (so a spreadsheet sums them), dates as <c>yyyy-MM-dd</c> text.
/// </summary>
public static class XlsxWorkbook
{
    /// <summary>The media type of an <c>.xlsx</c> file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The workbook's bytes.</summary>
    /// <exception cref="ArgumentException">No sheet, a header named twice, or a row with another number of cells than the header.</exception>
    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Count == 0)
        {
            throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        }

        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            var name = SheetName(sheet.Name, workbook.Keys);
            workbook[name] = Table(sheet);
        }

        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, workbook, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    // A DataTable keeps the header even for a sheet without rows, and each column's type.
    private static DataTable Table(XlsxSheet sheet)
    {
        var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        for (var i = 0; i < sheet.Header.Count; i++)
        {
            var type = sheet.Rows.Select(r => r[i]).FirstOrDefault(v => v is not null) switch
            {
                int => typeof(int),
                long => typeof(long),
                decimal => typeof(decimal),
                _ => typeof(string),
            };
            table.Columns.Add(sheet.Header[i], type);
        }

        foreach (var row in sheet.Rows)
        {
            if (row.Length != sheet.Header.Count)
            {
                throw new ArgumentException($"Sheet '{sheet.Name}': a row has {row.Length} cells for {sheet.Header.Count} headings.", nameof(sheet));
            }

            table.Rows.Add([.. row.Select(v => v switch
            {
                null => DBNull.Value,
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => v,
            })]);
        }

        return table;
    }

    private static string SheetName(string name, IEnumerable<string> taken)
    {
        var clean = new string([.. name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c)]).Trim();
        clean = clean.Length == 0 ? "Sheet" : clean[..Math.Min(clean.Length, 31)];
        var unique = clean;
        for (var n = 2; taken.Contains(unique, StringComparer.OrdinalIgnoreCase); n++)
        {
            var suffix = $" ({n})";
            unique = clean[..Math.Min(clean.Length, 31 - suffix.Length)] + suffix;
        }

        return unique;
    }
}
