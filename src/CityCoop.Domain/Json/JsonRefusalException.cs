using System.Text.Json;
using CityCoop.Workflows;

namespace CityCoop.Domain.Json;

/// <summary>
/// A JSON value one of CityCoop's converters refused, with the coded reason; System.Text.Json adds the path of the
/// member, and <see cref="JsonInput.Refusal"/> turns both into a field and a <see cref="DomainText"/>.
/// </summary>
public sealed class JsonRefusalException : JsonException
{
    private readonly Func<string, DomainText>? reason;

    /// <summary>Creates the refusal; <paramref name="reason"/> words it for the field the path names.</summary>
    public JsonRefusalException(Func<string, DomainText> reason)
        : base((reason ?? throw new ArgumentNullException(nameof(reason)))("value").English)
    {
        this.reason = reason;
    }

    /// <summary>
    /// Creates the refusal of a part of the member the path names (<paramref name="member"/>, e.g. <c>wishedItems[1]</c>, a
    /// list element the path cannot point at once the list is read): the field is the path's object joined with it.
    /// </summary>
    public JsonRefusalException(string member, Func<string, DomainText> reason)
        : this(reason)
    {
        Member = member ?? throw new ArgumentNullException(nameof(member));
    }

    /// <summary>The part of the path's object refused, or null when the path names the refused member itself.</summary>
    public string? Member { get; }

    /// <summary>Creates the exception (for serializers).</summary>
    public JsonRefusalException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JsonRefusalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, wrapping another.</summary>
    public JsonRefusalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The coded reason for a field (the member the path names); plain text when raised without one.</summary>
    public DomainText ReasonFor(string field) => reason?.Invoke(field) ?? DomainText.Plain(Message);
}
