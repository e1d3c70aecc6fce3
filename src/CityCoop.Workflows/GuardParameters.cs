using System.Text.Json;

namespace CityCoop.Workflows;

/// <summary>
/// The parameters a definition gives a guard (every member of its declaration but <c>name</c>), read by the guard's
/// factory when the loader checks the definition and when the engine runs the action.
/// </summary>
public sealed class GuardParameters
{
    private readonly Dictionary<string, JsonElement> _values;

    /// <summary>Creates parameters from JSON values by name; the values are cloned.</summary>
    public GuardParameters(IEnumerable<KeyValuePair<string, JsonElement>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>No parameters: a guard declared by name alone.</summary>
    public static GuardParameters None { get; } = new([]);

    /// <summary>Names of the parameters given, in declaration order.</summary>
    public IReadOnlyCollection<string> Names => _values.Keys;

    /// <summary>True when no parameter is given.</summary>
    public bool IsEmpty => _values.Count == 0;

    /// <summary>The parameter's strings, or null when it is not given.</summary>
    /// <exception cref="FormatException">The parameter is not an array of non-empty strings; the loader reports the message.</exception>
    public IReadOnlyList<string>? GetStrings(string name)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0)
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : throw new FormatException($"\"{name}\" must be an array of non-empty strings.");
    }
}
