using BenchmarkDotNet.Attributes;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Benchmarks;

/// <summary>Single-core redaction throughput on 32 MiB of input, fed in 64 KiB reads as pipes deliver it.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class RedactionThroughput
{
    private const int Size = 32 * 1024 * 1024;
    private const int Read = 64 * 1024;
    private byte[] _buildLog = [];
    private byte[] _dense = [];
    private byte[] _secrets = [];
    private Redactor _redactor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _buildLog = Corpora.BuildLog(Size);
        _dense = Corpora.KeywordDense(Size);
        _secrets = Corpora.SecretDense(Size);
        _redactor = Redactor.Create(new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "ghs_16C7e42F292c6912E7710c838347Ae178B4a",
            ["NUGET_API_KEY"] = "oy2abcdefghijklmnopqrstuvwxyz0123456789abcdefg",
        });
    }

    [Benchmark(Description = "build/test log, 32 MiB")]
    public long BuildLog() => Pump(_buildLog);

    [Benchmark(Description = "keyword-dense text, 32 MiB")]
    public long KeywordDense() => Pump(_dense);

    [Benchmark(Description = "secret-dense text, 32 MiB")]
    public long SecretDense() => Pump(_secrets);

    private long Pump(byte[] input)
    {
        var sink = new NullSink();
        var redacting = _redactor.Wrap(sink);
        for (var pos = 0; pos < input.Length; pos += Read)
        {
            redacting.Write(input.AsSpan(pos, Math.Min(Read, input.Length - pos)));
        }

        redacting.Complete();
        return sink.Bytes;
    }
}
