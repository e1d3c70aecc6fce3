using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.Proposals;
using CityCoop.Domain.Workflows;

namespace CityCoop.Infrastructure.Timers;

/// <summary>Where a task's days are counted: the country whose business days apply and the zone its days end in.</summary>
/// <param name="Country">The country of the organisation holding the task.</param>
/// <param name="Zone">Its time zone (Asia/Tokyo or Asia/Shanghai).</param>
public sealed record TaskPlace(Country Country, TimeZoneInfo Zone)
{
    /// <summary>
    /// The place of a task: the country of the organisation it is assigned to (<c>platform:jp</c>, <c>ministry:cn</c>,
    /// <c>city:…</c>); a task open to either platform counts the days of the proposing city's country.
    /// </summary>
    public static TaskPlace Of(string? organizationCode, CooperationProposal proposal, IReadOnlyDictionary<string, City> cities)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(cities);
        var code = organizationCode ?? proposal.OrganizationCode;
        if (code.EndsWith(":jp", StringComparison.Ordinal))
        {
            return new TaskPlace(Country.JP, ProgrammeTimeZones.Tokyo);
        }

        if (code.EndsWith(":cn", StringComparison.Ordinal))
        {
            return new TaskPlace(Country.CN, ProgrammeTimeZones.Shanghai);
        }

        var cityCode = code.StartsWith("city:", StringComparison.Ordinal) ? code[5..] : proposal.ProposingCityCode;
        var city = cities.TryGetValue(cityCode, out var found) ? found : cities[proposal.ProposingCityCode];
        return new TaskPlace(city.Country, TimeZoneInfo.FindSystemTimeZoneById(city.TimeZone));
    }
}

/// <summary>
/// Turns due dates and timer declarations into UTC instants with business days. A due date is the end of a business day
/// in the task's zone; reminders and escalations fire at 09:00 local time on a business day.
/// </summary>
public static class TimerSchedule
{
    /// <summary>Local time notices are sent at.</summary>
    public static TimeOnly NoticeTime { get; } = new(9, 0);

    /// <summary>The local day an instant falls in; an end-of-day instant (local midnight) belongs to the day it ends.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant.AddTicks(-1), zone).DateTime);

    /// <summary>A due instant moved to the end of its day, or of the next business day when that day is not one.</summary>
    /// <exception cref="CalendarNotCoveredException">The due day lies past the calendar's last year.</exception>
    public static DateTimeOffset BusinessDue(DateTimeOffset due, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.EndOfBusinessDay(calendar.NextWorkingDayOnOrAfter(DayOf(due, zone)), zone);
    }

    /// <summary>The UTC instant of a local day and time in a zone.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>When a timer fires first, or null when the task has no due date.</summary>
    /// <exception cref="CalendarNotCoveredException">A day lies past the calendar's last year.</exception>
    public static DateTimeOffset? FirstFireAt(TimerDeclaration timer, DateTimeOffset? due, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(calendar);
        if (due is not { } dueAt)
        {
            return null;
        }

        var dueDay = DayOf(dueAt, zone);
        switch (timer.Kind)
        {
            case TimerKind.Reminder when timer.Before is { } before:
                var day = timer.CalendarDays
                    ? PreviousWorkingDayOnOrBefore(dueDay.AddYears(-before.Years).AddMonths(-before.Months).AddDays(-before.Days), calendar)
                    : calendar.AddBusinessDays(dueDay, -before.Days);
                return At(day, NoticeTime, zone);
            case TimerKind.Escalation when timer.After is { } after:
                var late = timer.CalendarDays ? dueDay.AddDays(after.Days) : calendar.AddBusinessDays(dueDay, after.Days);
                return At(late, NoticeTime, zone);
            default:
                return dueAt;
        }
    }

    /// <summary>When a repeating reminder fires next after firing <paramref name="fireCount"/> times, or null when it is done.</summary>
    /// <exception cref="CalendarNotCoveredException">A day lies past the calendar's last year.</exception>
    public static DateTimeOffset? NextFireAt(TimerDeclaration timer, DateTimeOffset lastFire, DateTimeOffset? due, int fireCount, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(calendar);
        if (timer.Every is not { } every || (timer.Max is { } max && fireCount >= max) || due is not { } dueAt)
        {
            return null;
        }

        // "Every n business days while overdue": the repeats count from the due day, never before it.
        var from = DayOf(lastFire, zone);
        var dueDay = DayOf(dueAt, zone);
        if (from < dueDay)
        {
            from = dueDay;
        }

        var next = timer.CalendarDays ? from.AddDays(Math.Max(1, every.Days)) : calendar.AddBusinessDays(from, Math.Max(1, every.Days));
        return At(next, NoticeTime, zone);
    }

    private static DateOnly PreviousWorkingDayOnOrBefore(DateOnly day, BusinessCalendar calendar) =>
        calendar.IsWorkingDay(day) ? day : calendar.AddBusinessDays(day, -1);
}
