using System.Collections.Immutable;

namespace Dotlanth.Evidence.Config;

/// <summary>One check: what to run and what counts as passing. The same shape for evidence.yml and <c>run -- cmd</c>.</summary>
public sealed record CheckDefinition
{
    public required string Name { get; init; }

    /// <summary>The exact argv; for a shell command line this is <c>sh -c &lt;line&gt;</c>.</summary>
    public required ImmutableArray<string> Argv { get; init; }

    public bool Required { get; init; } = true;

    public TimeSpan? Timeout { get; init; }

    /// <summary>Exit codes that count as passing; 0 when not configured.</summary>
    public ImmutableArray<int> AcceptedExitCodes { get; init; } = [0];

    /// <summary>Relative to the configuration file's folder; null means the run's working directory.</summary>
    public string? WorkingDirectory { get; init; }

    public ImmutableDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// Test reports the check writes (paths or globs relative to its working directory), read into tests.jsonl. Null
    /// asks a runner that can be asked without touching its argv (pytest) for a report; empty reads none.
    /// </summary>
    public ImmutableArray<string>? TestReports { get; init; }
}
