namespace Dotlanth.Evidence.Checks;

/// <summary>One check to run: the command and its name, and how it is run, bounded and judged.</summary>
/// <param name="Seq">The trace seq of the syscall that asked for it (0 for a check run outside a program).</param>
public sealed record CheckRequest(
    IReadOnlyList<string> Argv,
    string Name,
    string WorkingDirectory,
    long MaxOutputBytes,
    TimeSpan KillGrace,
    long Seq)
{
    public bool Required { get; init; } = true;

    public TimeSpan? Timeout { get; init; }

    /// <summary>Exit codes that count as passed.</summary>
    public IReadOnlyList<int> Accepted { get; init; } = [0];

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>A TRX file the command writes, read into the check's record.</summary>
    public string? TestResults { get; init; }
}
