using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>The latest attempt of each check of a bundle, by name: what a gate and a comparison judge a check by.</summary>
public static class LatestChecks
{
    public static Dictionary<string, JsonObject> Of(string bundlePath) =>
        BundleLines.Read(bundlePath, BundleLayout.Checks)
            .GroupBy(c => (string?)c["name"] ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => (int?)c[BundleFields.Attempt] ?? 0)!, StringComparer.Ordinal);
}
