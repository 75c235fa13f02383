using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Tests.Support;

namespace Dotlanth.Evidence.Tests.Core.Index;

public sealed class BaselinesTests
{
    private static readonly DateTimeOffset Second = new(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_run_started_earlier_in_the_same_second_is_the_baseline_even_with_a_larger_id()
    {
        using var store = new TempFolder();
        using var index = RunIndex.Open(store.Path, _ => { });
        // Ids of one second differ only by a random suffix: here the earlier run drew the larger one.
        var older = Row(store, "2026-11-30T14-00-00Z_aaaaaa", Second.AddMilliseconds(100), "unit");
        var earlier = Row(store, "2026-11-30T14-00-00Z_ffffff", Second.AddMilliseconds(400), "unit");
        var candidate = Row(store, "2026-11-30T14-00-00Z_111111", Second.AddMilliseconds(800), "unit");
        var later = Row(store, "2026-11-30T14-00-00Z_000000", Second.AddMilliseconds(900), "unit");
        index.AddAll([older, earlier, candidate, later]);

        Assert.Equal(earlier.Path, Baselines.For(index, candidate));
        Assert.Equal(older.Path, Baselines.For(index, earlier));
        Assert.Equal(candidate.Path, Baselines.For(index, later));
    }

    [Fact]
    public void The_first_run_of_its_checks_has_no_baseline_whatever_the_ids_say()
    {
        using var store = new TempFolder();
        using var index = RunIndex.Open(store.Path, _ => { });
        var first = Row(store, "2026-11-30T14-00-00Z_ffffff", Second.AddMilliseconds(100), "unit");
        var other = Row(store, "2026-11-30T14-00-00Z_000000", Second.AddMilliseconds(50), "lint");
        var second = Row(store, "2026-11-30T14-00-00Z_000001", Second.AddMilliseconds(500), "unit");
        index.AddAll([first, other, second]);

        var error = Assert.Throws<Diagnostics.EvidenceException>(() => Baselines.For(index, first));
        Assert.Contains("no run before 2026-11-30T14-00-00Z_ffffff ran the same checks (unit)", error.Message, StringComparison.Ordinal);
        Assert.Equal(first.Path, Baselines.For(index, second));
    }

    private static IndexedRun Row(TempFolder store, string id, DateTimeOffset startedAt, string check) =>
        new(id, startedAt, startedAt.AddMilliseconds(10), 10, "passed", 0, null, null, null, null, null, null, null, new string('0', 64), System.IO.Path.Combine(store.Path, "runs", id), 1)
        {
            Checks = [new IndexedCheck(check, 1, "passed", 0, 10)],
        };
}
