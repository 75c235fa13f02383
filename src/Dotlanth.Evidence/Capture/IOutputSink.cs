namespace Dotlanth.Evidence.Capture;

/// <summary>Receives one stream of a child's output, chunk by chunk, on the reading thread.</summary>
public interface IOutputSink
{
    void Write(ReadOnlySpan<byte> chunk);

    void Complete();
}
