using MiniExcelLibs;

namespace CityCoop.Server.Tests.Exports;

/// <summary>An .xlsx opened back with MiniExcel: each sheet's rows (header first) as cells, numbers as decimals, empty cells null.</summary>
internal static class Workbook
{
    public static List<(string Name, List<object?[]> Rows)> Read(byte[] xlsx)
    {
        // An .xlsx is a zip file: PK.
        Assert.True(xlsx.Length > 4 && xlsx[0] == (byte)'P' && xlsx[1] == (byte)'K', "not an .xlsx (zip) file");
        using var stream = new MemoryStream(xlsx);
        var names = MiniExcel.GetSheetNames(stream);
        var sheets = new List<(string, List<object?[]>)>();
        foreach (var name in names)
        {
            stream.Position = 0;
            var rows = MiniExcel.Query(stream, useHeaderRow: false, sheetName: name)
                .Cast<IDictionary<string, object?>>()
                .Select(r => r.Values.Select(Cell).ToArray())
                .ToList();
            sheets.Add((name, rows));
        }

        return sheets;
    }

    private static object? Cell(object? value) => value switch
    {
        double d => (decimal)d,
        int i => (decimal)i,
        long l => (decimal)l,
        decimal m => m,
        string s => s,
        null => null,
        var other => other.ToString(),
    };
}
