using System.Globalization;
using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Comparison;

/// <summary>
/// <c>compare BASELINE CANDIDATE</c>: outcome change; checks added, removed or changed (each by its latest attempt);
/// tests newly failing, newly passing, added, removed, and their biggest duration changes;
/// duration drift per check, flagged past a threshold; unified diffs of captured output and of diff.patch; changed
/// environment facts. Works across commits and machines: only what the bundles say is compared.
/// </summary>
public static class RunComparison
{
    private static readonly string[] Streams = ["stdout", "stderr"];

    public static JsonObject Compare(string baseline, string candidate, double driftPercent = 20, long driftMinimumMs = 100)
    {
        var before = Read(baseline);
        var after = Read(candidate);
        var outcomeBefore = (string?)before.Manifest[BundleFields.Outcome];
        var outcomeAfter = (string?)after.Manifest[BundleFields.Outcome];
        var checks = new JsonArray();
        var outputs = new JsonArray();
        var regressions = new List<string>();
        foreach (var name in before.Checks.Keys.Union(after.Checks.Keys).Order(StringComparer.Ordinal))
        {
            var was = before.Checks.GetValueOrDefault(name);
            var now = after.Checks.GetValueOrDefault(name);
            var statusBefore = (string?)was?[BundleFields.Status];
            var statusAfter = (string?)now?[BundleFields.Status];
            var change = was is null ? "added" : now is null ? "removed" : statusBefore == statusAfter ? "same" : "status";
            if (statusBefore == "passed" && statusAfter is not null && statusAfter != "passed")
            {
                regressions.Add($"check {name} went from passed to {statusAfter}");
            }

            var entry = new JsonObject { ["name"] = name, ["change"] = change, ["from"] = statusBefore, ["to"] = statusAfter };
            if (was is not null && now is not null)
            {
                Drift(entry, (long?)was[BundleFields.DurationMs] ?? 0, (long?)now[BundleFields.DurationMs] ?? 0, driftPercent, driftMinimumMs);
                foreach (var stream in Streams)
                {
                    var diff = UnifiedDiff.Of(Text(baseline, was, stream), Text(candidate, now, stream), $"{before.Id}/{was[stream]?["path"]}", $"{after.Id}/{now[stream]?["path"]}");
                    if (diff is not null)
                    {
                        outputs.Add((JsonNode)new JsonObject { ["check"] = name, ["stream"] = stream, ["diff"] = diff });
                    }
                }
            }

            checks.Add((JsonNode)entry);
        }

        var tests = TestComparison.Compare(RunTests.Read(baseline), RunTests.Read(candidate));
        foreach (var test in tests?["newly_failing"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            regressions.Add($"test {test["name"]} ({test["check"]}) went from passing to {test[BundleFields.Status]}");
        }

        if ((int?)tests?["counts"]?["newly_failing"] is > TestComparison.MaxListed and var count)
        {
            regressions.Add($"… {count - TestComparison.MaxListed} more tests went from passing to failing");
        }

        if (Rank(outcomeAfter) > Rank(outcomeBefore))
        {
            regressions.Insert(0, $"the outcome got worse: {outcomeBefore} → {outcomeAfter}");
        }

        return new JsonObject
        {
            ["baseline"] = Summary(before),
            ["candidate"] = Summary(after),
            [BundleFields.Outcome] = new JsonObject
            {
                ["from"] = outcomeBefore,
                ["to"] = outcomeAfter,
                ["change"] = Rank(outcomeAfter) == Rank(outcomeBefore) ? (outcomeBefore == outcomeAfter ? "same" : "changed") : Rank(outcomeAfter) > Rank(outcomeBefore) ? "worse" : "better",
            },
            ["checks"] = checks,
            ["tests"] = tests,
            ["outputs"] = outputs,
            ["diff_patch"] = UnifiedDiff.Of(Patch(baseline), Patch(candidate), $"{before.Id}/diff.patch", $"{after.Id}/diff.patch"),
            ["environment"] = Environment(before.Environment, after.Environment),
            ["regression"] = regressions.Count > 0,
            ["regressions"] = new JsonArray([.. regressions.Select(r => (JsonNode)JsonValue.Create(r))]),
        };
    }

    /// <summary>verified is best; cancelled means nothing was decided; the others did not verify.</summary>
    private static int Rank(string? outcome) => outcome switch
    {
        "verified" => 0,
        "cancelled" => 1,
        _ => 2,
    };

    private static void Drift(JsonObject entry, long before, long after, double percent, long minimumMs)
    {
        var delta = after - before;
        var relative = before == 0 ? (after == 0 ? 0 : 100.0) : delta * 100.0 / before;
        entry[BundleFields.DurationMs] = new JsonObject
        {
            ["from"] = before,
            ["to"] = after,
            ["delta"] = delta,
            ["percent"] = Math.Round(relative, 1),
            ["flagged"] = Math.Abs(delta) >= minimumMs && Math.Abs(relative) >= percent,
        };
    }

    private static JsonArray Environment(JsonObject? before, JsonObject? after)
    {
        var changes = new JsonArray();
        foreach (var (fact, path) in new[] { ("os", "os.description"), ("architecture", "os.architecture"), ("runtime", "runtime.version"), ("rid", "runtime.rid"), ("tool", "tool.version"), ("processors", "host.processor_count") })
        {
            var parts = path.Split('.');
            var was = before?[parts[0]]?[parts[1]]?.ToJsonString();
            var now = after?[parts[0]]?[parts[1]]?.ToJsonString();
            if (was != now)
            {
                changes.Add((JsonNode)new JsonObject { ["fact"] = fact, ["from"] = before?[parts[0]]?[parts[1]]?.DeepClone(), ["to"] = after?[parts[0]]?[parts[1]]?.DeepClone() });
            }
        }

        return changes;
    }

    private static JsonObject Summary(Run run) => new()
    {
        [BundleFields.RunId] = run.Id,
        [BundleFields.Outcome] = run.Manifest[BundleFields.Outcome]?.DeepClone(),
        ["commit"] = run.Manifest["repo"]?["commit"]?.DeepClone(),
        [BundleFields.StartedAt] = run.Manifest[BundleFields.StartedAt]?.DeepClone(),
    };

    private static string Text(string bundle, JsonObject check, string stream) =>
        (string?)check[stream]?["path"] is { } relative && File.Exists(Path.Combine(bundle, relative)) ? File.ReadAllText(Path.Combine(bundle, relative)) : string.Empty;

    private static string Patch(string bundle) =>
        File.Exists(Path.Combine(bundle, BundleLayout.Diff)) ? File.ReadAllText(Path.Combine(bundle, BundleLayout.Diff)) : string.Empty;

    private static Run Read(string bundle)
    {
        var manifest = JsonNode.Parse(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest)))!.AsObject();
        var checks = LatestChecks.Of(bundle);
        var environment = File.Exists(Path.Combine(bundle, BundleLayout.Environment))
            ? JsonNode.Parse(File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Environment))) as JsonObject
            : null;
        return new Run((string?)manifest[BundleFields.RunId] ?? Path.GetFileName(bundle), manifest, checks, environment);
    }

    private sealed record Run(string Id, JsonObject Manifest, Dictionary<string, JsonObject> Checks, JsonObject? Environment);

    public static string Percent(double value) => value.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + "%";
}
