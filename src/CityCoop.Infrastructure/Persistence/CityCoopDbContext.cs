using CityCoop.Domain.Activities;
using CityCoop.Domain.Budgets;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Expenses;
using CityCoop.Domain.Organizations;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Security;
using CityCoop.Infrastructure.Timers;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Persistence;

/// <summary>
/// The one database of CityCoop: identity, reference data, proposals, activities and workflow state.
/// Each provider has a subclass that owns its migrations (<see cref="Postgres.PostgresDbContext"/>,
/// <see cref="Sqlite.SqliteDbContext"/>); code depends on this base type.
/// </summary>
public abstract class CityCoopDbContext : IdentityDbContext<CityCoopUser>
{
    /// <summary>
    /// Creates the context. Automatic savepoints are off: EF Core would wrap every <c>SaveChanges</c> inside an open
    /// transaction in a savepoint (two statements), so that a failed save could be retried within it; CityCoop never does
    /// that — a failed save ends its transaction — so the savepoints were round trips with no use.
    /// </summary>
    protected CityCoopDbContext(DbContextOptions options)
        : base(options)
    {
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>Name of the shadow property holding a workflow instance's subject type (e.g. <c>proposal</c>), for <c>EF.Property</c>.</summary>
    public const string InstanceSubjectType = "SubjectType";

    /// <summary>
    /// Name of the shadow property holding a workflow instance's subject id, for <c>EF.Property</c>; one instance per
    /// (subject type, subject id), and no foreign key, as subjects of different modules live in different tables.
    /// </summary>
    public const string InstanceSubjectId = "SubjectId";

    /// <summary>Japanese and Chinese cities and provinces.</summary>
    public DbSet<City> Cities => Set<City>();

    /// <summary>Friendship ties between a Japanese and a Chinese city.</summary>
    public DbSet<FriendshipRelation> FriendshipRelations => Set<FriendshipRelation>();

    /// <summary>Cities, platforms and ministries.</summary>
    public DbSet<Organization> Organizations => Set<Organization>();

    /// <summary>Cooperation proposals.</summary>
    public DbSet<CooperationProposal> Proposals => Set<CooperationProposal>();

    /// <summary>The platforms' fiscal-year memorandums (one per fiscal year).</summary>
    public DbSet<Domain.Memorandums.FiscalYearMemorandum> Memorandums => Set<Domain.Memorandums.FiscalYearMemorandum>();

    /// <summary>Activities of every kind (table-per-hierarchy).</summary>
    public DbSet<Activity> Activities => Set<Activity>();

    /// <summary>The programme's budget per fiscal year (envelope and lines).</summary>
    public DbSet<ProgrammeBudget> Budgets => Set<ProgrammeBudget>();

    /// <summary>The append-only journal of budget settings and changes.</summary>
    public DbSet<BudgetChange> BudgetChanges => Set<BudgetChange>();

    /// <summary>Expenses of proposals in fund execution (planned and paid).</summary>
    public DbSet<Expense> Expenses => Set<Expense>();

    /// <summary>Settlements of approvals at the close of fund execution (one per proposal; what was released to the envelope).</summary>
    public DbSet<Settlement> Settlements => Set<Settlement>();

    /// <summary>Every stored version of every workflow definition.</summary>
    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();

    /// <summary>Workflow instances (one per subject) with their tasks, approvals and journal.</summary>
    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();

    /// <summary>Tasks of all instances (the inbox reads these).</summary>
    public DbSet<WorkflowTask> WorkflowTasks => Set<WorkflowTask>();

    /// <summary>Timer rows: the source of truth for reminders, deadlines and escalations.</summary>
    public DbSet<WorkflowTimer> WorkflowTimers => Set<WorkflowTimer>();

    /// <summary>The email outbox.</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>The append-only security audit log; written only through <see cref="SecurityAuditLog"/>.</summary>
    public DbSet<SecurityAuditEntry> SecurityAudit => Set<SecurityAuditEntry>();

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CityCoopDbContext).Assembly);
    }
}
