using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;

namespace Dotlanth.Evidence.Comparison;

/// <summary>
/// The tests part of <c>compare</c>, by each test's final result in each run: newly failing (the regressions), newly
/// passing, added, removed, and the biggest duration changes among tests both runs timed. Null when neither run has
/// test cases.
/// </summary>
public static class TestComparison
{
    public const int MaxListed = 100;
    public const int DurationChangesListed = 10;

    public static JsonObject? Compare(RunTests before, RunTests after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.IsEmpty && after.IsEmpty)
        {
            return null;
        }

        var was = before.Final.GroupBy(RunTests.Key).ToDictionary(g => g.Key, g => g.First());
        var now = after.Final.GroupBy(RunTests.Key).ToDictionary(g => g.Key, g => g.First());
        var newlyFailing = now.Values.Where(t => t.IsFailing && was.TryGetValue(RunTests.Key(t), out var old) && !old.IsFailing).ToList();
        var newlyPassing = now.Values.Where(t => t.Status == "passed" && was.TryGetValue(RunTests.Key(t), out var old) && old.IsFailing).ToList();
        var added = now.Values.Where(t => !was.ContainsKey(RunTests.Key(t))).ToList();
        var removed = was.Values.Where(t => !now.ContainsKey(RunTests.Key(t))).ToList();
        var durations = now.Values
            .Where(t => t.DurationMs is not null && was.TryGetValue(RunTests.Key(t), out var old) && old.DurationMs is not null)
            .Select(t => (Test: t, From: was[RunTests.Key(t)].DurationMs!.Value, To: t.DurationMs!.Value))
            .Where(d => d.From != d.To)
            .OrderByDescending(d => Math.Abs(d.To - d.From))
            .Take(DurationChangesListed)
            .ToList();
        return new JsonObject
        {
            ["newly_failing"] = List(newlyFailing, full: true),
            ["newly_passing"] = List(newlyPassing),
            ["added"] = List(added),
            ["added_failing"] = added.Count(t => t.IsFailing),
            ["removed"] = List(removed),
            ["counts"] = new JsonObject
            {
                ["newly_failing"] = newlyFailing.Count,
                ["newly_passing"] = newlyPassing.Count,
                ["added"] = added.Count,
                ["removed"] = removed.Count,
            },
            ["duration_changes"] = new JsonArray([.. durations.Select(d => (JsonNode)new JsonObject
            {
                ["check"] = d.Test.Check,
                ["name"] = d.Test.FullName,
                ["from"] = d.From,
                ["to"] = d.To,
                ["delta"] = d.To - d.From,
            })]),
        };
    }

    private static JsonArray List(List<TestRecord> tests, bool full = false) =>
        new([.. tests.Take(MaxListed).Select(t => (JsonNode)new JsonObject
        {
            ["check"] = t.Check,
            ["name"] = t.FullName,
            [BundleFields.Status] = t.Status,
            ["file"] = t.File,
            ["line"] = t.Line,
            ["message"] = full ? t.Message : null,
        })]);
}
