using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Timers;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Tests.Infrastructure;

/// <summary>Rows of one workflow subject, found through its instance (timers carry only the instance id).</summary>
internal static class SubjectQueries
{
    /// <summary>The timer rows of the instance of subject <paramref name="subjectId"/> (a proposal's id, say).</summary>
    public static IQueryable<WorkflowTimer> TimersOf(this CityCoopDbContext db, Guid subjectId) =>
        db.WorkflowTimers.Where(t => db.WorkflowInstances.Any(i => i.Id == t.InstanceId && EF.Property<Guid>(i, CityCoopDbContext.InstanceSubjectId) == subjectId));
}
