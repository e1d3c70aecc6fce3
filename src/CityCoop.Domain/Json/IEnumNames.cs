namespace CityCoop.Domain.Json;

/// <summary>A converter that reads and writes an enum by names only; tells which (for API documentation).</summary>
public interface IEnumNames
{
    /// <summary>The names, in declaration order.</summary>
    IReadOnlyList<string> Names { get; }
}
