using CityCoop.Domain.Cities;
using CityCoop.Domain.Memorandums;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Memorandums;

/// <summary>
/// The platforms' fiscal-year memorandums as a workflow module: they run <c>workflows/fiscal-year-memorandum.json</c> with
/// <see cref="MemorandumWorkflowHooks"/>, live in the <c>memorandums</c> table, and are shown at <c>/memorandums/{id}</c>.
/// </summary>
public sealed class MemorandumModule(ReferenceDataCache referenceData) : IWorkflowModule
{
    /// <summary>The subject type stored on memorandums' instances and notices.</summary>
    public const string Type = "memorandum";

    /// <summary>Id of the definition in <c>workflows/fiscal-year-memorandum.json</c>.</summary>
    public const string Definition = "fiscal-year-memorandum";

    private static readonly Dictionary<string, City> NoCities = [];

    /// <inheritdoc/>
    public string SubjectType => Type;

    /// <inheritdoc/>
    public string DefinitionId => Definition;

    /// <inheritdoc/>
    public WorkflowHooks Hooks { get; } = MemorandumWorkflowHooks.Create();

    /// <inheritdoc/>
    public string PathOf(Guid subjectId) => $"/memorandums/{subjectId:D}";

    /// <summary>A memorandum's title in every language: its fiscal year, e.g. <c>FY2015</c> (notices name it "the memorandum “FY2015”").</summary>
    public static string TitleOf(FiscalYearMemorandum memorandum)
    {
        ArgumentNullException.ThrowIfNull(memorandum);
        return $"FY{memorandum.FiscalYear}";
    }

    /// <inheritdoc/>
    public async Task<LoadedSubject?> LoadAsync(CityCoopDbContext db, Guid subjectId, IReadOnlyCollection<string> guards, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var memorandum = await db.Memorandums.FirstOrDefaultAsync(m => m.Id == subjectId, ct);
        if (memorandum is null)
        {
            return null;
        }

        var (cities, _) = await referenceData.GetAsync(db, ct);
        return new LoadedSubject(new MemorandumWorkflowSubject(memorandum, cities), TitleOf(memorandum), () => memorandum.Revision);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<Guid, WorkflowSubjectSummary>> SummariesAsync(CityCoopDbContext db, IReadOnlyCollection<Guid> subjectIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var memorandums = await db.Memorandums.AsNoTracking().Where(m => subjectIds.Contains(m.Id)).ToListAsync(ct);
        return memorandums.ToDictionary(m => m.Id, m => new WorkflowSubjectSummary(Type, m.Id, TitleOf(m), PathOf(m.Id), m.FiscalYear, new MemorandumWorkflowSubject(m, NoCities)));
    }
}
