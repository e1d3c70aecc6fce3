using System.Globalization;
using CityCoop.Workflows;
using CsvHelper;
using CsvHelper.Configuration;

namespace CityCoop.Infrastructure.Import;

/// <summary>
/// Reads a UTF-8 CSV file with a header row into rows addressable by column name, keeping each row's physical
/// line number; malformed CSV (a stray quote, a wrong number of fields, a missing column) and a field with a character
/// <see cref="TextRules"/> refuses (a NUL, another control character; a quoted field may hold line breaks)
/// become problems.
/// </summary>
public sealed class CsvFile
{
    private CsvFile(string name, IReadOnlyList<CsvRow> rows, IReadOnlyList<ImportProblem> problems)
    {
        Name = name;
        Rows = rows;
        Problems = problems;
    }

    /// <summary>File name without folder.</summary>
    public string Name { get; }

    /// <summary>Well-formed data rows.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>Problems with the CSV itself.</summary>
    public IReadOnlyList<ImportProblem> Problems { get; }

    /// <summary>Reads a file and checks that it has the required columns.</summary>
    public static CsvFile Read(string path, IReadOnlyList<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(requiredColumns);
        var name = Path.GetFileName(path);
        var problems = new List<ImportProblem>();
        var rows = new List<CsvRow>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,

            // Blank lines come through as one empty field and are skipped below, so line numbers stay countable.
            IgnoreBlankLines = false,
            BadDataFound = args => problems.Add(new ImportProblem(name, args.Context.Parser?.RawRow ?? 0, null, $"Malformed CSV near «{Shorten(args.RawRecord)}» (a quote out of place?).")),
        };

        using var reader = new StreamReader(path, System.Text.Encoding.UTF8);
        using var csv = new CsvReader(reader, config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            {
                problems.Add(new ImportProblem(name, 1, null, "The file is empty; a header row is required."));
                return new CsvFile(name, rows, problems);
            }

            var missing = requiredColumns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new ImportProblem(name, 1, null, $"Missing column(s): {string.Join(", ", missing)}."));
                return new CsvFile(name, rows, problems);
            }

            var previousEnd = csv.Parser.RawRow;
            while (csv.Read())
            {
                // A record starts on the line after the previous one ended; RawRow is where this one ends (a quoted
                // field may span lines, and an unterminated quote runs to the end of the file).
                var line = previousEnd + 1;
                previousEnd = csv.Parser.RawRow;
                var count = csv.Parser.Count;
                if (count == 1 && string.IsNullOrWhiteSpace(csv.Parser[0]))
                {
                    continue;
                }

                if (count != header.Length)
                {
                    problems.Add(new ImportProblem(name, line, null, $"Expected {header.Length} fields, found {count} (malformed CSV)."));
                    continue;
                }

                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                var refused = false;
                for (var i = 0; i < header.Length; i++)
                {
                    fields[header[i]] = csv.Parser[i] ?? string.Empty;
                    if (TextRules.WhyNot(header[i], fields[header[i]], TextKind.MultiLine) is { } why)
                    {
                        problems.Add(new ImportProblem(name, line, header[i], why.English));
                        refused = true;
                    }
                }

                if (!refused)
                {
                    rows.Add(new CsvRow(name, line, fields));
                }
            }
        }
        catch (CsvHelperException e)
        {
            problems.Add(new ImportProblem(name, e.Context?.Parser?.RawRow ?? 0, null, $"Malformed CSV: {e.Message.Split('\n')[0]}"));
        }

        return new CsvFile(name, rows, problems);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text.Trim() : text[..60] + "…";
}
