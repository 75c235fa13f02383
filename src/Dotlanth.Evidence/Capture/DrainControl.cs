using System.Diagnostics;

namespace Dotlanth.Evidence.Capture;

/// <summary>Tells pipe readers when to give up on descendants that outlive the child and keep its pipes open.</summary>
internal sealed class DrainControl
{
    private long _deadlineTicks = long.MaxValue;
    private int _abandoned;

    public bool Abandoned => Volatile.Read(ref _abandoned) != 0;

    public void ChildExited(TimeSpan drain) =>
        Volatile.Write(ref _deadlineTicks, Stopwatch.GetTimestamp() + (long)(drain.TotalSeconds * Stopwatch.Frequency));

    public bool ShouldAbandon()
    {
        if (Stopwatch.GetTimestamp() < Volatile.Read(ref _deadlineTicks))
        {
            return false;
        }

        Volatile.Write(ref _abandoned, 1);
        return true;
    }
}
