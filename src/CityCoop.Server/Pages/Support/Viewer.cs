using System.Globalization;
using CityCoop.Domain.Cities;
using CityCoop.Domain.FiscalYears;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Auth;
using CityCoop.Server.Resources;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Pages.Support;

/// <summary>
/// The person reading a page: their actor, time zone and language, plus the formatting every page shares
/// (instants in the reader's zone with the zone named, money, city and state names in the reader's language).
/// </summary>
public sealed class Viewer(CurrentActor current, UserManager<CityCoopUser> users, CityCoopDbContext db, UiText text)
{
    private Dictionary<string, City>? cities;

    /// <summary>The signed-in actor, or null before <see cref="LoadAsync"/> or when anonymous/deactivated.</summary>
    public WorkflowActor? Actor { get; private set; }

    /// <summary>The signed-in user.</summary>
    public CityCoopUser? User { get; private set; }

    /// <summary>The reader's time zone (the user's, else Tokyo).</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <summary>zh, ja or en.</summary>
    public static string Language => UiText.Language;

    /// <summary>Whether the reader is an administrator.</summary>
    public bool IsAdmin => Actor?.Roles.Contains(CityCoopRoles.Admin) == true;

    /// <summary>Whether the reader may read reports.</summary>
    public bool ReadsReports => Actor is { } a && (a.Roles.Contains(CityCoopRoles.Platform) || a.Roles.Contains(CityCoopRoles.Ministry) || a.Roles.Contains(CityCoopRoles.Admin));

    /// <summary>Whether the reader reads the programme budget (ministry and platform staff; admins too).</summary>
    public bool ReadsBudgets => CityCoop.Server.Budgets.BudgetAccess.CanRead(Actor);

    /// <summary>Whether the reader is city staff (and may draft proposals).</summary>
    public bool IsCity => Actor?.Roles.Contains(CityCoopRoles.City) == true;

    /// <summary>Loads the actor for the principal; false when the account is unknown or deactivated.</summary>
    public async Task<bool> LoadAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        if (Actor is not null)
        {
            return true;
        }

        Actor = await current.ResolveAsync(principal);
        if (Actor is null)
        {
            return false;
        }

        User = await users.FindByIdAsync(Actor.UserId);
        if (User is not null && TimeZoneInfo.TryFindSystemTimeZoneById(User.TimeZone, out var zone))
        {
            Zone = zone;
        }

        return true;
    }

    /// <summary>
    /// An instant as local date and time in the reader's zone, zone named: <c>2015-04-10 18:00 (Asia/Tokyo)</c>; local
    /// midnight reads 24:00 of the day that ends, as in the emails (<see cref="ProgrammeTimeZones.LocalDateTime"/>).
    /// </summary>
    public string When(DateTimeOffset instant) => $"{ProgrammeTimeZones.LocalDateTime(instant, Zone)} ({Zone.Id})";

    /// <summary>
    /// The note beside a provisional due date in the reader's language ("provisional — China's 2027 holiday schedule is
    /// not published yet"), or null when the due date rests on official calendars.
    /// </summary>
    public string? Provisional(TaskDueDate? due) =>
        Infrastructure.Timers.BusinessDayCalendar.ProvisionalNote(due) is { } note ? new EngineText(Language, null, City).Render(note) : null;

    /// <summary>An optional instant, or a dash.</summary>
    public string When(DateTimeOffset? instant) => instant is { } i ? When(i) : "—";

    /// <summary>
    /// The one way pages show a fiscal year: <c>FY2026</c>, and for Japanese readers with its era name,
    /// <c>FY2026（令和8年度）</c> (<see cref="JapaneseFiscalYear.EraName"/>).
    /// </summary>
    public static string FiscalYear(int year) =>
        Language == "ja" && JapaneseFiscalYear.EraName(year) is { } era ? $"FY{year}（{era}）" : $"FY{year}";

    /// <summary>A calendar date (activities have no time of day, so no zone).</summary>
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An amount with its currency in the reader's number format: <c>3,000,000 JPY</c>.</summary>
    public static string Money(decimal amount, Domain.Funding.Currency currency) =>
        $"{amount.ToString("#,0.##", CultureInfo.CurrentCulture)} {currency}";

    /// <summary>All cities by code (cached per request).</summary>
    public async Task<Dictionary<string, City>> CitiesAsync()
    {
        cities ??= await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Code);
        return cities;
    }

    /// <summary>A city's name in the reader's language (the code when unknown).</summary>
    public string City(string code) => cities is not null && cities.TryGetValue(code, out var c) ? c.Name(Language) : code;

    /// <summary>Several city names, comma-separated.</summary>
    public string Cities(IEnumerable<string> codes) => string.Join(Resources.UiText.Find("list.items", Language), codes.Select(City));

    /// <summary>A state's display name in the reader's language, else its name.</summary>
    public static string State(WorkflowDefinition definition, string state) =>
        definition.FindState(state) is { } s && s.DisplayNames.TryGetValue(Language, out var name) ? name : state;

    /// <summary>An organisation code (<c>platform:jp</c>, <c>ministry:cn</c>, <c>city:shanghai</c>) as its name in the reader's language, or a dash.</summary>
    public string Organization(string? code) =>
        string.IsNullOrEmpty(code) ? "—" : new EngineText(Language, null, City).Organization(code);

    /// <summary>A workflow subject's parties: its owner ⇄ its partners (cities by name, platforms and ministries by title).</summary>
    public string Parties(CityCoop.Domain.WorkflowVocabulary.IOrganizationSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Organization(subject.OrganizationCode)
            + (subject.PartnerOrganizationCodes.Count > 0 ? " ⇄ " + string.Join(Resources.UiText.Find("list.items", Language), subject.PartnerOrganizationCodes.Select(Organization)) : string.Empty);
    }

    /// <summary>An approval group's scope as the organisation(s) it stands for, in the reader's language.</summary>
    public string Scope(WorkflowScope scope) => text["scope." + scope.Name];
}
