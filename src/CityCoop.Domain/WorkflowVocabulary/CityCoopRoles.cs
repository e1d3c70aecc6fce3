using CityCoop.Workflows;

namespace CityCoop.Domain.WorkflowVocabulary;

/// <summary>
/// The roles a CityCoop account may hold (the names of its identity roles, lower-cased), declared to the engine by every
/// CityCoop workflow module (<see cref="CityCoopVocabulary.Declare"/>); the admin role grants no scope of its own.
/// </summary>
public static class CityCoopRoles
{
    /// <summary>Staff of a city or province.</summary>
    public static WorkflowRole City { get; } = new("city");

    /// <summary>Reviewer of a cooperation platform.</summary>
    public static WorkflowRole Platform { get; } = new("platform");

    /// <summary>Officer of a ministry.</summary>
    public static WorkflowRole Ministry { get; } = new("ministry");

    /// <summary>System administrator.</summary>
    public static WorkflowRole Admin { get; } = new("admin");

    /// <summary>Every role, in this order.</summary>
    public static IReadOnlyList<WorkflowRole> All { get; } = [City, Platform, Ministry, Admin];

    /// <summary>The role with this name whatever its case (identity stores <c>City</c>), or null when there is none.</summary>
    public static WorkflowRole? Find(string? name) =>
        All.Where(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)).Select(r => (WorkflowRole?)r).FirstOrDefault();
}
