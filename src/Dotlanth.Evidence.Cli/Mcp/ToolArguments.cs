using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Cli.Mcp;

/// <summary>A tool call's arguments, read strictly: a missing required one, a wrong type or an unknown name is a clear error.</summary>
internal sealed class ToolArguments
{
    private readonly IDictionary<string, JsonElement> _values;

    public ToolArguments(string tool, IDictionary<string, JsonElement>? values, IReadOnlyCollection<string> known)
    {
        _values = values ?? new Dictionary<string, JsonElement>();
        if (_values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ToolArgumentException($"{tool} takes no argument '{unknown}'; it takes {string.Join(", ", known)}");
        }
    }

    /// <summary>The arguments as sent, for the audit record (tool_calls.json redacts them when it is written).</summary>
    public JsonObject Audit() => AuditOf(_values);

    /// <summary>Arguments of any shape as the audit keeps them: a long string by its size and digest only.</summary>
    public static JsonObject AuditOf(IDictionary<string, JsonElement>? values) => new([.. (values ?? new Dictionary<string, JsonElement>()).Select(v => KeyValuePair.Create(v.Key,
        v.Value.ValueKind == JsonValueKind.String && v.Value.GetString()!.Length > MaxAuditChars
            ? new JsonObject { ["bytes"] = System.Text.Encoding.UTF8.GetByteCount(v.Value.GetString()!), ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(v.Value.GetString()!))) }
            : JsonNode.Parse(v.Value.GetRawText())))]);

    private const int MaxAuditChars = 1024;

    public string String(string name) => OptionalString(name) ?? throw new ToolArgumentException($"'{name}' is required: a string");

    public string? OptionalString(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString()!,
        _ => throw new ToolArgumentException($"'{name}' must be a string"),
    };

    public IReadOnlyList<string> Strings(string name) => Get(name) switch
    {
        { ValueKind: JsonValueKind.Array } e when e.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) && e.GetArrayLength() > 0 =>
            [.. e.EnumerateArray().Select(i => i.GetString()!)],
        _ => throw new ToolArgumentException($"'{name}' is required: a non-empty array of strings, e.g. [\"pytest\", \"-q\"]"),
    };

    public long? OptionalInteger(string name, long min, long max) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var n) && n >= min && n <= max => n,
        _ => throw new ToolArgumentException($"'{name}' must be a whole number from {min} to {max}"),
    };

    public bool? OptionalBool(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new ToolArgumentException($"'{name}' must be true or false"),
    };

    private JsonElement? Get(string name) => _values.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
