namespace Dotlanth.Evidence.Capture;

/// <summary>Passes output on until the sink throws once; from then on drops it. What the sink lost it reports itself.</summary>
internal sealed class FaultTolerantSink(IOutputSink next) : IOutputSink
{
    private bool _failed;

    public void Write(ReadOnlySpan<byte> chunk)
    {
        if (!_failed)
        {
            try
            {
                next.Write(chunk);
            }
            catch (Exception ex) when (Values.StorageFaults.Is(ex))
            {
                _failed = true;
            }
        }
    }

    public void Flush() => Guard(next.Flush);

    public void Complete() => Guard(next.Complete);

    private void Guard(Action action)
    {
        if (_failed)
        {
            return;
        }

        try
        {
            action();
        }
        catch (Exception ex) when (Values.StorageFaults.Is(ex))
        {
            _failed = true;
        }
    }
}
