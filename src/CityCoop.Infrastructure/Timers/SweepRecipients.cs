using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Timers;

/// <summary>
/// The active users holding a role in a set of organisations, read once per sweep and reused by every timer of that sweep
/// with the same role and organisations (100 reminders to one city's reviewers read its users once, not 100 times). Lives
/// for one sweep only, so a user changed meanwhile is seen by the next sweep, a minute later.
/// </summary>
internal sealed class SweepRecipients(OutboxWriter outbox)
{
    private readonly Dictionary<string, IReadOnlyList<CityCoopUser>> known = new(StringComparer.Ordinal);

    /// <summary>As <see cref="OutboxWriter.UsersAsync"/> (any organisation when the list is empty); the caller must not change the list.</summary>
    public async Task<IReadOnlyList<CityCoopUser>> UsersAsync(WorkflowRole role, IReadOnlyList<string> organizationCodes, CancellationToken ct)
    {
        // The query does not depend on the order of the codes, so neither does the key.
        var key = role + "|" + string.Join(",", organizationCodes.Order(StringComparer.Ordinal));
        if (!known.TryGetValue(key, out var users))
        {
            users = await outbox.UsersAsync(role, organizationCodes, ct);
            known[key] = users;
        }

        return users;
    }
}
