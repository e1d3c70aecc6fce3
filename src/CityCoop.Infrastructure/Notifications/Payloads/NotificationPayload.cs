using System.Text.Json.Serialization;

namespace CityCoop.Infrastructure.Notifications.Payloads;

/// <summary>
/// What an outbox row tells its mail template, stored as the row's <see cref="OutboxMessage.PayloadJson"/> (camel-case
/// members; the dispatcher reads them into the <c>MailModel</c>). The subject's title keeps the member name
/// <c>proposalTitle</c> that rows written before typed payloads have.
/// </summary>
/// <param name="SubjectTitle">The title of the workflow's subject, e.g. the proposal's; null for a notice about no one subject (a digest).</param>
public abstract record NotificationPayload([property: JsonPropertyName("proposalTitle")] string? SubjectTitle);
