using CityCoop.Domain.Cities;
using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Workflows;

/// <summary>
/// Cities and friendship relations, which every workflow step reads and which change only by import: kept in
/// memory for five minutes, dropped at once by an import in this process (another server's import is seen within
/// the five minutes).
/// </summary>
public sealed class ReferenceDataCache(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private Snapshot? current;

    /// <summary>The cities by code and the friendship relations.</summary>
    public async Task<(IReadOnlyDictionary<string, City> Cities, IReadOnlyList<FriendshipRelation> Friendships)> GetAsync(CityCoopDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var snapshot = Volatile.Read(ref current);
        if (snapshot is null || time.GetUtcNow() - snapshot.LoadedAt >= Lifetime)
        {
            var cities = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
            var friendships = await db.FriendshipRelations.AsNoTracking().ToListAsync(ct);
            snapshot = new Snapshot(cities, friendships, time.GetUtcNow());
            Volatile.Write(ref current, snapshot);
        }

        return (snapshot.Cities, snapshot.Friendships);
    }

    /// <summary>Forgets the cached data (after an import).</summary>
    public void Invalidate() => Volatile.Write(ref current, null);

    private sealed record Snapshot(IReadOnlyDictionary<string, City> Cities, IReadOnlyList<FriendshipRelation> Friendships, DateTimeOffset LoadedAt);
}
