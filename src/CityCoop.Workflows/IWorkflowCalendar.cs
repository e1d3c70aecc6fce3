namespace CityCoop.Workflows;

/// <summary>
/// The business calendars the engine counts due dates in. A place is a name a subject gives for the organisations of a
/// task (for proposals the country code, <c>JP</c> or <c>CN</c>), so the engine itself knows no country.
/// </summary>
public interface IWorkflowCalendar
{
    /// <summary>
    /// The due date of a task opened at <paramref name="opened"/> in a place, for a due rule that counts a duration
    /// (<see cref="DueRule.After"/>, calendar time) or business days (<see cref="DueRule.BusinessDays"/>).
    /// </summary>
    /// <param name="opened">When the task opened, UTC.</param>
    /// <param name="rule">The rule; one with only a date source is not counted here.</param>
    /// <param name="place">The place whose calendar and zone apply, or null when the task has none.</param>
    TaskDueDate Due(DateTimeOffset opened, DueRule rule, string? place);
}

/// <summary>Plain calendar arithmetic with no business days and no zone: a business day counts as a day.</summary>
public sealed class CalendarDaysCalendar : IWorkflowCalendar
{
    /// <summary>The shared instance.</summary>
    public static CalendarDaysCalendar Instance { get; } = new();

    /// <inheritdoc/>
    public TaskDueDate Due(DateTimeOffset opened, DueRule rule, string? place)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var at = rule.BusinessDays is { } days ? opened.AddDays(days) : rule.After is { } after ? after.AddTo(opened) : opened;
        return new TaskDueDate(place ?? string.Empty, at.ToUniversalTime(), null);
    }
}

/// <summary>A task's due date in one place.</summary>
/// <param name="Place">The place (for proposals <c>JP</c> or <c>CN</c>; empty when the task has no place).</param>
/// <param name="At">The due instant, UTC: for a counted rule the end of a working day in the place's zone.</param>
/// <param name="ProvisionalYear">
/// The first calendar year the count passed through whose official holiday schedule was not loaded, so the date rests on
/// a calendar computed from the law (and may move when the schedule is published); null when every year was official.
/// </param>
public sealed record TaskDueDate(string Place, DateTimeOffset At, int? ProvisionalYear)
{
    /// <summary>Whether the date rests on a provisional calendar year.</summary>
    public bool IsProvisional => ProvisionalYear is not null;
}
