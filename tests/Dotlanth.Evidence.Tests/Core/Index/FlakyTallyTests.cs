using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Index;

/// <summary>The per-test, per-tree tallies kept as runs come and go answer exactly what a recount of the results would.</summary>
public sealed class FlakyTallyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tallies_kept_through_adds_removals_and_replacements_match_a_recount()
    {
        using var store = new TempFolder();
        using var index = RunIndex.Open(store.Path, _ => { });
        var random = new Random(20);
        var runs = new List<IndexedRun>();
        for (var i = 0; i < 60; i++)
        {
            // Six trees (one unknown: counted only within its own runs), eight tests, a few retries and second attempts.
            var tree = i % 6 == 5 ? null : $"commit{i % 6}";
            var tests = new List<IndexedTest>();
            for (var t = 0; t < 8; t++)
            {
                var status = t < 3 && random.Next(4) == 0 ? "failed" : random.Next(20) == 0 ? "skipped" : "passed";
                tests.Add(new IndexedTest("unit", "C", $"t{t}", null, null, 1, status, 5, status == "passed" && t == 7 && random.Next(10) == 0 ? 1 : 0));
                if (status == "failed" && random.Next(3) == 0)
                {
                    tests.Add(new IndexedTest("unit", "C", $"t{t}", null, null, 2, "passed", 5, 0));
                }
            }

            runs.Add(Run(store, i, tree, tests));
        }

        index.AddAll(runs);
        AssertMatchesRecount(index, runs);

        // gc-style removals, and a run indexed again (a reindex of one bundle) with other results.
        foreach (var gone in runs.Where((_, i) => i % 4 == 1).ToList())
        {
            index.Remove(gone.Id);
            runs.Remove(gone);
        }

        var replaced = runs[0] with { Tests = [new IndexedTest("unit", "C", "t0", null, null, 1, "failed", 5, 0)] };
        index.Add(replaced);
        runs[0] = replaced;
        AssertMatchesRecount(index, runs);
    }

    private static void AssertMatchesRecount(RunIndex index, List<IndexedRun> runs)
    {
        var expected = runs
            .SelectMany(r => r.Tests.Select(t => (Tree: r.TreeState ?? "run:" + r.Id, Run: r, Test: t)))
            .GroupBy(x => (x.Test.Name, x.Tree))
            .Select(g => (g.Key.Name, g.Key.Tree, Passed: g.Count(x => x.Test.Status == "passed"), Failed: g.Count(x => x.Test.Status == "failed"), Retried: g.Count(x => x.Test.Status == "passed" && x.Test.Retries > 0),
                LastFailed: g.Where(x => x.Test.Status == "failed" || x.Test.Retries > 0).Select(x => x.Run).MaxBy(r => r.StartedAt)))
            .Where(s => (s.Passed > 0 && s.Failed > 0) || s.Retried > 0)
            .GroupBy(s => s.Name)
            .Select(g => (Name: g.Key, Trees: (long)g.Count(), Failures: (long)g.Sum(s => s.Failed), Passes: (long)g.Sum(s => s.Passed), Last: g.Select(s => s.LastFailed!).MaxBy(r => r.StartedAt)!.Id))
            .OrderBy(x => x.Name, StringComparer.Ordinal)
            .ToList();

        var actual = index.Flaky(null, 100).Select(f => (f.Name, f.Trees, f.Failures, f.Passes, f.LastRun!)).OrderBy(x => x.Name, StringComparer.Ordinal).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(e => (e.Name, e.Trees, e.Failures, e.Passes, e.Last)), actual);
    }

    private static IndexedRun Run(TempFolder store, int i, string? tree, List<IndexedTest> tests)
    {
        var id = $"2026-11-30T08-{i / 60:00}-{i % 60:00}Z_{i:x6}";
        var at = Start.AddSeconds(i);
        return new IndexedRun(id, at, at.AddSeconds(1), 1000, "failed", 1, tree, "main", tree is null ? null : false, null, null, null, null, new string('0', 64), System.IO.Path.Combine(store.Path, "runs", id), 1)
        {
            TreeState = tree,
            Tests = tests,
        };
    }
}
