using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CityCoop.Infrastructure.Notifications;

/// <summary>
/// Saves new outbox rows on PostgreSQL inside an open transaction as one <c>INSERT … ON CONFLICT ("UniqueKey") DO NOTHING</c>
/// (<see cref="InsertUnlessPresent"/>), just before the rest of the unit of work: a notice already queued under the same key
/// (subject, kind, recipient, due instant) is skipped by the unique index in that statement, with no look-up first and
/// without failing the step. The rows commit or roll back with the caller's transaction. Elsewhere (SQLite, no
/// transaction) EF saves them as usual, and <see cref="OutboxWriter"/> looked for each key before adding it. Only the
/// asynchronous save is intercepted: nothing in the product saves synchronously.
/// </summary>
public sealed class OutboxInsertInterceptor : SaveChangesInterceptor
{
    /// <summary>The one instance every context uses (it holds no state).</summary>
    public static OutboxInsertInterceptor Instance { get; } = new();

    /// <summary>
    /// True when new outbox rows of <paramref name="db"/> are saved here (PostgreSQL, a transaction open), so the unique
    /// index decides and <see cref="OutboxWriter"/> need not look for each key first.
    /// </summary>
    public static bool Applies(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsNpgsql() && db.Database.CurrentTransaction is not null;
    }

    /// <inheritdoc/>
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is CityCoopDbContext db && Applies(db))
        {
            var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
            if (added.Count > 0)
            {
                await InsertUnlessPresent.RunAsync(db, [.. added.Select(e => e.Entity)], nameof(OutboxMessage.UniqueKey), cancellationToken);

                // Written (or skipped as already there): EF must not insert them again.
                foreach (var entry in added)
                {
                    entry.State = EntityState.Detached;
                }
            }
        }

        return result;
    }
}
