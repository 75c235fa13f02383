using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Vm;

/// <summary>Values in the trace: JSON's own types where they fit, bytes as <c>{"$bytes": base64}</c>.</summary>
public static class ValueJson
{
    public static JsonNode? ToJson(Value value) => value.Kind switch
    {
        ValueKind.Unit => null,
        ValueKind.Bool => JsonValue.Create(value.AsBool),
        ValueKind.Int => JsonValue.Create(value.AsInt),
        ValueKind.String => JsonValue.Create(value.AsString),
        ValueKind.Bytes => new JsonObject { ["$bytes"] = Convert.ToBase64String(value.AsBytes.AsSpan()) },
        _ => new JsonArray([.. value.AsList.Select(ToJson)]),
    };
}
