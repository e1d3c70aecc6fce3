namespace CityCoop.Server.Hosting;

/// <summary>A configuration value that cannot be used; the command line prints its message as one line and exits with 1.</summary>
public sealed class InvalidSettingException : Exception
{
    /// <summary>Creates the exception (for serializers).</summary>
    public InvalidSettingException()
    {
    }

    /// <summary>Creates the exception with the message shown to the operator: which setting, what it must be.</summary>
    public InvalidSettingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, wrapping another.</summary>
    public InvalidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
