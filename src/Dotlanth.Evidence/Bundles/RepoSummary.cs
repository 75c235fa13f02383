using System.Text.Json.Nodes;
using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// The repository as inspect, report and the GitHub summary show it: each fact as recorded, and "unknown" (with the
/// bundle's reason) where the bundle says it could not be measured, never a default that reads like a fact.
/// </summary>
public sealed record RepoSummary(string Branch, string Commit, string Tree)
{
    /// <summary>From a manifest or an inspection (both carry <c>repo</c> and <c>missing</c>).</summary>
    public static RepoSummary Of(JsonObject run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var missing = (run[BundleFields.Missing] as JsonArray ?? []).OfType<JsonObject>()
            .GroupBy(m => (string?)m["path"] ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.First());
        if (run["repo"] is not JsonObject repo)
        {
            var why = missing.TryGetValue("repo", out var part) ? $" ({part["code"]}: {part["reason"]})" : string.Empty;
            return new RepoSummary("unknown", "unknown", "repository unknown" + why);
        }

        var branch = (string?)repo["branch"] ?? (Code(missing, "repo.branch") == Codes.DetachedHead ? "(detached)" : "(branch unknown)");
        var commit = (string?)repo["commit"] is { } sha
            ? sha[..Math.Min(7, sha.Length)]
            : Code(missing, "repo.commit") == Codes.NoCommits ? "(no commit)" : "(commit unknown)";
        var changed = (int?)repo["changed_files"] switch
        {
            null => "changed files unknown",
            0 => "only the index differs from HEAD",
            var count => $"{count} changed file(s)",
        };
        var tree = (bool?)repo["dirty"] switch
        {
            true => $"dirty: {changed}",
            false => "clean",
            null => "tree state unknown" + (missing.TryGetValue("repo.dirty", out var part) ? $" ({part["code"]}: {part["reason"]})" : string.Empty),
        };
        return new RepoSummary(branch, commit, tree);
    }

    private static string? Code(Dictionary<string, JsonObject> missing, string path) =>
        missing.TryGetValue(path, out var part) ? (string?)part["code"] : null;
}
