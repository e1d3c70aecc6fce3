namespace CityCoop.Domain.FiscalYears;

/// <summary>
/// A Japanese fiscal year (年度), 1 April to 31 March, named by the calendar year it starts in:
/// FY2014 = 2014-04-01 .. 2015-03-31 (programme.md "Fiscal year and time").
/// </summary>
public readonly record struct FiscalYear(int Year)
{
    /// <summary>First day of the fiscal year (1 April).</summary>
    public DateOnly Start => new(Year, 4, 1);

    /// <summary>Last day of the fiscal year (31 March of the next calendar year).</summary>
    public DateOnly End => new(Year + 1, 3, 31);

    /// <summary>The instant the fiscal year ends: midnight after 31 March in Tokyo, as UTC.</summary>
    public DateTimeOffset EndInstant => new(End.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9));

    /// <summary>The fiscal year a calendar date belongs to.</summary>
    public static FiscalYear Of(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>
    /// The fiscal year of an instant, decided by its Asia/Tokyo calendar date: 2015-03-31T15:30Z is 1 April in
    /// Tokyo, so FY2015.
    /// </summary>
    public static FiscalYear Of(DateTimeOffset instant) => Of(ProgrammeTimeZones.DateIn(instant, ProgrammeTimeZones.Tokyo));

    /// <summary>Whether a calendar date falls in this fiscal year.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>"FY2014".</summary>
    public override string ToString() => $"FY{Year}";
}
