using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Inspection;

/// <summary>Files, insertions and deletions of a unified diff, like <c>git diff --stat</c>.</summary>
public static class DiffStat
{
    public static JsonObject Of(IEnumerable<string> patchLines)
    {
        ArgumentNullException.ThrowIfNull(patchLines);
        var files = new List<(string Path, int Added, int Removed)>();
        // Between "diff --git" and the first hunk, "---"/"+++" are file names, not changed lines.
        var inHeader = false;
        foreach (var line in patchLines)
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                var separator = line.LastIndexOf(" b/", StringComparison.Ordinal);
                files.Add((separator > 0 ? line[(separator + 3)..] : line[11..], 0, 0));
                inHeader = true;
            }
            else if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                inHeader = false;
            }
            else if (inHeader || files.Count == 0)
            {
                continue;
            }
            else if (line.StartsWith('+'))
            {
                files[^1] = files[^1] with { Added = files[^1].Added + 1 };
            }
            else if (line.StartsWith('-'))
            {
                files[^1] = files[^1] with { Removed = files[^1].Removed + 1 };
            }
        }

        return new JsonObject
        {
            ["files"] = files.Count,
            ["insertions"] = files.Sum(f => f.Added),
            ["deletions"] = files.Sum(f => f.Removed),
            ["per_file"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["insertions"] = f.Added, ["deletions"] = f.Removed })]),
        };
    }
}
