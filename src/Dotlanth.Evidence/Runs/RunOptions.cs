using System.Collections.Immutable;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Redaction;

namespace Dotlanth.Evidence.Runs;

/// <summary>
/// The contract between front ends (CLI, MSBuild, Action) and the core: everything a run needs, already parsed.
/// Problems a front end found in its input travel here too, so the run still seals a bundle that says why it stopped.
/// </summary>
public sealed record RunOptions
{
    public const long DefaultMaxOutputBytes = 64 * 1024;
    public const long DefaultDiffBudgetBytes = 8 * 1024 * 1024;

    public required ImmutableArray<string> Command { get; init; }

    /// <summary>Null: derived from the program name.</summary>
    public string? CheckName { get; init; }

    public TimeSpan? Timeout { get; init; }

    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Null: <c>.evidence</c> at the repository root, else in the working directory.</summary>
    public string? StoreRoot { get; init; }

    public long MaxOutputBytes { get; init; } = DefaultMaxOutputBytes;

    public long DiffBudgetBytes { get; init; } = DefaultDiffBudgetBytes;

    public required string WorkingDirectory { get; init; }

    /// <summary>How the tool itself was invoked, for the manifest (redacted like everything else).</summary>
    public ImmutableArray<string> Invocation { get; init; } = [];

    public string FrontEnd { get; init; } = "cli";

    /// <summary>The environment the run sees; the process environment when null.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    public ImmutableArray<EvidenceError> InputErrors { get; init; } = [];

    /// <summary>The user's additions to redaction (patterns, sensitive names, allowlist, known values).</summary>
    public RedactionOptions Redaction { get; init; } = RedactionOptions.Default;
}
