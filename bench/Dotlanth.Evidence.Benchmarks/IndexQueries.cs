using BenchmarkDotNet.Attributes;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Index;
using Dotlanth.Evidence.Inspection;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Runs;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>
/// The questions engineers ask, against an index of 100,000 runs: the target is under 50 ms each, opening the index
/// included (as every command does). The newest failed run is a real bundle, written by a real run.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class IndexQueries
{
    private const int Runs = 100_000;
    private string _store = "";

    [GlobalSetup]
    public void Setup()
    {
        _store = Directory.CreateTempSubdirectory("evidence-bench-").FullName;
        var options = CommandProgram.Resolve(new RunOptions { Command = ["sh", "-c", "echo failing >&2; exit 1"], WorkingDirectory = _store, StoreRoot = _store });
        var real = RunSession.Execute(options, RunConsole.Silent, new Interrupt());
        var random = new Random(100_000);
        var start = DateTimeOffset.UtcNow.AddDays(-70);
        using var index = RunIndex.Open(_store, _ => { });
        index.AddAll(Enumerable.Range(0, Runs).Select(i =>
        {
            var at = start.AddSeconds(i * 50);
            var outcome = random.Next(10) == 0 ? "failed" : "verified";
            return new IndexedRun(
                $"{at.UtcDateTime:yyyy-MM-dd'T'HH-mm-ss'Z'}_{i:x6}", at, at.AddSeconds(30), 30_000, outcome, outcome == "failed" ? 1 : 0,
                Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadRight(40, '0'), i % 7 == 0 ? "main" : $"feature-{i % 50}", false,
                "github-actions", i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, new string('0', 64), Path.Combine(_store, "runs", "synthetic"), 10_000)
            {
                Checks = [new IndexedCheck("unit", 1, outcome == "failed" ? "failed" : "passed", outcome == "failed" ? 1 : 0, 20_000), new IndexedCheck("lint", 1, "passed", 0, 5_000)],
            };
        }));
        if (index.Count() != Runs + 1 || RunSelector.Resolve(index, "last-failed", _store) != real.BundlePath)
        {
            throw new InvalidOperationException("the benchmark store is not what it should be");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_store, recursive: true);

    [Benchmark(Description = "ls --outcome failed --limit 1")]
    public int LsLastFailed()
    {
        using var index = RunIndex.Open(_store, _ => { });
        var runs = index.Query(new RunQuery { Outcome = "failed", Limit = 1 });
        return runs.Count + index.ChecksOf(runs[0].Id).Count;
    }

    [Benchmark(Description = "inspect last-failed")]
    public int InspectLastFailed()
    {
        using var index = RunIndex.Open(_store, _ => { });
        return RunInspection.Build(RunSelector.Resolve(index, "last-failed", _store)).Count;
    }
}
