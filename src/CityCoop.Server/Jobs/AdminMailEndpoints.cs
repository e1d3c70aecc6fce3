using CityCoop.Infrastructure.Proposals;
using CityCoop.Server.Hosting;
using CityCoop.Workflows;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Server.Jobs;

/// <summary>Admin views of outgoing mail: the outbox (e.g. what failed) and the .eml files written when no SMTP server is configured.</summary>
public static class AdminMailEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/admin/outbox?status=pending|sent|failed|superseded</c> (newest first; a superseded row carries
    /// <c>supersededReason</c>, e.g. <c>task-closed</c>, and <c>supersededAtUtc</c>), <c>GET /api/admin/mail</c> and
    /// <c>GET /api/admin/mail/{file}</c>.
    /// </summary>
    public static void MapAdminMailEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.MapGroup("/api/admin").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admin });

        admin.MapGet("/outbox", async (string? status, int? take, CityCoopDbContext db, CancellationToken ct) =>
        {
            var query = db.OutboxMessages.AsNoTracking();
            if (!string.IsNullOrEmpty(status))
            {
                if (!Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var wanted))
                {
                    return InputProblem.Of("status", DomainText.UnknownChoice("status", status, Enum.GetNames<OutboxStatus>().Select(n => n.ToLowerInvariant())), "Unknown status.");
                }

                query = query.Where(m => m.Status == wanted);
            }

            var rows = await query.ToListAsync(ct);
            return Results.Ok(rows
                .OrderByDescending(m => m.CreatedAt)
                .Take(Math.Clamp(take ?? 200, 1, 1000))
                .Select(m => new
                {
                    m.Id,
                    proposalId = m.SubjectType is null or ProposalModule.Type && m.SubjectId != Guid.Empty ? m.SubjectId : (Guid?)null,
                    m.SubjectType,
                    subjectId = m.SubjectId == Guid.Empty ? (Guid?)null : m.SubjectId,
                    m.TaskId,
                    m.Kind,
                    m.RecipientEmail,
                    m.RecipientName,
                    m.Language,
                    timeZone = m.TimeZone,
                    dueAtUtc = m.DueAt,
                    m.Status,
                    m.Attempts,
                    nextAttemptAtUtc = m.NextAttemptAt,
                    m.LastError,
                    createdAtUtc = m.CreatedAt,
                    sentAtUtc = m.SentAt,
                    m.SupersededReason,
                    supersededAtUtc = m.SupersededAt,
                }));
        });

        admin.MapGet("/mail", (EmlFileSender files) => Results.Ok(files.List()));

        admin.MapGet("/mail/{file}", (string file, EmlFileSender files) =>
        {
            try
            {
                return Results.Stream(files.OpenRead(file), "message/rfc822", file);
            }
            catch (ArgumentException)
            {
                return InputProblem.Of("file", DomainText.Of("not-a-mail-file", $"'{file}' is not the name of a mail file (a .eml file in the mail folder, no path).", ("field", "file"), ("value", file)), "Not a mail file.");
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // No folder yet (nothing written) is the same answer as no such file.
                return Results.Problem(title: "No such mail file.", detail: $"{file} is not in the mail folder.", statusCode: StatusCodes.Status404NotFound);
            }
        });
    }
}
