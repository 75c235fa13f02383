using System.Collections.Immutable;

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

    /// <summary>
    /// Test reports the command writes (paths or globs, relative to the working directory): null asks a runner that
    /// can be asked (pytest) for one, empty or <c>none</c> reads none.
    /// </summary>
    public ImmutableArray<string>? TestReports { get; init; }

    /// <summary>The repository's top folder: test files are recorded relative to it.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Stops this check alone (its whole process tree, politely first) when the one who asked for it withdraws (an agent's cancelled tool call); the run goes on.</summary>
    public CancellationToken Withdrawn { get; init; }
}
