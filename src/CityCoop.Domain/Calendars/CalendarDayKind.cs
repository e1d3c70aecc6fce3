namespace CityCoop.Domain.Calendars;

/// <summary>What a row of a business-day calendar says about its date.</summary>
public enum CalendarDayKind
{
    /// <summary>A non-working day (a public holiday, a substitute holiday, a citizens' holiday or a day of a holiday bundle).</summary>
    Holiday,

    /// <summary>A Saturday or Sunday officially declared a working day (China's 调休).</summary>
    Workday,

    /// <summary>
    /// A non-working day of Japanese government offices that is not a national holiday: the year-end and New Year closure,
    /// 29 December to 3 January (行政機関の休日に関する法律 art. 1 for the ministry, the prefectures' and cities' own ordinances
    /// for them). Never read from a file: <see cref="JapaneseOfficeClosures"/> adds these rows by rule.
    /// </summary>
    OfficeClosure,
}
