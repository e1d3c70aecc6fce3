namespace CityCoop.Workflows;

/// <summary>A domain rule refused a change; the message names the rule in words a user can act on.</summary>
public sealed class DomainRuleException : Exception
{
    private readonly DomainText? coded;

    /// <summary>Creates the exception with a user-facing message.</summary>
    public DomainRuleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the field it concerns.</summary>
    public DomainRuleException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Creates the exception with a coded text, so readers get it in their language, and the field it concerns.</summary>
    public DomainRuleException(string field, DomainText text)
        : base(text?.English)
    {
        ArgumentNullException.ThrowIfNull(text);
        Field = field;
        coded = text;
    }

    /// <summary>Creates the exception (for serializers).</summary>
    public DomainRuleException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public DomainRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The input field the refusal concerns, if one.</summary>
    public string? Field { get; }

    /// <summary>The refusal as code and arguments; plain English text when it was raised without a code.</summary>
    public DomainText Text => coded ?? DomainText.Plain(Message);
}
