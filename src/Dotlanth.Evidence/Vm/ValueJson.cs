using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Vm;

/// <summary>
/// Values in the trace: JSON's own types where they fit, bytes as <c>{"$bytes": base64}</c>. A string or bytes value
/// over <see cref="MaxWholeBytes"/> is stored bounded, like a capture: its first <see cref="HeadBytes"/>, its size and
/// its sha256, so a program that reads or draws megabytes in a loop cannot grow the trace without limit.
/// </summary>
public static class ValueJson
{
    /// <summary>The largest string (UTF-8) or bytes value stored whole.</summary>
    public const int MaxWholeBytes = 64 * 1024;

    /// <summary>How much of a larger value is kept.</summary>
    public const int HeadBytes = 4 * 1024;

    /// <summary>
    /// With a redactor, a list of strings is treated as a command line, so a secret given as its own argument is
    /// masked, and a string too large to keep whole is redacted before it is cut, so no secret is split at the cut.
    /// </summary>
    public static JsonNode? ToJson(Value value, IRedactor? redactor = null) => value.Kind switch
    {
        ValueKind.Unit => null,
        ValueKind.Bool => JsonValue.Create(value.AsBool),
        ValueKind.Int => JsonValue.Create(value.AsInt),
        ValueKind.String => StringJson(value.AsString, redactor),
        ValueKind.Bytes => BytesJson(value.AsBytes.AsSpan()),
        _ when redactor is not null && !value.AsList.IsEmpty && value.AsList.All(v => v.Kind == ValueKind.String) =>
            new JsonArray([.. redactor.RedactArgv([.. value.AsList.Select(v => v.AsString)]).Select(s => StringJson(s, null))]),
        _ => new JsonArray([.. value.AsList.Select(v => ToJson(v, redactor))]),
    };

    /// <summary>The value a recorded result stands for (as recorded: redacted strings stay redacted).</summary>
    /// <exception cref="FormatException">The node is not a value, or it is a bounded one (<see cref="FindBounded"/>).</exception>
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

    /// <summary>The first value stored bounded in a recorded value (its <c>$bounded</c> object), or null when all is whole.</summary>
    public static JsonObject? FindBounded(JsonNode? node) => node switch
    {
        JsonObject obj when obj["$bounded"] is JsonObject bounded => bounded,
        JsonArray list => list.Select(FindBounded).FirstOrDefault(b => b is not null),
        _ => null,
    };

    private static JsonNode StringJson(string text, IRedactor? redactor)
    {
        if (Encoding.UTF8.GetByteCount(text) <= MaxWholeBytes)
        {
            return JsonValue.Create(text);
        }

        var utf8 = Encoding.UTF8.GetBytes(redactor?.Redact(text) ?? text);
        if (utf8.Length <= MaxWholeBytes)
        {
            return JsonValue.Create(Encoding.UTF8.GetString(utf8));
        }

        // Cut on a character boundary: never in the middle of a UTF-8 sequence.
        var head = HeadBytes;
        while (head > 0 && (utf8[head] & 0xC0) == 0x80)
        {
            head--;
        }

        return Bounded("string", utf8, JsonValue.Create(Encoding.UTF8.GetString(utf8, 0, head)));
    }

    private static JsonObject BytesJson(ReadOnlySpan<byte> bytes) => bytes.Length <= MaxWholeBytes
        ? new JsonObject { ["$bytes"] = Convert.ToBase64String(bytes) }
        : Bounded("bytes", bytes, JsonValue.Create(Convert.ToBase64String(bytes[..HeadBytes])));

    private static JsonObject Bounded(string type, ReadOnlySpan<byte> whole, JsonNode head) => new()
    {
        ["$bounded"] = new JsonObject
        {
            ["type"] = type,
            ["bytes"] = whole.Length,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(whole)),
            ["limit"] = MaxWholeBytes,
            ["head"] = head,
        },
    };
}
