using BenchmarkDotNet.Attributes;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>10 MB of input built against the matcher; the target is well under a second each.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class HostileInput
{
    private const int Size = 10 * 1000 * 1000;
    private IReadOnlyDictionary<string, byte[]> _inputs = new Dictionary<string, byte[]>();
    private Redactor _redactor = null!;

    [ParamsSource(nameof(Names))]
    public string Input { get; set; } = "";

    public static IEnumerable<string> Names => Corpora.Hostile(16).Keys;

    [GlobalSetup]
    public void Setup()
    {
        _inputs = Corpora.Hostile(Size);
        _redactor = Redactor.Create(new Dictionary<string, string>());
    }

    [Benchmark(Description = "10 MB hostile input")]
    public long Redact()
    {
        var sink = new NullSink();
        var redacting = _redactor.Wrap(sink);
        redacting.Write(_inputs[Input]);
        redacting.Complete();
        return sink.Bytes;
    }
}
