using CityCoop.Workflows;

namespace CityCoop.Domain.WorkflowVocabulary;

/// <summary>
/// The organisation scopes CityCoop definitions use, each with the organisations it resolves to on an
/// <see cref="IOrganizationSubject"/>; declared to the engine by <see cref="CityCoopVocabulary.Declare"/>, which makes
/// <see cref="WorkflowHooks.InScope"/> the one scope rule of the engine, the inbox and the digest.
/// </summary>
public static class CityCoopScopes
{
    /// <summary>The city that owns the subject.</summary>
    public static WorkflowScope ProposalCity { get; } = new("proposal-city");

    /// <summary>One of the subject's partner cities.</summary>
    public static WorkflowScope PartnerCity { get; } = new("partner-city");

    /// <summary>The platform of either country.</summary>
    public static WorkflowScope PlatformAny { get; } = new("platform-any");

    /// <summary>The Japanese platform (<c>platform:jp</c>).</summary>
    public static WorkflowScope PlatformJp { get; } = new("platform-jp");

    /// <summary>The Chinese platform (<c>platform:cn</c>).</summary>
    public static WorkflowScope PlatformCn { get; } = new("platform-cn");

    /// <summary>The Japanese ministry (<c>ministry:jp</c>).</summary>
    public static WorkflowScope MinistryJp { get; } = new("ministry-jp");

    /// <summary>The Chinese ministry (<c>ministry:cn</c>).</summary>
    public static WorkflowScope MinistryCn { get; } = new("ministry-cn");

    /// <summary>Any organisation; only the role is checked.</summary>
    public static WorkflowScope AnyOrganization { get; } = new("any-organization");

    /// <summary>Every scope above, in this order.</summary>
    public static IReadOnlyList<WorkflowScope> All { get; } = [ProposalCity, PartnerCity, PlatformAny, PlatformJp, PlatformCn, MinistryJp, MinistryCn, AnyOrganization];

    /// <summary>Declares every scope above to a module's hooks, each resolved by <see cref="Members"/>.</summary>
    public static WorkflowHooks AddCityCoopScopes(this WorkflowHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        foreach (var scope in All)
        {
            var assignsOne = scope != PartnerCity && scope != PlatformAny && scope != AnyOrganization;
            if (scope == ProposalCity || scope == PartnerCity)
            {
                hooks.AddScope(scope.Name, s => Members(scope, Owner(s)), assignsOne);
            }
            else
            {
                // The platforms, the ministries and "any" are the same organisations on every subject: the inbox places a
                // reader in them without loading subjects.
                hooks.AddFixedScope(scope.Name, FixedMembers(scope), assignsOne);
            }
        }

        return hooks;
    }

    /// <summary>The organisations a scope stands for on a subject; null for <see cref="AnyOrganization"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scope is none of these.</exception>
    public static IReadOnlyList<string>? Members(WorkflowScope scope, IOrganizationSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return scope.Name switch
        {
            "proposal-city" => [subject.OrganizationCode],
            "partner-city" => subject.PartnerOrganizationCodes,
            _ => FixedMembers(scope),
        };
    }

    private static IReadOnlyList<string>? FixedMembers(WorkflowScope scope) =>
        scope.Name switch
        {
            "platform-any" => [OrganizationCodes.PlatformJp, OrganizationCodes.PlatformCn],
            "platform-jp" => [OrganizationCodes.PlatformJp],
            "platform-cn" => [OrganizationCodes.PlatformCn],
            "ministry-jp" => [OrganizationCodes.MinistryJp],
            "ministry-cn" => [OrganizationCodes.MinistryCn],
            "any-organization" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not a CityCoop scope."),
        };

    private static IOrganizationSubject Owner(IWorkflowSubject subject) =>
        subject as IOrganizationSubject
        ?? throw new InvalidOperationException($"A {subject.GetType().Name} has no owning or partner city; the city scopes need an {nameof(IOrganizationSubject)}.");
}
