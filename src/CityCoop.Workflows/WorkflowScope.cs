using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCoop.Workflows;

/// <summary>
/// The organisation a task, approval group or recipient is for, relative to the subject, by the name definitions use (e.g.
/// <c>proposal-city</c>); a workflow module declares each name with the organisations it resolves to (<see cref="WorkflowHooks.AddScope"/>).
/// </summary>
/// <param name="Name">Kebab-case name as written in definitions.</param>
[JsonConverter(typeof(WorkflowScopeJsonConverter))]
public readonly record struct WorkflowScope(string Name)
{
    /// <summary>The name, as definitions write it.</summary>
    public override string ToString() => Name ?? string.Empty;
}

/// <summary>Writes a scope as its name and reads it back from a string.</summary>
public sealed class WorkflowScopeJsonConverter : JsonConverter<WorkflowScope>
{
    /// <inheritdoc />
    public override WorkflowScope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new WorkflowScope(reader.GetString()!)
            : throw new JsonException("A workflow scope is written as its name.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WorkflowScope value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name);
    }
}
