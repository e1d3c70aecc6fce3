using CityCoop.Domain.Calendars;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Timers;

/// <summary>Where a task's days are counted: the country whose business days apply and the zone its days end in.</summary>
/// <param name="Country">The country of the organisation holding the task.</param>
/// <param name="Zone">Its time zone (Asia/Tokyo or Asia/Shanghai).</param>
public sealed record TaskPlace(Country Country, TimeZoneInfo Zone)
{
    /// <summary>
    /// The place of a task: the country of the organisation it is assigned to (<c>platform:jp</c>, <c>ministry:cn</c>,
    /// <c>city:…</c>, with the city's own zone); a task open to several organisations counts the days of the subject's owner
    /// (<paramref name="ownerOrganizationCode"/>: a proposal's city, a memorandum's Japanese platform).
    /// </summary>
    /// <exception cref="ArgumentException">Neither code names a known country.</exception>
    public static TaskPlace Of(string? organizationCode, string ownerOrganizationCode, IReadOnlyDictionary<string, City> cities)
    {
        ArgumentNullException.ThrowIfNull(ownerOrganizationCode);
        ArgumentNullException.ThrowIfNull(cities);
        foreach (var code in new[] { organizationCode, ownerOrganizationCode })
        {
            if (code is null)
            {
                continue;
            }

            if (code.StartsWith("city:", StringComparison.Ordinal) && cities.TryGetValue(code[5..], out var city))
            {
                return new TaskPlace(city.Country, TimeZoneInfo.FindSystemTimeZoneById(city.TimeZone));
            }

            if (CountryOf(code, cities) is { } country)
            {
                return Of(country);
            }
        }

        throw new ArgumentException($"Neither '{organizationCode}' nor '{ownerOrganizationCode}' is an organisation of a known country.", nameof(ownerOrganizationCode));
    }

    /// <summary>The place of a recipient country: its business days and its zone (programme.md "Fiscal year and time": Asia/Tokyo, Asia/Shanghai).</summary>
    public static TaskPlace Of(Country country) => new(country, ProgrammeTimeZones.Of(country));

    /// <summary>
    /// The country of an organisation: <c>platform:jp</c>, <c>ministry:jp</c> → JP; <c>platform:cn</c>, <c>ministry:cn</c> → CN;
    /// <c>city:&lt;code&gt;</c> → the city's country; null for anything else (no organisation, admin, unknown city).
    /// </summary>
    public static Country? CountryOf(string? organizationCode, IReadOnlyDictionary<string, City> cities) =>
        Domain.Organizations.Organization.CountryOf(organizationCode, cities);

    /// <summary>
    /// A task's due date as a member of an organisation reads it: the due date in the organisation's country (a city's
    /// country is looked up in <paramref name="cities"/>; without them a city reader gets the task's earliest, which for the
    /// tasks cities hold is their own country's), or null when the task has no due date.
    /// </summary>
    public static TaskDueDate? DueFor(WorkflowTask task, string? organizationCode, IReadOnlyDictionary<string, City>? cities = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.DueIn(CountryOf(organizationCode, cities ?? NoCities)?.ToString());
    }

    private static readonly Dictionary<string, City> NoCities = [];

    /// <summary>
    /// The countries whose people a timer notifies, one timer row each (issue 4: "reminder days skip non-working days of
    /// the recipient's country"); null when a recipient is "any organisation", whose countries only the user table knows,
    /// so one row keeps the task's country as before.
    /// </summary>
    public static IReadOnlyList<Country>? RecipientCountries(IEnumerable<RecipientDeclaration> recipients, IWorkflowSubject subject, IReadOnlyDictionary<string, City> cities, WorkflowHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(hooks);
        List<Country> countries = [];
        foreach (var recipient in recipients)
        {
            if (hooks.Members(recipient.Scope, subject) is not { } members)
            {
                return null;
            }

            countries.AddRange(members.Select(c => CountryOf(c, cities)).OfType<Country>());
        }

        return countries.Count == 0 ? null : countries.Distinct().Order().ToList();
    }
}

/// <summary>
/// Turns due dates and timer declarations into UTC instants with business days. A due date is the end of a business day
/// in the task's zone; reminders and escalations fire at 09:00 local time on a business day of the recipients' country,
/// counted from the task's due day.
/// </summary>
public static class TimerSchedule
{
    /// <summary>Local time notices are sent at.</summary>
    public static TimeOnly NoticeTime { get; } = new(9, 0);

