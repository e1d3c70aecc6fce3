using System.Globalization;
using CityCoop.Domain;
using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Timers;

/// <summary>
/// The engine's calendar over the loaded business-day calendars: a place is a country code (<c>JP</c>, <c>CN</c>); a due
/// date is the end of a working day of that country in its zone (Asia/Tokyo, Asia/Shanghai). Years whose official
/// schedule is not loaded count on the calendar computed from the law, and the due date says so.
/// </summary>
/// <param name="store">The calendars in use.</param>
public sealed class BusinessDayCalendar(CalendarStore store) : IWorkflowCalendar
{
    /// <inheritdoc/>
    public TaskDueDate Due(DateTimeOffset opened, DueRule rule, string? place)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!Enum.TryParse<Country>(place, out var country) || !Enum.IsDefined(country))
        {
            return CalendarDaysCalendar.Instance.Due(opened, rule, place);
        }

        return Due(opened, rule, country, store.Calendars.For(country));
    }

    /// <summary>
    /// What a reader is told beside a provisional due date, e.g. "provisional — China's 2027 holiday schedule is not
    /// published yet" (code <c>due-provisional</c>, arguments <c>country</c>, <c>year</c>); null for a due date on official calendars.
    /// </summary>
    public static DomainText? ProvisionalNote(TaskDueDate? due) =>
        due is { ProvisionalYear: { } year } && Enum.TryParse<Country>(due.Place, out var country)
            ? DomainText.Of(
                "due-provisional",
                string.Create(CultureInfo.InvariantCulture, $"provisional — {(country == Country.JP ? "Japan" : "China")}'s {year} holiday schedule is not published yet"),
                ("country", country.ToString()),
                ("year", year.ToString(CultureInfo.InvariantCulture)))
            : null;

    /// <summary>The due date of a counted rule in a country, with a given calendar (e.g. one with a newly published year).</summary>
    public static TaskDueDate Due(DateTimeOffset opened, DueRule rule, Country country, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(calendar);
        var zone = ProgrammeTimeZones.Of(country);
        var openDay = ProgrammeTimeZones.DateIn(opened, zone);
        try
        {
            var day = rule.BusinessDays is { } days
                ? calendar.AddBusinessDays(openDay, days)
                : calendar.NextWorkingDayOnOrAfter(ProgrammeTimeZones.DateIn(rule.After is { } after ? after.AddTo(opened) : opened, zone));
            int? provisional = Enumerable.Range(openDay.Year, day.Year - openDay.Year + 1).Where(calendar.IsProvisional).Select(y => (int?)y).FirstOrDefault();
            return new TaskDueDate(country.ToString(), calendar.EndOfBusinessDay(day, zone), provisional);
        }
        catch (CalendarNotCoveredException e)
        {
            // Past the years the law's rules are kept for: calendar days, marked provisional for that year.
            var raw = CalendarDaysCalendar.Instance.Due(opened, rule, country.ToString());
            return raw with { ProvisionalYear = e.Year ?? raw.At.Year };
        }
    }
}
