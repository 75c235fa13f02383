namespace Dotlanth.Evidence.Capture;

/// <summary>Echoes raw output to a live stream (the terminal) and forwards it on; a closed terminal does not stop capture.</summary>
public sealed class PassthroughSink(Stream? live, IOutputSink next) : IOutputSink
{
    private Stream? _live = live;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        if (_live is not null)
        {
            try
            {
                _live.Write(chunk);
                _live.Flush();
            }
            catch (IOException)
            {
                _live = null;
            }
        }

        next.Write(chunk);
    }

    public void Flush() => next.Flush();

    public void Complete() => next.Complete();
}
