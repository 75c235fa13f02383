using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>The records of a JSONL file of a bundle (checks.jsonl, trace.jsonl), for every reader of a finished or recovered run.</summary>
public static class BundleLines
{
    /// <summary>Each line that is a JSON object; a torn last line (a process that died mid-write) is not a record. No file: none.</summary>
    public static List<JsonObject> Read(string bundlePath, string relative)
    {
        var path = Path.Combine(bundlePath, relative);
        var result = new List<JsonObject>();
        if (!File.Exists(path))
        {
            return result;
        }

        foreach (var line in File.ReadLines(path))
        {
            try
            {
                if (JsonNode.Parse(line) is JsonObject record)
                {
                    result.Add(record);
                }
            }
            catch (JsonException)
            {
                // A torn last line of a recovered bundle.
            }
        }

        return result;
    }
}
