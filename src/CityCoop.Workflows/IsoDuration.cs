using System.Globalization;
using System.Text.RegularExpressions;

namespace CityCoop.Workflows;

/// <summary>An ISO-8601 duration such as <c>P10D</c> or <c>P1MT12H</c>; years and months are calendar units, not fixed lengths.</summary>
public sealed partial record IsoDuration(int Years, int Months, int Days, int Hours, int Minutes, int Seconds)
{
    /// <summary>Parses an ISO-8601 duration (weeks count as seven days).</summary>
    /// <exception cref="FormatException">The text is not a supported duration.</exception>
    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is not an ISO-8601 duration such as P10D.");

    /// <summary>Parses an ISO-8601 duration, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = new IsoDuration(0, 0, 0, 0, 0, 0);
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success || text is "P" or "PT" || text!.EndsWith('T'))
        {
            return false;
        }

        int Part(string group) => match.Groups[group].Success
            ? int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;

        duration = new IsoDuration(Part("y"), Part("mo"), (Part("w") * 7) + Part("d"), Part("h"), Part("mi"), Part("s"));
        return true;
    }

    /// <summary>Adds this duration to an instant, years and months first as the calendar does.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) =>
        start.AddYears(Years).AddMonths(Months).AddDays(Days).AddHours(Hours).AddMinutes(Minutes).AddSeconds(Seconds);

    /// <summary>Subtracts this duration from an instant.</summary>
    public DateTimeOffset SubtractFrom(DateTimeOffset end) =>
        end.AddSeconds(-Seconds).AddMinutes(-Minutes).AddHours(-Hours).AddDays(-Days).AddMonths(-Months).AddYears(-Years);

    /// <summary>Formats the duration back to ISO-8601.</summary>
    public override string ToString()
    {
        var date = string.Create(CultureInfo.InvariantCulture, $"{(Years > 0 ? $"{Years}Y" : "")}{(Months > 0 ? $"{Months}M" : "")}{(Days > 0 ? $"{Days}D" : "")}");
        var time = string.Create(CultureInfo.InvariantCulture, $"{(Hours > 0 ? $"{Hours}H" : "")}{(Minutes > 0 ? $"{Minutes}M" : "")}{(Seconds > 0 ? $"{Seconds}S" : "")}");
        return time.Length == 0 ? (date.Length == 0 ? "PT0S" : "P" + date) : $"P{date}T{time}";
    }

    [GeneratedRegex(@"^P(?:(?<y>[0-9]+)Y)?(?:(?<mo>[0-9]+)M)?(?:(?<w>[0-9]+)W)?(?:(?<d>[0-9]+)D)?(?:T(?:(?<h>[0-9]+)H)?(?:(?<mi>[0-9]+)M)?(?:(?<s>[0-9]+)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
