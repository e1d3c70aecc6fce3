using CityCoop.Workflows;

namespace CityCoop.Domain.WorkflowVocabulary;

/// <summary>The names every CityCoop workflow module declares: its roles, organisation scopes and input types.</summary>
public static class CityCoopVocabulary
{
    /// <summary>
    /// New hooks declaring <see cref="CityCoopRoles"/>, <see cref="CityCoopScopes"/> and <see cref="CityCoopInputTypes"/>;
    /// a module adds its guards, effects and date sources to them.
    /// </summary>
    public static WorkflowHooks Declare()
    {
        var hooks = new WorkflowHooks();
        foreach (var role in CityCoopRoles.All)
        {
            hooks.AddRole(role.Name);
        }

        return hooks.AddCityCoopScopes().AddCityCoopInputTypes();
    }
}
