namespace CityCoop.Infrastructure.Notifications;

/// <summary>What an outbox row is about: a workflow subject by type and id, or nothing (a digest: <see cref="None"/>).</summary>
/// <param name="SubjectType">The module's subject type, e.g. <c>proposal</c>; null for a notice about no one subject.</param>
/// <param name="SubjectId">The subject's id; <see cref="Guid.Empty"/> for a notice about no one subject.</param>
public sealed record NoticeSubject(string? SubjectType, Guid SubjectId)
{
    /// <summary>A notice about no one subject (a digest).</summary>
    public static NoticeSubject None { get; } = new(null, Guid.Empty);
}
