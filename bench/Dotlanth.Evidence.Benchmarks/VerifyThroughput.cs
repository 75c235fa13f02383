using BenchmarkDotNet.Attributes;
using Dotlanth.Evidence.Capture;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Runs;
using Dotlanth.Evidence.Verification;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>
/// verify on a real bundle of 1,000 files and 200 MB (declared artifacts of a run): hashing dominates, and the
/// target is at least 1 GB/s in total on this machine.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class VerifyThroughput
{
    private const int Files = 1_000;
    private const int FileBytes = 200 * 1000;
    private string _store = "";
    private string _bundle = "";

    [GlobalSetup]
    public void Setup()
    {
        _store = Directory.CreateTempSubdirectory("evidence-bench-").FullName;
        var data = Path.Combine(_store, "data");
        Directory.CreateDirectory(data);
        var random = new Random(1000);
        var bytes = new byte[FileBytes];
        for (var i = 0; i < Files; i++)
        {
            // Text-like bytes (no secrets), so the redactor copies them unchanged into the bundle.
            for (var j = 0; j < bytes.Length; j++)
            {
                bytes[j] = (byte)(j % 80 == 79 ? '\n' : 'a' + random.Next(26));
            }

            File.WriteAllBytes(Path.Combine(data, $"part-{i:D4}.txt"), bytes);
        }

        File.WriteAllText(Path.Combine(_store, "evidence.yml"), "version: 1\nchecks:\n  - name: unit\n    run: [\"true\"]\nartifacts:\n  - name: data\n    type: dataset\n    path: \"data/*.txt\"\n");
        var options = ConfiguredRun.Resolve(new RunOptions { WorkingDirectory = _store, StoreRoot = Path.Combine(_store, "store") }, null, [], new ExplicitSettings(false, false, false));
        _bundle = RunSession.Execute(options, RunConsole.Silent, new Interrupt()).BundlePath;
        var report = VerifyReport.Of(_bundle, new GatePolicy(), DateTimeOffset.UtcNow);
        var files = Directory.EnumerateFiles(_bundle, "*", SearchOption.AllDirectories).Count();
        if (!report.Met || files < Files)
        {
            throw new InvalidOperationException($"the bundle is not what it should be: {files} files, {report.Problems.Count} problems");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_store, recursive: true);

    [Benchmark(Description = "verify: 1,000 files, 200 MB")]
    public int Verify() => VerifyReport.Of(_bundle, new GatePolicy(), DateTimeOffset.UtcNow).Problems.Count;
}
