namespace Dotlanth.Evidence.Host;

/// <summary>Thrown from inside the replay host to stop the program at the first divergence (not a VM fault).</summary>
public sealed class ReplayDivergedException : Exception
{
    public ReplayDivergedException(ReplayDivergence divergence)
        : base(divergence?.Message)
    {
        Divergence = divergence!;
    }

    public ReplayDivergedException()
        : this(new ReplayDivergence(0, null, null, null, "diverged"))
    {
    }

    public ReplayDivergedException(string message)
        : this(new ReplayDivergence(0, null, null, null, message))
    {
    }

    public ReplayDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Divergence = new ReplayDivergence(0, null, null, null, message);
    }

    public ReplayDivergence Divergence { get; }
}
