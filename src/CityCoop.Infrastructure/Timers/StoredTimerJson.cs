using System.Text.Json;
using System.Text.Json.Serialization;
using CityCoop.Workflows;

namespace CityCoop.Infrastructure.Timers;

/// <summary>
/// How a timer row's <see cref="WorkflowTimer.DeclarationJson"/> is read and written. Rows written before roles and scopes
/// were names a module declares hold them as numbers (their place in the enums of then); those numbers keep meaning the
/// role and scope they meant, so every stored timer still fires for the people it was written for.
/// </summary>
public static class StoredTimerJson
{
    // The order of the WorkflowRole and WorkflowScope enums the numbers were written with.
    private static readonly string[] LegacyRoles = ["city", "platform", "ministry", "admin"];
    private static readonly string[] LegacyScopes = ["proposal-city", "partner-city", "platform-any", "platform-jp", "platform-cn", "ministry-jp", "ministry-cn", "any-organization"];

    /// <summary>Web defaults plus the readers of stored role and scope numbers; roles and scopes are written as names.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new NameOrNumber<WorkflowRole>(LegacyRoles, n => new WorkflowRole(n), r => r.Name), new NameOrNumber<WorkflowScope>(LegacyScopes, n => new WorkflowScope(n), s => s.Name) },
    };

    private sealed class NameOrNumber<T>(string[] legacy, Func<string, T> create, Func<T, string> name) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => create(reader.GetString()!),
            JsonTokenType.Number when reader.TryGetInt32(out var i) && i >= 0 && i < legacy.Length => create(legacy[i]),
            _ => throw new JsonException($"A stored {typeof(T).Name} is a name or one of the numbers 0–{legacy.Length - 1}."),
        };

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(name(value));
    }
}
