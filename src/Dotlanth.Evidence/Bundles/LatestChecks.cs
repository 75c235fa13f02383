using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>The latest attempt of each check of a bundle, by name: what a gate and a comparison judge a check by.</summary>
public static class LatestChecks
{
    public static Dictionary<string, JsonObject> Of(string bundlePath) =>
        CheckRecord.Read(bundlePath)
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.Attempt)!.Json, StringComparer.Ordinal);
}
