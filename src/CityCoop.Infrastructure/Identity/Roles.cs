namespace CityCoop.Infrastructure.Identity;

/// <summary>The four roles of CityCoop (issue 2): who may do what is then decided by role and organisation.</summary>
public static class Roles
{
    /// <summary>City staff; member of exactly one city organisation.</summary>
    public const string City = "city";

    /// <summary>Platform reviewer; member of the Japanese or the Chinese platform.</summary>
    public const string Platform = "platform";

    /// <summary>Ministry officer; member of a ministry.</summary>
    public const string Ministry = "ministry";

    /// <summary>Administrator of the deployment.</summary>
    public const string Admin = "admin";

    /// <summary>All roles.</summary>
    public static IReadOnlyList<string> All { get; } = [City, Platform, Ministry, Admin];
}
