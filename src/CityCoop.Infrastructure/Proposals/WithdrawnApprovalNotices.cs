using CityCoop.Domain;
using CityCoop.Domain.Cities;
using CityCoop.Domain.Proposals;
using CityCoop.Infrastructure.Identity;
using CityCoop.Infrastructure.Mail;
using CityCoop.Infrastructure.Notifications;
using CityCoop.Infrastructure.Persistence;
using CityCoop.Infrastructure.Workflows;
using CityCoop.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CityCoop.Infrastructure.Proposals;

/// <summary>
/// Tells each person whose approval a step withdrew (<see cref="WorkflowSuccess.WithdrawnApprovals"/>) what changed, in
/// their language, through the outbox of the same transaction (<see cref="MailKinds.ApprovalWithdrawn"/>). Not part of a
/// digest: a withdrawn approval is news the approver must act on.
/// </summary>
internal static class WithdrawnApprovalNotices
{
    /// <summary>Adds one outbox row per active approver withdrawn by the step; nothing when it withdrew none.</summary>
    public static async Task AddAsync(
        CityCoopDbContext db,
        CooperationProposal proposal,
        WorkflowDefinition definition,
        WorkflowSuccess step,
        IReadOnlyDictionary<string, City> cities,
        DateTimeOffset now,
        CancellationToken ct)
    {
        if (step.WithdrawnApprovals.Count == 0)
        {
            return;
        }

        var ids = step.WithdrawnApprovals.Select(a => a.UserId).Distinct().ToList();
        var users = await db.Users.Where(u => ids.Contains(u.Id) && u.IsActive).ToListAsync(ct);
        var state = definition.GetState(step.Entry.FromState);
        var outbox = new OutboxWriter(db);
        foreach (var approval in step.WithdrawnApprovals)
        {
            var task = state.Actions.First(x => x.Action.Name == approval.Action).Task;
            Notifications.Payloads.NotificationPayload Payload(CityCoopUser user) => new Notifications.Payloads.ApprovalWithdrawnPayload(
                proposal.Title,
                task.Name,
                approval.Action,
                step.Entry.ActorDisplayName,
                [.. step.Entry.Notes.Select(n => Change(n, CityLanguage(user), cities)).OfType<MailChange>()]);

            await outbox.AddAsync(new NoticeSubject(ProposalModule.Type, proposal.Id), null, MailKinds.ApprovalWithdrawn, now, users.Where(u => u.Id == approval.UserId), Payload, now, ct);
        }
    }

    // The notes the effects wrote about what changed, with cities named in the reader's language (the payload is theirs).
    private static MailChange? Change(DomainText note, string language, IReadOnlyDictionary<string, City> cities) => note.Code switch
    {
        "partner-changed" => new MailChange(MailChange.Partner, Cities(note.Argument("fromCities"), language, cities), Cities(note.Argument("toCities"), language, cities)),
        "matches-changed" => new MailChange(MailChange.Matches, note.Argument("removed"), note.Argument("added")),
        "cooperation-kind-changed" => new MailChange(MailChange.CooperationKind, note.Argument("fromKind"), note.Argument("toKind")),
        _ => null,
    };

    private static string Cities(string? codes, string language, IReadOnlyDictionary<string, City> cities) =>
        string.Join(MailTemplates.Texts.Find("list", language) ?? ", ", (codes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => cities.TryGetValue(c, out var city) ? city.Name(language) : c));

    private static string CityLanguage(CityCoopUser user) => MailTemplates.ResolveLanguage(user.PreferredLanguage)[..2];
}
