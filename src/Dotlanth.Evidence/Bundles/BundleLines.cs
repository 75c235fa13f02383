using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>The records of a JSONL file of a bundle (checks.jsonl, trace.jsonl), for every reader of a finished or recovered run.</summary>
public static class BundleLines
{
    /// <summary>Each line that is a JSON object; a torn last line (a process that died mid-write) is not a record. No file: none.</summary>
    public static List<JsonObject> Read(string bundlePath, string relative) => [.. Records(bundlePath, relative)];

    /// <summary>One JSON document of a bundle (bundle.json, input_snapshot.json...), or null when the bundle has no such file.</summary>
    public static JsonObject? Document(string bundlePath, string relative)
    {
        var path = Path.Combine(bundlePath, relative);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject : null;
    }

    /// <summary>As <see cref="Read"/>, one record at a time, for a reader that needs only the first or last.</summary>
    public static IEnumerable<JsonObject> Records(string bundlePath, string relative)
    {
        var path = Path.Combine(bundlePath, relative);
        return File.Exists(path) ? File.ReadLines(path).Select(Parse).OfType<JsonObject>() : [];
    }

    /// <summary>The record a line holds, or null for a line that is none (empty, torn, or not an object).</summary>
    public static JsonObject? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            return line.Length == 0 ? null : JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
