using CityCoop.Domain.FiscalYears;
using CityCoop.Infrastructure.Proposals;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Tasks;

namespace CityCoop.Server.Pages;

/// <summary>The landing page: the reader's open tasks, oldest due first, overdue marked; filters by step and fiscal year.</summary>
public sealed class IndexModel(Inbox inbox, TimeProvider time) : CityCoopPage
{
    /// <summary>Step (state) filter.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Step { get; set; }

    /// <summary>Fiscal-year filter as chosen or typed (<c>2026</c>, <c>令和8年度</c>, <c>R8</c>; <see cref="JapaneseFiscalYear"/>).</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Fy { get; set; }

    /// <summary>The fiscal year filtered on, or null for every year.</summary>
    public int? FiscalYear { get; private set; }

    /// <summary>The tasks to do, shown first.</summary>
    public IReadOnlyList<InboxItem> Items { get; private set; } = [];

    /// <summary>Proposals the reader follows while others act (following tasks, e.g. the city during matching).</summary>
    public IReadOnlyList<InboxItem> Following { get; private set; } = [];

    /// <summary>Steps the reader has tasks in (for the filter).</summary>
    public IReadOnlyList<string> Steps { get; private set; } = [];

    /// <summary>Fiscal years the reader has tasks in.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    private IReadOnlyList<InboxItem> all = [];

    /// <summary>Now, for marking overdue tasks.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>A step (state) of the reader's tasks by its display name, from the definition of the first task in it.</summary>
    public string StepName(string state) =>
        all.FirstOrDefault(i => i.Task.State == state) is { } item ? Viewer.State(item.Definition, state) : state;

    /// <summary>Loads the inbox.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        FiscalYear = JapaneseFiscalYear.TryParse(Fy, out var year) ? year : null;
        all = await inbox.ForAsync(Viewer.Actor!, ct);
        Steps = [.. all.Select(i => i.Task.State).Distinct()];
        Years = [.. all.Select(i => i.Subject.FiscalYear).OfType<int>().Distinct().Order()];
        var shown = all.Where(i => (Step is null || i.Task.State == Step) && (FiscalYear is null || i.Subject.FiscalYear == FiscalYear)).ToList();
        Following = [.. shown.Where(IsFollowing)];
        Items = [.. shown.Where(i => !IsFollowing(i))];
    }

    private static bool IsFollowing(InboxItem item) =>
        item.Definition.FindState(item.Task.State)?.Tasks.FirstOrDefault(t => t.Name == item.Task.TaskName)?.IsFollowing == true;
}
