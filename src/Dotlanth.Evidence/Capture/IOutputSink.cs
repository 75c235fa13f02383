namespace Dotlanth.Evidence.Capture;

/// <summary>Receives one stream of a child's output, chunk by chunk, on the reading thread.</summary>
public interface IOutputSink
{
    void Write(ReadOnlySpan<byte> chunk);

    /// <summary>
    /// Puts what was written so far (whole lines at least) where it survives the process being killed; called while
    /// the stream is quiet or every fraction of a second, so a crash loses only the last moment of output.
    /// </summary>
    void Flush()
    {
    }

    void Complete();
}
