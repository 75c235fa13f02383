namespace Dotlanth.Evidence.Capture;

/// <summary>A cancellation that remembers which signal asked for it, so the same signal can be forwarded to a child tree.</summary>
public sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private int _signal;
    private int _count;

    public CancellationToken Token => _source.Token;

    public bool IsRaised => _source.IsCancellationRequested;

    /// <summary>The first signal raised; SIGTERM when raised without one.</summary>
    public int Signal => _signal == 0 ? Native.SIGTERM : _signal;

    /// <summary>True once a second signal arrived: the user wants out now, not after the grace period.</summary>
    public bool IsUrgent => Volatile.Read(ref _count) > 1;

    public void Raise(int signal)
    {
        Interlocked.CompareExchange(ref _signal, signal, 0);
        Interlocked.Increment(ref _count);
        _source.Cancel();
    }

    public void Dispose() => _source.Dispose();
}
