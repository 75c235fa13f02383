using System.Text.Json.Nodes;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Vm;

/// <summary>Values in the trace: JSON's own types where they fit, bytes as <c>{"$bytes": base64}</c>.</summary>
public static class ValueJson
{
    /// <summary>With a redactor, a list of strings is treated as a command line, so a secret given as its own argument is masked.</summary>
    public static JsonNode? ToJson(Value value, IRedactor? redactor = null) => value.Kind switch
    {
        ValueKind.Unit => null,
        ValueKind.Bool => JsonValue.Create(value.AsBool),
        ValueKind.Int => JsonValue.Create(value.AsInt),
        ValueKind.String => JsonValue.Create(value.AsString),
        ValueKind.Bytes => new JsonObject { ["$bytes"] = Convert.ToBase64String(value.AsBytes.AsSpan()) },
        _ when redactor is not null && !value.AsList.IsEmpty && value.AsList.All(v => v.Kind == ValueKind.String) =>
            new JsonArray([.. redactor.RedactArgv([.. value.AsList.Select(v => v.AsString)]).Select(s => (JsonNode)JsonValue.Create(s))]),
        _ => new JsonArray([.. value.AsList.Select(v => ToJson(v, redactor))]),
    };

    /// <summary>The value a recorded result stands for (as recorded: redacted strings stay redacted).</summary>
    public static Value FromJson(JsonNode? node) => node switch
    {
        null => Value.Unit,
        JsonArray list => Value.Of([.. list.Select(FromJson)]),
        JsonObject bytes when bytes["$bytes"] is JsonValue b => Value.Of(Convert.FromBase64String(b.GetValue<string>())),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => Value.Of(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => Value.Of(v.GetValue<bool>()),
        JsonValue v => Value.Of(v.GetValue<long>()),
        _ => throw new FormatException($"not a recorded value: {node.ToJsonString()}"),
    };
}
