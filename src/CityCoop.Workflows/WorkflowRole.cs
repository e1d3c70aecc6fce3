using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCoop.Workflows;

/// <summary>
/// A role a person may hold, by the name definitions use (e.g. <c>city</c>, <c>platform</c>); the engine knows no role of
/// its own: a workflow module declares its names (<see cref="WorkflowHooks.AddRole"/>) and the loader refuses others.
/// </summary>
/// <param name="Name">Kebab-case name as written in definitions.</param>
[JsonConverter(typeof(WorkflowRoleJsonConverter))]
public readonly record struct WorkflowRole(string Name)
{
    /// <summary>The name, as definitions write it.</summary>
    public override string ToString() => Name ?? string.Empty;
}

/// <summary>Writes a role as its name and reads it back from a string.</summary>
public sealed class WorkflowRoleJsonConverter : JsonConverter<WorkflowRole>
{
    /// <inheritdoc />
    public override WorkflowRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new WorkflowRole(reader.GetString()!)
            : throw new JsonException("A workflow role is written as its name.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WorkflowRole value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name);
    }
}
