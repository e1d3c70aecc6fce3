using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Proposals;

/// <summary>Reads the <see cref="CooperationHistory"/> of a proposal's city: every pair of it that cooperated before.</summary>
internal static class CooperationHistoryQuery
{
    /// <summary>
    /// The pairs of <paramref name="proposal"/>'s proposing city (every pair of a proposal includes it) from the other
    /// proposals of that city, as proposer or partner, whose funding was approved (they reached fund execution, and may be
    /// closed since), and from the imported activities (no proposal) that are not voided.
    /// </summary>
    public static async Task<CooperationHistory> LoadAsync(CityCoopDbContext db, CooperationProposal proposal, CancellationToken ct)
    {
        var city = proposal.ProposingCityCode;
        // The three columns that decide a proposal's pairs, each distinct pairing once: a city that has run hundreds of
        // proposals has a handful of pairings, and whole proposals (descriptions, items, plans) cost the step milliseconds.
        var funded = await db.Proposals.AsNoTracking()
            .Where(p => p.Id != proposal.Id
                && EF.Property<decimal?>(p, "approvedAmount") != null
                && (p.ProposingCityCode == city || p.PartnerCityCodes.Contains(city)))
            .Select(p => new { p.ProposingCountry, p.ProposingCityCode, p.PartnerCityCodes })
            .Distinct()
            .ToListAsync(ct);
        var imported = await db.Activities.AsNoTracking().Where(a => a.ProposalId == null && a.VoidedAt == null).ToListAsync(ct);
        return new CooperationHistory([
            .. funded.SelectMany(p => CooperationProposal.PairsOf(p.ProposingCountry, p.ProposingCityCode, p.PartnerCityCodes)),
            .. imported.SelectMany(CooperationHistory.PairsOf).Where(p => p.Japanese == city || p.Chinese == city),
        ]);
    }
}
