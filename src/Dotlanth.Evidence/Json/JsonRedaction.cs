using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Json;

/// <summary>Every string in a JSON tree, names included, passes the redactor before the tree is written.</summary>
internal static class JsonRedaction
{
    public static JsonNode? Redact(JsonNode? node, IRedactor redactor) => node switch
    {
        null => null,
        JsonObject obj => RedactObject(obj, redactor),
        JsonArray array => new JsonArray([.. array.Select(item => Redact(item, redactor))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(redactor.Redact(value.GetValue<string>())),
        _ => node.DeepClone(),
    };

    private static JsonObject RedactObject(JsonObject obj, IRedactor redactor)
    {
        var result = new JsonObject();
        foreach (var (name, value) in obj)
        {
            result[redactor.Redact(name)] = Redact(value, redactor);
        }

        return result;
    }
}
