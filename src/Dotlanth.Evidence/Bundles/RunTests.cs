using System.Text.Json.Nodes;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// A run's test cases as one view: every record, the result each test ended the run with (from the last attempt of
/// its check that reported it), the failing, the flaky (passed on a runner's retry, or failed in one attempt of the
/// check and passed in a later one) and the slowest.
/// </summary>
public sealed class RunTests
{
    private RunTests(List<TestRecord> all)
    {
        All = all;
        var byTest = all.GroupBy(Key).ToList();
        Final = [.. byTest.Select(g => g.MaxBy(t => t.Attempt)!)];
        Flaky = [.. byTest.Select(g => (Last: g.MaxBy(t => t.Attempt)!, Results: g))
            .Where(g => g.Last.Flaky || (g.Last.Status == "passed" && g.Results.Any(t => t.Attempt < g.Last.Attempt && t.IsFailing)))
            .Select(g => g.Last)];
    }

    public IReadOnlyList<TestRecord> All { get; }

    /// <summary>Each test's result in the last attempt that reported it, in report order.</summary>
    public IReadOnlyList<TestRecord> Final { get; }

    public IReadOnlyList<TestRecord> Flaky { get; }

    public IEnumerable<TestRecord> Failing => Final.Where(t => t.IsFailing);

    public bool IsEmpty => All.Count == 0;

    public int Count(string status) => Final.Count(t => t.Status == status);

    /// <summary>The totals over each test's final result, as the result file and <c>inspect</c> both give them.</summary>
    public JsonObject Totals() => new()
    {
        ["total"] = Final.Count,
        ["passed"] = Count("passed"),
        ["failed"] = Count("failed"),
        ["errors"] = Count("error"),
        ["skipped"] = Count("skipped"),
        ["flaky"] = Flaky.Count,
    };

    public IEnumerable<TestRecord> Slowest(int count) => Final.Where(t => t.DurationMs is not null).OrderByDescending(t => t.DurationMs).Take(count);

    /// <summary>How a test is told apart within a run and across runs: check, class and name.</summary>
    public static (string Check, string Class, string Name) Key(TestRecord test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return (test.Check, test.ClassName ?? "", test.Name);
    }

    public static RunTests Read(string bundlePath) => new([.. TestRecord.Read(bundlePath)]);

    /// <summary>A view of some of a run's records (the check attempts of one step).</summary>
    public static RunTests Of(IEnumerable<TestRecord> records) => new([.. records]);
}
