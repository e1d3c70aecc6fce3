namespace CityCoop.Domain.Calendars;

/// <summary>What a row of a business-day calendar says about its date.</summary>
public enum CalendarDayKind
{
    /// <summary>A non-working day (a public holiday, a substitute holiday, a citizens' holiday or a day of a holiday bundle).</summary>
    Holiday,

    /// <summary>A Saturday or Sunday officially declared a working day (China's 调休).</summary>
    Workday,
}
