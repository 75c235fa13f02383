namespace Dotlanth.Evidence.Capture;

/// <summary>Writes a sink's bytes to a stream (a file, standard output).</summary>
public sealed class StreamSink(Stream stream) : IOutputSink
{
    public void Write(ReadOnlySpan<byte> chunk) => stream.Write(chunk);

    public void Complete() => stream.Flush();
}
