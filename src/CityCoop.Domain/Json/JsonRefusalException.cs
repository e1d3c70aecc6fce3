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
