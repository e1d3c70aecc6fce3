using CityCoop.Infrastructure.Persistence;
using CityCoop.Server.Pages.Support;
using CityCoop.Server.Proposals;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Pages.Proposals;

/// <summary>Downloads an attachment; another city's proposal answers 404 like a missing one.</summary>
public sealed class AttachmentModel(CityCoopDbContext db, AttachmentStore attachments, ProposalAccess access) : CityCoopPage
{
    /// <summary>Sends the file as a download.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var proposal = await db.Proposals.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null || !await access.CanSeeAsync(Viewer.Actor!, proposal) || attachments.Find(id, attachmentId) is not { } found)
        {
            return NotFound();
        }

        return PhysicalFile(found.Path, found.Info.ContentType, found.Info.FileName);
    }
}
