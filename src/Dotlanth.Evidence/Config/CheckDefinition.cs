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

    /// <summary>A TRX file the check writes (a test run), read into its record; null for none.</summary>
    public string? TestResults { get; init; }
}
