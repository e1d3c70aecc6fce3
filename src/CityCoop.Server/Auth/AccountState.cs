using CityCoop.Domain.Cities;
using CityCoop.Domain.WorkflowVocabulary;
using CityCoop.Workflows;

namespace CityCoop.Server.Auth;

/// <summary>
/// An active account as the database has it at this request: what authentication compares a token or cookie with
/// (security stamp) and what it rebuilds the principal from (roles, organisation, name).
/// </summary>
/// <param name="UserId">Identity user id.</param>
/// <param name="Email">Email (also the sign-in name).</param>
/// <param name="DisplayName">Name shown to others.</param>
/// <param name="SecurityStamp">Identity's security stamp; rotated by deactivation, reactivation, role change and password reset.</param>
/// <param name="Roles">Identity role names (<c>city</c>, <c>platform</c>, <c>ministry</c>, <c>admin</c>).</param>
/// <param name="OrganizationCode">Organisation code, or null (an admin without one).</param>
/// <param name="OrganizationKind">The organisation's kind, or null without one.</param>
/// <param name="Country">The organisation's country, or null.</param>
public sealed record AccountState(
    string UserId,
    string? Email,
    string DisplayName,
    string? SecurityStamp,
    IReadOnlyList<string> Roles,
    string? OrganizationCode,
    Domain.Organizations.OrganizationKind? OrganizationKind,
    Country? Country)
{
    /// <summary>The account as the workflow engine sees it.</summary>
    public WorkflowActor ToActor()
    {
        var roles = Roles
            .Select(CityCoopRoles.Find)
            .OfType<WorkflowRole>()
            .ToHashSet();
        var kind = OrganizationKind switch
        {
            Domain.Organizations.OrganizationKind.City => CityCoop.Workflows.OrganizationKind.City,
            Domain.Organizations.OrganizationKind.Platform => CityCoop.Workflows.OrganizationKind.Platform,
            Domain.Organizations.OrganizationKind.Ministry => CityCoop.Workflows.OrganizationKind.Ministry,
            _ => CityCoop.Workflows.OrganizationKind.Admin,
        };
        return new WorkflowActor(UserId, DisplayName, roles, OrganizationCode ?? string.Empty, kind, Country?.ToString());
    }
}
