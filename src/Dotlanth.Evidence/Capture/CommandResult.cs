namespace Dotlanth.Evidence.Capture;

/// <summary>What happened to one child process.</summary>
public sealed record CommandResult
{
    /// <summary>False when exec failed (not found, not executable); see <see cref="StartError"/>.</summary>
    public required bool Started { get; init; }

    /// <summary>Shell convention: the exit status, 128+N for signal N, 127 not found, 126 not executable.</summary>
    public required int ExitCode { get; init; }

    /// <summary>The signal that ended the process, when one did.</summary>
    public int? Signal { get; init; }

    public bool TimedOut { get; init; }

    /// <summary>The signal forwarded to the tree because the caller was interrupted, when it was.</summary>
    public int? CancelledBy { get; init; }

    public int? Errno { get; init; }

    public string? StartError { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;

    /// <summary>Descendants still alive when the tree was stopped and that needed SIGKILL.</summary>
    public int KilledProcesses { get; init; }

    /// <summary>True when output was still arriving from descendants after the child exited and reading stopped.</summary>
    public bool OutputAbandoned { get; init; }

    /// <summary>The size of the pseudo-terminal the child ran in when it started (null: it ran with pipes).</summary>
    public (int Rows, int Cols)? Terminal { get; init; }
}
