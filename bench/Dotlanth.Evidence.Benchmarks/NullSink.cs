using Dotlanth.Evidence.Capture;

namespace Dotlanth.Evidence.Benchmarks;

public sealed class NullSink : IOutputSink
{
    public long Bytes { get; private set; }

    public void Write(ReadOnlySpan<byte> chunk) => Bytes += chunk.Length;

    public void Complete()
    {
    }
}
