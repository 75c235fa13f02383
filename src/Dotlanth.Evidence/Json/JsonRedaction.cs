using System.Text.Json;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Json;

/// <summary>
/// Every string in a JSON tree, names included, passes the redactor before the tree is written. A string whose
/// property name says it is a secret (<c>"DB_PASSWORD": …</c> in a check's <c>env</c>), or the <c>value</c> of a
/// <c>{"name": "API_KEY", "value": …}</c> pair, is masked whole: each string alone no longer shows its name.
/// </summary>
internal static class JsonRedaction
{
    private const string PairRule = "secret-pair";

    public static JsonNode? Redact(JsonNode? node, IRedactor redactor) => node switch
    {
        null => null,
        JsonObject obj => RedactObject(obj, redactor),
        JsonArray array => RedactArray(array, redactor),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(redactor.Redact(value.GetValue<string>())),
        _ => node.DeepClone(),
    };

    private static JsonObject RedactObject(JsonObject obj, IRedactor redactor)
    {
        var pairName = NameOfPair(obj);
        var result = new JsonObject();
        foreach (var (name, value) in obj)
        {
            var secretName = IsSecretName(name) || (pairName && name.Equals("value", StringComparison.OrdinalIgnoreCase));
            result[redactor.Redact(name)] = secretName && value is JsonValue v && v.GetValueKind() == JsonValueKind.String && IsValue(v.GetValue<string>())
                ? JsonValue.Create(redactor.MaskWhole(PairRule, v.GetValue<string>()))
                : Redact(value, redactor);
        }

        return result;
    }

    /// <summary>A pair of a secret name and a string is a name and its value: <c>["DB_PASSWORD", "…"]</c>.</summary>
    private static JsonArray RedactArray(JsonArray array, IRedactor redactor)
    {
        var result = new JsonArray();
        for (var i = 0; i < array.Count; i++)
        {
            // Only a pair: in a longer list of strings, the next one is another name, not a value.
            var previous = array.Count == 2 && i == 1 && array[0] is JsonValue p && p.GetValueKind() == JsonValueKind.String && IsSecretName(p.GetValue<string>());
            result.Add(previous && array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String && IsValue(v.GetValue<string>())
                ? JsonValue.Create(redactor.MaskWhole(PairRule, v.GetValue<string>()))
                : Redact(array[i], redactor));
        }

        return result;
    }

    /// <summary>True for <c>{"name": "API_KEY", "value": …}</c> and its <c>key</c>/<c>Name</c> spellings.</summary>
    private static bool NameOfPair(JsonObject obj)
    {
        foreach (var (name, value) in obj)
        {
            if ((name.Equals("name", StringComparison.OrdinalIgnoreCase) || name.Equals("key", StringComparison.OrdinalIgnoreCase))
                && value is JsonValue v && v.GetValueKind() == JsonValueKind.String && IsSecretName(v.GetValue<string>()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSecretName(string name)
    {
        if (name.Length > 80)
        {
            return false;
        }

        // The same few property names come back in every record of a JSONL file: classify each once.
        if (Names.TryGetValue(name, out var known))
        {
            return known;
        }

        var secret = SecretNames.Classify(name) == NameStrength.Strong;
        if (Volatile.Read(ref _remembered) < MaxRememberedNames && Names.TryAdd(name, secret))
        {
            Interlocked.Increment(ref _remembered);
        }

        return secret;
    }

    private const int MaxRememberedNames = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Names = new(StringComparer.Ordinal);
    private static int _remembered;

    private static bool IsValue(string value) => value.Length >= 4 && !Placeholders.IsPlaceholder(value);
}
