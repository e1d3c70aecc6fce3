using CityCoop.Workflows;

namespace CityCoop.Domain.WorkflowVocabulary;

/// <summary>A workflow subject owned by a city, with partner cities: what <see cref="CityCoopScopes"/> resolve against.</summary>
public interface IOrganizationSubject : IWorkflowSubject
{
    /// <summary>Organisation code of the owning city, e.g. <c>city:shanghai</c>.</summary>
    string OrganizationCode { get; }

    /// <summary>Organisation codes of the partner cities, lead first; empty when none is set yet (or the subject has none).</summary>
    IReadOnlyList<string> PartnerOrganizationCodes { get; }
}
