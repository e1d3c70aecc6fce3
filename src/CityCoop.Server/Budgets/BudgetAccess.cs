using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Server.Budgets;

/// <summary>Who reads and who sets the programme budget (programme.md rule 2: the Japanese ministry prepares the budget).</summary>
public static class BudgetAccess
{
    /// <summary>Platform reviewers, ministry officers and admins read every year's budget.</summary>
    public static bool CanRead(WorkflowActor? actor) =>
        actor is { } a && (a.Roles.Contains(CityCoopRoles.Platform) || a.Roles.Contains(CityCoopRoles.Ministry) || a.Roles.Contains(CityCoopRoles.Admin));

    /// <summary>Only officers of the Japanese ministry set or change it.</summary>
    public static bool CanSet(WorkflowActor? actor) =>
        actor is { } a && a.Roles.Contains(CityCoopRoles.Ministry) && a.OrganizationCode == OrganizationCodes.MinistryJp;
}
