using System.Text.Json;
using CityCoop.Domain;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Proposals;

/// <summary>
/// The proposal service the API, the pages and the replay all call: creating a draft (and starting its instance),
/// editing a draft, loading, and taking steps, which <see cref="WorkflowRuntime"/> runs like any module's.
/// </summary>
public sealed class ProposalWorkflow(CityCoopDbContext db, WorkflowRuntime runtime, ProposalModule module, ReferenceDataCache referenceData, TimeProvider time)
{
    /// <summary>Id of the definition in <c>workflows/cooperation-proposal.json</c>.</summary>
    public const string DefinitionId = ProposalModule.Definition;

    /// <summary>The proposals' engine (hooks of <see cref="ProposalWorkflowHooks"/>, the business calendar).</summary>
    public WorkflowEngine Engine => runtime.Modules.EngineFor(module);

    /// <summary>Creates a draft proposal for the actor's city and starts its instance on the newest definition version.</summary>
    /// <exception cref="DomainRuleException">The draft breaks a rule, names an unknown partner city, or the actor belongs to no city.</exception>
    public async Task<ProposalRecord> CreateAsync(ProposalDraft draft, WorkflowActor actor, DateTimeOffset? at = null, string? dateSource = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = at ?? time.GetUtcNow();
        var cityCode = actor.OrganizationCode.StartsWith("city:", StringComparison.Ordinal) ? actor.OrganizationCode[5..] : null;
        var city = cityCode is null ? null : await db.Cities.FirstOrDefaultAsync(c => c.Code == cityCode, ct);
        if (city is null)
        {
            throw new DomainRuleException("organization", "Only city staff can create proposals, for their own city.");
        }

        var proposal = new CooperationProposal(city, draft, actor.UserId, now);
        var subject = await SubjectAsync(proposal, ct);
        SetPartners(proposal, subject);
        db.Proposals.Add(proposal);
        var record = await runtime.StartAsync(module, proposal.Id, new ProposalSubject(subject), actor, now, dateSource, ct);
        return new ProposalRecord(record);
    }

    /// <summary>Loads a proposal with its instance (tracked, for a step or an edit), or null.</summary>
    public async Task<ProposalRecord?> LoadAsync(Guid proposalId, CancellationToken ct = default) =>
        await runtime.LoadAsync(ProposalModule.Type, proposalId, null, ct) is { } record ? new ProposalRecord(record) : null;

    /// <summary>The subject adapter the engine needs for a proposal (with the reference data, without activities).</summary>
    public async Task<ProposalWorkflowSubject> SubjectAsync(CooperationProposal proposal, CancellationToken ct = default)
    {
        var (cities, friendships) = await referenceData.GetAsync(db, ct);
        return new ProposalWorkflowSubject(proposal, cities, friendships);
    }

    /// <summary>
    /// Takes an action on a proposal through <see cref="WorkflowRuntime.ExecuteAsync"/>: <paramref name="ifMatch"/> makes it
    /// conditional (412 when stale), <paramref name="visibleTo"/> makes a proposal the caller may not see answer not found.
    /// </summary>
    public Task<StepOutcome> ExecuteAsync(
        Guid proposalId,
        WorkflowActor actor,
        string action,
        IReadOnlyDictionary<string, JsonElement> inputs,
        string? ifMatch = null,
        DateTimeOffset? at = null,
        string? dateSource = null,
        Func<CooperationProposal, Task<bool>>? visibleTo = null,
        CancellationToken ct = default) =>
        runtime.ExecuteAsync(
            ProposalModule.Type,
            proposalId,
            actor,
            action,
            inputs,
            ifMatch,
            at,
            dateSource,
            visibleTo is null ? null : record => visibleTo(new ProposalRecord(record).Proposal),
            ct);

    /// <summary>
    /// Saves an edit of a draft (the caller checked state, permission and the version it edits); an edit that another save
    /// overtook (the proposal's revision is a concurrency token) answers <see cref="StepOutcome.Conflict"/> and saves nothing.
    /// </summary>
    /// <exception cref="DomainRuleException">The draft breaks a rule or names an unknown partner city; nothing is saved.</exception>
    public async Task<StepOutcome> SaveEditAsync(ProposalRecord record, ProposalDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(draft);
        var subject = await SubjectAsync(record.Proposal, ct);
        var unknown = draft.PartnerCityCodes.Where(c => !subject.Cities.ContainsKey(c)).ToList();
        if (unknown.Count > 0)
        {
            throw UnknownPartners(unknown);
        }

        record.Proposal.Edit(draft);
        SetPartners(record.Proposal, subject);
        return await runtime.SaveEditAsync(record.Workflow, ct);
    }

    // Coded as every other unknown city is (unknown-cities with the codes), so the reader's language can say it.
    private static DomainRuleException UnknownPartners(List<string> unknown) =>
        new("partnerCityCodes", DomainText.Of("unknown-cities", $"Unknown city code(s): {string.Join(", ", unknown)}.", ("codes", string.Join(",", unknown))));

    private static void SetPartners(CooperationProposal proposal, ProposalWorkflowSubject subject)
    {
        var codes = proposal.PartnerCityCodes;
        if (codes.Where(c => !subject.Cities.ContainsKey(c)).ToList() is { Count: > 0 } unknown)
        {
            throw UnknownPartners(unknown);
        }

        if (codes.Count > 0)
        {
            proposal.SetPartners([.. codes.Select(c => subject.Cities[c])]);
        }
    }
}
