using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using CityCoop.Workflows;

namespace CityCoop.Domain.Json;

/// <summary>
/// Refuses <c>null</c> inside a list whose elements are declared non-nullable (<c>IReadOnlyList&lt;string&gt;</c>,
/// <c>IReadOnlyList&lt;BudgetLineRequest&gt;</c>): <c>"wishedItems": ["a", null]</c> is <c>input-required</c> on
/// <c>wishedItems[1]</c> (index 0-based, as JSON paths count). System.Text.Json's nullable annotations stop at a member
/// and do not reach a list's elements, so without this each contract dropped the null or failed on it on its own.
/// A list declared with nullable elements (<c>IReadOnlyList&lt;string?&gt;</c>) keeps them; value-type elements are
/// refused by the serializer already (<c>wrong-type</c>).
/// </summary>
internal static class NullElementRule
{
    /// <summary>A <see cref="DefaultJsonTypeInfoResolver.Modifiers"/> entry: adds the check to types that have such lists.</summary>
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var lists = typeInfo.Properties.Where(HoldsNonNullableElements).Select(p => (p.Name, Get: p.Get!)).ToList();
        if (lists.Count == 0)
        {
            return;
        }

        var before = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            before?.Invoke(value);
            foreach (var (name, get) in lists)
            {
                if (get(value) is IEnumerable elements && IndexOfNull(elements) is { } index)
                {
                    var element = $"{name}[{index}]";
                    throw new JsonRefusalException(element, _ => DomainText.Of("input-required", $"{element} is required: the list holds null there.", ("field", element)));
                }
            }
        };
    }

    private static int? IndexOfNull(IEnumerable elements)
    {
        var i = 0;
        foreach (var element in elements)
        {
            if (element is null)
            {
                return i;
            }

            i++;
        }

        return null;
    }

    private static bool HoldsNonNullableElements(JsonPropertyInfo property)
    {
        if (property.Get is null || property.PropertyType == typeof(string) || ElementType(property.PropertyType) is not { IsValueType: false })
        {
            return false;
        }

        // The annotation is on the member; a member we cannot read it from keeps its nulls rather than refuse valid input.
        var nullability = property.AttributeProvider switch
        {
            PropertyInfo p => new NullabilityInfoContext().Create(p),
            FieldInfo f => new NullabilityInfoContext().Create(f),
            _ => null,
        };
        var element = nullability is null ? null : nullability.ElementType ?? nullability.GenericTypeArguments.FirstOrDefault();
        return element is { ReadState: NullabilityState.NotNull };
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
