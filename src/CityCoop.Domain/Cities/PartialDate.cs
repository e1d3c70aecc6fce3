using System.Globalization;

namespace CityCoop.Domain.Cities;

/// <summary>How much of a <see cref="PartialDate"/> is known.</summary>
public enum DatePrecision
{
    /// <summary>Nothing is known.</summary>
    Unknown,

    /// <summary>Only the year.</summary>
    Year,

    /// <summary>Year and month.</summary>
    Month,

    /// <summary>The exact day.</summary>
    Day,
}

/// <summary>
/// A calendar date known to the day, the month, the year or not at all (friendship ties in public records are
/// often dated "August 1981"); the unknown parts are never invented.
/// </summary>
public readonly record struct PartialDate(int? Year, int? Month, int? Day)
{
    /// <summary>An unknown date.</summary>
    public static PartialDate Unknown => default;

    /// <summary>How much of the date is known.</summary>
    public DatePrecision Precision => Day is not null ? DatePrecision.Day
        : Month is not null ? DatePrecision.Month
        : Year is not null ? DatePrecision.Year
        : DatePrecision.Unknown;

    /// <summary>Parses <c>yyyy-MM-dd</c>, <c>yyyy-MM</c>, <c>yyyy</c> or an empty text (unknown).</summary>
    /// <exception cref="FormatException">The text is none of those forms or not a real date.</exception>
    public static PartialDate Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Unknown;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        for (var i = 0; i < formats.Length; i++)
        {
            if (DateTime.TryParseExact(text.Trim(), formats[i], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return i switch
                {
                    0 => new PartialDate(d.Year, d.Month, d.Day),
                    1 => new PartialDate(d.Year, d.Month, null),
                    _ => new PartialDate(d.Year, null, null),
                };
            }
        }

        throw new FormatException($"'{text}' is not a date of the form yyyy-MM-dd, yyyy-MM or yyyy.");
    }

    /// <summary>The date at its own precision: <c>1973-06-24</c>, <c>1981-08</c>, <c>1982</c> or an empty string.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
        DatePrecision.Month => $"{Year:D4}-{Month:D2}",
        DatePrecision.Year => $"{Year:D4}",
        _ => string.Empty,
    };
}
