using System.Globalization;

namespace CityCoop.Infrastructure.Import;

/// <summary>One data row of a <see cref="CsvFile"/>; the typed getters add a problem naming file, line and column when a value is bad.</summary>
public sealed class CsvRow(string file, int line, IReadOnlyDictionary<string, string> fields)
{
    /// <summary>File name.</summary>
    public string File { get; } = file;

    /// <summary>1-based physical line number.</summary>
    public int Line { get; } = line;

    /// <summary>A problem at a column of this row.</summary>
    public ImportProblem Problem(string? column, string message) => new(File, Line, column, message);

    /// <summary>The trimmed text of a column ("" when empty).</summary>
    public string Text(string column) => fields[column].Trim();

    /// <summary>The trimmed value of an optional column, or null when the file has no such column or the cell is empty.</summary>
    public string? Optional(string column) => fields.TryGetValue(column, out var value) && value.Trim().Length > 0 ? value.Trim() : null;

    /// <summary>A required non-empty text.</summary>
    public string? Required(string column, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = Text(column);
        if (text.Length == 0)
        {
            problems.Add(Problem(column, "A value is required."));
            return null;
        }

        return text;
    }

    /// <summary>A date in the form yyyy-MM-dd.</summary>
    public DateOnly? Date(string column, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = Text(column);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(Problem(column, $"'{text}' is not a date of the form yyyy-MM-dd."));
        return null;
    }

    /// <summary>A whole number, optionally required to be zero or more.</summary>
    public int? WholeNumber(string column, List<ImportProblem> problems, bool nonNegative = false)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = Text(column);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add(Problem(column, $"'{text}' is not a whole number."));
            return null;
        }

        if (nonNegative && value < 0)
        {
            problems.Add(Problem(column, $"{value} is negative; a count cannot be."));
            return null;
        }

        return value;
    }

    /// <summary>true or false.</summary>
    public bool? Boolean(string column, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = Text(column);
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add(Problem(column, $"'{text}' is not true or false."));
        return null;
    }

    /// <summary>A semicolon-separated list of city codes, each of which must be known.</summary>
    public IReadOnlyList<string>? CityCodes(string column, IReadOnlySet<string> knownCodes, List<ImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(knownCodes);
        ArgumentNullException.ThrowIfNull(problems);
        var codes = Text(column).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Length == 0)
        {
            problems.Add(Problem(column, "At least one city code is required."));
            return null;
        }

        var unknown = codes.Where(c => !knownCodes.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add(Problem(column, $"Unknown city code(s): {string.Join(", ", unknown)}."));
            return null;
        }

        return codes;
    }
}
