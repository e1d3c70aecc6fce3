using System.Text.Json.Nodes;
using CityCoop.Domain.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CityCoop.Server.Hosting;

/// <summary>
/// Describes in the OpenAPI document the types <see cref="JsonInput"/>'s converters read, which the document generator
/// cannot look into: strings, integers and decimals (numbers, also accepted as strings of one), and enums by their names.
/// </summary>
public static class JsonInputSchemas
{
    /// <summary>The schema transformer; register with <c>AddOpenApi(o =&gt; o.AddSchemaTransformer(JsonInputSchemas.Describe))</c>.</summary>
    public static Task Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var info = context.JsonTypeInfo;

        // A nullable value (int?, a nullable enum) is described by its value type's converter.
        var converter = info.Options.GetConverter(Nullable.GetUnderlyingType(info.Type) ?? info.Type);
        if (converter is IEnumNames names)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. names.Names.Select(n => (JsonNode)JsonValue.Create(n))];
        }
        else if (converter is TextJsonConverter)
        {
            schema.Type = JsonSchemaType.String;
        }
        else if (converter is IntegerJsonConverter)
        {
            schema.Type = JsonSchemaType.Integer;
            schema.Format = "int32";
        }
        else if (converter is AmountJsonConverter)
        {
            schema.Type = JsonSchemaType.Number;
            schema.Format = "decimal";
        }

        return Task.CompletedTask;
    }
}
