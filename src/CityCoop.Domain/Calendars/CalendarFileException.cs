namespace CityCoop.Domain.Calendars;

/// <summary>A calendar file was refused; <see cref="Errors"/> names each problem with its line number.</summary>
public sealed class CalendarFileException : Exception
{
    /// <summary>Creates the exception from the problems found in one file.</summary>
    public CalendarFileException(string source, IReadOnlyList<string> errors)
        : base($"{source} was not loaded: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception (for serializers).</summary>
    public CalendarFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CalendarFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, wrapping another.</summary>
    public CalendarFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Each problem, as "line N: what is wrong".</summary>
    public IReadOnlyList<string> Errors { get; } = [];
}