    /// <summary>The local day an instant falls in; an end-of-day instant (local midnight) belongs to the day it ends.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant.AddTicks(-1), zone).DateTime);

    /// <summary>The UTC instant of a local day and time in a zone.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>When a timer fires first, or null when the task has no due date.</summary>
    /// <param name="timer">The declaration.</param>
    /// <param name="due">The task's due instant.</param>
    /// <param name="calendar">Business days of the recipients' country.</param>
    /// <param name="zone">Their zone: notices go out at 09:00 there.</param>
    /// <param name="dueDay">The task's due day as counted in the task's own place; null means the day <paramref name="due"/> ends in <paramref name="zone"/>.</param>
    /// <param name="openedAt">
    /// When the task opened: a reminder that would fall before it moves to the first notice time after it, and is dropped
    /// (null) when that is no longer before the due date and it does not repeat.
    /// </param>
    /// <exception cref="CalendarNotCoveredException">A day lies past the years the calendar's rules are kept for.</exception>
    public static DateTimeOffset? FirstFireAt(TimerDeclaration timer, DateTimeOffset? due, BusinessCalendar calendar, TimeZoneInfo zone, DateOnly? dueDay = null, DateTimeOffset? openedAt = null)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(calendar);
        if (due is not { } dueAt)
        {
            return null;
        }

        var day0 = dueDay ?? DayOf(dueAt, zone);
        switch (timer.Kind)
        {
            case TimerKind.Reminder when timer.Before is { } before:
                var day = timer.CalendarDays
                    ? PreviousWorkingDayOnOrBefore(day0.AddYears(-before.Years).AddMonths(-before.Months).AddDays(-before.Days), calendar)
                    : calendar.AddBusinessDays(day0, -before.Days);
                var fire = At(day, NoticeTime, zone);
                if (openedAt is { } opened && fire < opened)
                {
                    fire = FirstNoticeAfter(opened, calendar, zone);
                    if (fire >= dueAt && timer.Every is null)
                    {
                        return null;
                    }
                }

                return fire;
            case TimerKind.Escalation when timer.After is { } after:
                var late = timer.CalendarDays ? day0.AddDays(after.Days) : calendar.AddBusinessDays(day0, after.Days);
                return At(late, NoticeTime, zone);
            default:
                return dueAt;
        }
    }

    /// <summary>When a repeating reminder fires next after firing <paramref name="fireCount"/> times, or null when it is done.</summary>
    /// <param name="timer">The declaration.</param>
    /// <param name="lastFire">When it fired last.</param>
    /// <param name="due">The task's due instant.</param>
    /// <param name="fireCount">How often it fired.</param>
    /// <param name="calendar">Business days of the recipients' country.</param>
    /// <param name="zone">Their zone.</param>
    /// <param name="dueDay">The task's due day as counted in the task's own place; null means the day <paramref name="due"/> ends in <paramref name="zone"/>.</param>
    /// <exception cref="CalendarNotCoveredException">A day lies past the calendar's last year.</exception>
    public static DateTimeOffset? NextFireAt(TimerDeclaration timer, DateTimeOffset lastFire, DateTimeOffset? due, int fireCount, BusinessCalendar calendar, TimeZoneInfo zone, DateOnly? dueDay = null)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(calendar);
        if (timer.Every is not { } every || (timer.Max is { } max && fireCount >= max) || due is not { } dueAt)
        {
            return null;
        }

        // "Every n business days while overdue": the repeats count from the due day, never before it.
        var from = DayOf(lastFire, zone);
        var day0 = dueDay ?? DayOf(dueAt, zone);
        if (from < day0)
        {
            from = day0;
        }

        var next = timer.CalendarDays ? from.AddDays(Math.Max(1, every.Days)) : calendar.AddBusinessDays(from, Math.Max(1, every.Days));
        return At(next, NoticeTime, zone);
    }

    /// <summary>The first notice time (09:00 of a working day in the zone) at or after an instant.</summary>
    public static DateTimeOffset FirstNoticeAfter(DateTimeOffset instant, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = calendar.NextWorkingDayOnOrAfter(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));
        var at = At(day, NoticeTime, zone);
        return at >= instant ? at : At(calendar.AddBusinessDays(day, 1), NoticeTime, zone);
    }

    private static DateOnly PreviousWorkingDayOnOrBefore(DateOnly day, BusinessCalendar calendar) =>
        calendar.IsWorkingDay(day) ? day : calendar.AddBusinessDays(day, -1);
}
